using Clusterpedia.Synchro.Resources;

namespace Clusterpedia.Synchro.Clusters;

public sealed record ClusterSynchroOptions
{
    /// <summary>How often <c>/readyz</c> is checked (with 50% jitter).</summary>
    public TimeSpan HealthCheckInterval { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>How often discovery is re-read while healthy, so CRDs that appear or vanish are synced or cleaned.</summary>
    public TimeSpan DiscoveryRefreshInterval { get; init; } = TimeSpan.FromSeconds(30);
    public ResourceSynchroOptions Resource { get; init; } = new();
    public NegotiationGates Gates { get; init; } = new();
}
