using Clusterpedia.Synchro.Clusters;

namespace Clusterpedia.Synchro.Manager;

public sealed record ClusterSynchroManagerOptions
{
    public ClusterSynchroOptions Synchro { get; init; } = new();

    /// <summary>
    /// <c>--worker-number</c>: how many clusters may be starting their synchro at once (connect, version, discovery, read the
    /// stored resource versions). Upstream's reconcile workers bound the same step; running synchros are not limited.
    /// </summary>
    public int WorkerNumber { get; init; } = 5;
    /// <summary>Gate ClusterAuthenticationFromSecret (alpha, off): credentials from the Secrets <c>authenticationFrom</c> names.</summary>
    public bool ClusterAuthenticationFromSecret { get; init; }
    /// <summary>Retry delays after a failed synchro creation: 2 s doubling to 15 s for 5 attempts, then 60 s (upstream's rate limiter).</summary>
    public TimeSpan CreateRetryInitial { get; init; } = TimeSpan.FromSeconds(2);
    public TimeSpan CreateRetryMax { get; init; } = TimeSpan.FromSeconds(15);
    public TimeSpan CreateRetrySlow { get; init; } = TimeSpan.FromSeconds(60);
}
