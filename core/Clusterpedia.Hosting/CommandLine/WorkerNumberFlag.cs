namespace Clusterpedia.Hosting.CommandLine;

/// <summary>
/// Upstream's <c>--worker-number</c>: how many clusters may be starting their synchro at once (connect, discovery, reading
/// what storage holds). See <see cref="Clusterpedia.Synchro.Manager.ClusterSynchroManagerOptions.WorkerNumber"/>.
/// </summary>
public static class WorkerNumberFlag
{
    public const string Name = "worker-number";

    public static FlagSet Add(FlagSet flags) => flags
        .Add(new(Name, "how many clusters may start their synchro (connect, discover, read stored versions) at once", DefaultValue: "5", ValueName: "int"));

    /// <exception cref="UsageException">Not an integer from 1.</exception>
    public static int ToOptions(ParsedFlags flags) => flags.GetInt32(Name, 1, 10_000);
}
