namespace Clusterpedia.ApiServer.Clusters;

/// <summary>An immutable snapshot of the clusters and their synced resources, indexed per cluster and for all clusters.</summary>
public sealed class ClusterCatalog
{
    private readonly Dictionary<string, ClusterState> _clusters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ResourceIndex> _indexes = new(StringComparer.Ordinal);

    public static ClusterCatalog Empty { get; } = new([]);

    public ClusterCatalog(IEnumerable<ClusterState> clusters)
    {
        foreach (var c in clusters.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            _clusters[c.Name] = c;
            _indexes[c.Name] = new ResourceIndex(c.Resources);
        }
        AllClusters = new ResourceIndex(_clusters.Values.SelectMany(c => c.Resources));
    }

    /// <summary>The cluster names, sorted.</summary>
    public IEnumerable<string> ClusterNames => _clusters.Keys;

    /// <summary>The union of every cluster's resources.</summary>
    public ResourceIndex AllClusters { get; }

    public bool TryGetCluster(string name, out ClusterState cluster) => _clusters.TryGetValue(name, out cluster!);

    /// <summary>The index for a cluster, or for all clusters when <paramref name="cluster"/> is null; null for an unknown cluster.</summary>
    public ResourceIndex? IndexFor(string? cluster) =>
        cluster is null ? AllClusters : _indexes.GetValueOrDefault(cluster);
}
