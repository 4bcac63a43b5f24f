namespace Clusterpedia.Hosting.CommandLine;

/// <summary>The command line could not be parsed (unknown flag, missing value, stray argument): exit code 2, as pflag does.</summary>
public sealed class UsageException(string message) : Exception(message);
