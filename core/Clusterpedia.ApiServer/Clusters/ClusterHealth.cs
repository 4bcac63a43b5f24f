namespace Clusterpedia.ApiServer.Clusters;

/// <summary>The <c>ClusterHealthy</c> condition of a PediaCluster: requests scoped to an unhealthy cluster get a warning.</summary>
public sealed record ClusterHealth(bool Healthy, string? Reason = null)
{
    public static ClusterHealth Ready { get; } = new(true);

    /// <summary>No ClusterHealthy condition yet; upstream treats it as not ready.</summary>
    public static ClusterHealth Unknown { get; } = new(false);
}
