using System.Net;
using Clusterpedia.Synchro.Manager;

namespace Clusterpedia.Hosting;

/// <summary>Where the synchro learns its PediaClusters, and how it syncs them.</summary>
/// <param name="PediaClustersPath"><c>--pediaclusters</c>: local manifests, status kept in-process.</param>
/// <param name="Kubeconfig"><c>--kubeconfig</c>: the host cluster holding PediaCluster objects (read-only for the split apiserver).</param>
/// <param name="LeaderElect"><c>--leader-elect</c>: only with a host cluster.</param>
/// <param name="Metrics"><c>--metrics-host</c>/<c>--metrics-port</c>: the plain-HTTP /metrics listener; null disables it.</param>
public sealed record SynchroHostOptions(
    string? PediaClustersPath,
    string? Kubeconfig,
    bool LeaderElect,
    ClusterSynchroManagerOptions Manager,
    MetricsEndpointOptions? Metrics = null)
{
    public bool HasSource => PediaClustersPath is not null || Kubeconfig is not null;

    /// <summary>The <c>--leader-elect-*</c> Lease and timings; null uses the defaults.</summary>
    public Clusterpedia.Kube.LeaderElection.LeaderElectionOptions? LeaderElection { get; init; }

    /// <summary><c>--master</c>, <c>--kube-api-qps</c>, <c>--kube-api-burst</c> for the host cluster connection.</summary>
    public CommandLine.KubeClientSettings HostClient { get; init; } = CommandLine.KubeClientSettings.Default;
}

/// <summary>Where the synchro's Prometheus metrics are served (plain HTTP, only <c>/metrics</c>).</summary>
public sealed record MetricsEndpointOptions(IPAddress Host, int Port);
