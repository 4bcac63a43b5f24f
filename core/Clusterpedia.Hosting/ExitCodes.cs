namespace Clusterpedia.Hosting;

/// <summary>Process exit codes of every host.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Invalid configuration or a failure at run time (bad flag value, unknown storage, storage init error).</summary>
    public const int Failure = 1;

    /// <summary>The command line could not be parsed (unknown flag, missing value), as pflag-based components do.</summary>
    public const int Usage = 2;
}
