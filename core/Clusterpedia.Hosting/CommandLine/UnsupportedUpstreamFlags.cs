namespace Clusterpedia.Hosting.CommandLine;

/// <summary>
/// Upstream flags whose features this build does not have. They are defined so upstream's charts parse; their off value
/// (false, or empty) is accepted silently, and any other value stops the host with an error saying so.
/// </summary>
public static class UnsupportedUpstreamFlags
{
    public const string EnableKubeStateMetrics = "enable-kube-state-metrics";
    public const string ShardingName = "sharding-name";
    public const string TracingConfigFile = "tracing-config-file";

    public static FlagSet AddSynchro(FlagSet flags) => flags
        .Add(new(EnableKubeStateMetrics, "upstream's kube-state-metrics endpoint; not supported by this build (only false is accepted)", IsBoolean: true))
        .Add(new(ShardingName, "upstream's manager sharding; not supported by this build (only empty is accepted)"));

    public static FlagSet AddApiServer(FlagSet flags) => flags
        .Add(new(TracingConfigFile, "upstream's OpenTelemetry tracing config; not supported by this build (only empty is accepted)"));

    /// <exception cref="HostConfigurationException">A flag asks for a feature this build does not have.</exception>
    public static void Check(ParsedFlags flags)
    {
        if (flags.IsDefined(EnableKubeStateMetrics) && flags.GetBool(EnableKubeStateMetrics))
            throw NotSupported(EnableKubeStateMetrics, "kube-state-metrics is not supported by this build; remove the flag or set it to false");
        if (flags.IsDefined(ShardingName) && flags.GetNonEmptyString(ShardingName) is { } shard)
            throw NotSupported(ShardingName, $"sharding (\"{shard}\") is not supported by this build: one manager syncs every PediaCluster; remove the flag");
        if (flags.IsDefined(TracingConfigFile) && flags.GetNonEmptyString(TracingConfigFile) is not null)
            throw NotSupported(TracingConfigFile, "tracing is not supported by this build; remove the flag");
    }

    private static HostConfigurationException NotSupported(string flag, string message) => new($"--{flag}: {message}");
}
