namespace Clusterpedia.ApiServer.Clusters;

/// <summary>An <see cref="IClusterResourceSource"/> fed directly in process: by tests, or by a synchro running in the same host.</summary>
public sealed class InMemoryClusterResourceSource : IClusterResourceSource
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ClusterState> _clusters = new(StringComparer.Ordinal);
    private volatile ClusterCatalog _catalog = ClusterCatalog.Empty;

    public ClusterCatalog Catalog => _catalog;

    public event EventHandler? Changed;

    /// <summary>Adds or replaces a cluster.</summary>
    public void Set(ClusterState cluster)
    {
        ArgumentException.ThrowIfNullOrEmpty(cluster.Name);
        Update(clusters => clusters[cluster.Name] = cluster);
    }

    public void Set(string cluster, ClusterHealth health, IEnumerable<SyncedResource> resources) =>
        Set(new ClusterState(cluster, health, resources.ToArray()));

    /// <summary>Replaces a cluster's health, keeping its resources. Unknown clusters are ignored.</summary>
    public void SetHealth(string cluster, ClusterHealth health) => Update(clusters =>
    {
        if (clusters.TryGetValue(cluster, out var state)) clusters[cluster] = state with { Health = health };
    });

    /// <summary>Replaces a cluster's synced resources, keeping its health; adds the cluster (health unknown) when missing.</summary>
    public void SetResources(string cluster, IEnumerable<SyncedResource> resources) => Update(clusters =>
    {
        var health = clusters.TryGetValue(cluster, out var state) ? state.Health : ClusterHealth.Unknown;
        clusters[cluster] = new ClusterState(cluster, health, resources.ToArray());
    });

    /// <summary>Removes a cluster (its PediaCluster was deleted).</summary>
    public void Remove(string cluster) => Update(clusters => clusters.Remove(cluster));

    private void Update(Action<Dictionary<string, ClusterState>> change)
    {
        lock (_gate)
        {
            change(_clusters);
            _catalog = new ClusterCatalog(_clusters.Values);
        }
        Changed?.Invoke(this, EventArgs.Empty);
    }
}
