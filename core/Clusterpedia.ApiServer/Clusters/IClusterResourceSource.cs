namespace Clusterpedia.ApiServer.Clusters;

/// <summary>
/// Which clusters exist, how healthy they are and which resources each has synced. The synchro (or a PediaCluster
/// informer) feeds it; the API server reads <see cref="Catalog"/> on every request, so it must be a cheap snapshot.
/// </summary>
public interface IClusterResourceSource
{
    /// <summary>The current immutable snapshot.</summary>
    ClusterCatalog Catalog { get; }

    /// <summary>Raised after <see cref="Catalog"/> was replaced.</summary>
    event EventHandler? Changed;
}
