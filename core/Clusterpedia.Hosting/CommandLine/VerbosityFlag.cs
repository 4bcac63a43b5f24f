using Microsoft.Extensions.Logging;

namespace Clusterpedia.Hosting.CommandLine;

/// <summary>
/// klog's <c>-v</c>/<c>--v</c> log verbosity, mapped to the host's minimum log level: 0-3 Information (upstream's charts
/// pass 3), 4-5 Debug, 6 and more Trace. Higher klog levels log more; so do lower .NET levels.
/// </summary>
public static class VerbosityFlag
{
    public const string Name = "v";

    public static FlagSet Add(FlagSet flags) => flags
        .Add(new(Name, "log verbosity (klog): 0-3 Information, 4-5 Debug, 6+ Trace", DefaultValue: "0", Shorthand: 'v', ValueName: "Level"));

    public static LogLevel ToLogLevel(int verbosity) => verbosity switch
    {
        >= 6 => LogLevel.Trace,
        >= 4 => LogLevel.Debug,
        _ => LogLevel.Information,
    };

    /// <exception cref="UsageException">Not an integer from 0.</exception>
    public static LogLevel ToOptions(ParsedFlags flags) =>
        flags.IsDefined(Name) ? ToLogLevel(flags.GetInt32(Name, 0, int.MaxValue)) : LogLevel.Information;
}
