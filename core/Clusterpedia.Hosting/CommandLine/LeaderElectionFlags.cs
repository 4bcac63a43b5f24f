using Clusterpedia.Kube.LeaderElection;

namespace Clusterpedia.Hosting.CommandLine;

/// <summary>
/// component-base's leader election flags (upstream's names and defaults) that tune <c>--leader-elect</c>'s Lease;
/// converted to <see cref="LeaderElectionOptions"/>.
/// </summary>
public static class LeaderElectionFlags
{
    public const string LeaseDuration = "leader-elect-lease-duration";
    public const string RenewDeadline = "leader-elect-renew-deadline";
    public const string RetryPeriod = "leader-elect-retry-period";
    public const string ResourceLock = "leader-elect-resource-lock";
    public const string ResourceName = "leader-elect-resource-name";
    public const string ResourceNamespace = "leader-elect-resource-namespace";

    /// <summary>The only lock kind implemented: coordination.k8s.io/v1 Leases (upstream's default).</summary>
    public const string Leases = "leases";

    public const string DefaultResourceName = "clusterpedia-clustersynchro-manager";

    public static FlagSet Add(FlagSet flags) => flags
        .Add(new(LeaseDuration, "how long non-leaders wait after the last renewal before taking the lease over", DefaultValue: "15s", ValueName: "duration"))
        .Add(new(RenewDeadline, "how long the leader keeps retrying to renew before it stops leading; less than the lease duration", DefaultValue: "10s", ValueName: "duration"))
        .Add(new(RetryPeriod, "how long to wait between attempts to acquire or renew; less than the renew deadline", DefaultValue: "2s", ValueName: "duration"))
        .Add(new(ResourceLock, $"the kind of lock object; only \"{Leases}\" is supported", DefaultValue: Leases))
        .Add(new(ResourceName, "the name of the Lease", DefaultValue: DefaultResourceName))
        .Add(new(ResourceNamespace, "the namespace of the Lease; empty = $CLUSTERPEDIA_NAMESPACE, else the pod's namespace, else clusterpedia-system"));

    /// <summary>Null when these flags are not defined for this executable.</summary>
    /// <exception cref="UsageException">A malformed duration, or durations in the wrong order.</exception>
    /// <exception cref="HostConfigurationException">A lock kind other than leases.</exception>
    public static LeaderElectionOptions? ToOptions(ParsedFlags flags)
    {
        if (!flags.IsDefined(LeaseDuration)) return null;
        var lease = Duration(flags, LeaseDuration);
        var renew = Duration(flags, RenewDeadline);
        var retry = Duration(flags, RetryPeriod);
        // client-go refuses the same orders: a leader must give up before others may take over, and retry within the deadline.
        if (renew >= lease)
            throw new UsageException($"--{RenewDeadline} ({Text(renew)}) must be less than --{LeaseDuration} ({Text(lease)})");
        if (retry >= renew)
            throw new UsageException($"--{RetryPeriod} ({Text(retry)}) must be less than --{RenewDeadline} ({Text(renew)})");
        var resourceLock = flags.GetString(ResourceLock) ?? Leases;
        if (resourceLock != Leases)
            throw new HostConfigurationException(
                $"--{ResourceLock}=\"{resourceLock}\" is not supported by this build: the only supported value is \"{Leases}\"");
        var name = flags.GetNonEmptyString(ResourceName) ?? throw new UsageException($"--{ResourceName} must not be empty");
        var ns = flags.GetNonEmptyString(ResourceNamespace) ?? LeaderElectionOptions.DefaultNamespace();
        return new LeaderElectionOptions(ns, name, LeaderElectionOptions.DefaultIdentity())
        {
            LeaseDuration = lease, RenewDeadline = renew, RetryPeriod = retry,
        };
    }

    private static TimeSpan Duration(ParsedFlags flags, string name)
    {
        var value = SecurityFlags.ParseDuration(name, flags.GetString(name) ?? "");
        return value > TimeSpan.Zero ? value : throw new UsageException($"invalid argument \"{flags.GetString(name)}\" for \"--{name}\" flag: must be positive");
    }

    private static string Text(TimeSpan t) => $"{t.TotalSeconds:0.###}s";
}
