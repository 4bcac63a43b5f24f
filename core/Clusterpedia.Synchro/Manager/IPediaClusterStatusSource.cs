using Clusterpedia.Synchro.Api;

namespace Clusterpedia.Synchro.Manager;

/// <summary>
/// What the synchro knows about every PediaCluster, status included: the API server's cluster source reads this
/// (clusters, the ClusterHealthy condition, synced resources with kind, scope and storage version).
/// </summary>
public interface IPediaClusterStatusSource
{
    /// <summary>A fresh snapshot of every cluster with its current status, sorted by name.</summary>
    IReadOnlyList<PediaCluster> Clusters { get; }

    /// <summary>Raised (from any thread) after a cluster was added, removed, or its status changed.</summary>
    event EventHandler? Changed;
}
