using Clusterpedia.Synchro.Manager;

namespace Clusterpedia.Hosting;

/// <summary>Where the synchro learns its PediaClusters, and how it syncs them.</summary>
/// <param name="PediaClustersPath"><c>--pediaclusters</c>: local manifests, status kept in-process.</param>
/// <param name="Kubeconfig"><c>--kubeconfig</c>: the host cluster holding PediaCluster objects.</param>
/// <param name="LeaderElect"><c>--leader-elect</c>: only with a host cluster.</param>
public sealed record SynchroHostOptions(
    string? PediaClustersPath,
    string? Kubeconfig,
    bool LeaderElect,
    ClusterSynchroManagerOptions Manager)
{
    public bool HasSource => PediaClustersPath is not null || Kubeconfig is not null;
}
