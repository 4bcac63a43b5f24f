using Clusterpedia.Objects;
using Clusterpedia.Storage;

namespace Clusterpedia.ApiServer.Tests.Infrastructure;

/// <summary>
/// The memory storage advertising only get and list, as the internal (SQL) storage does: for the tests of what
/// the API does when a storage layer cannot watch.
/// </summary>
internal sealed class ListOnlyStorageFactory(IStorageFactory inner) : IStorageFactory
{
    public StorageVerbs SupportedVerbs => StorageVerbs.Get | StorageVerbs.List;
    public IReadOnlyList<CollectionResourceDefinition> CollectionResources => inner.CollectionResources;
    public ValueTask PrepareClusterAsync(string cluster, CancellationToken cancellationToken) => inner.PrepareClusterAsync(cluster, cancellationToken);
    public ValueTask CleanClusterAsync(string cluster, CancellationToken cancellationToken) => inner.CleanClusterAsync(cluster, cancellationToken);
    public ValueTask CleanClusterResourceAsync(string cluster, GroupVersionResource resource, CancellationToken cancellationToken) =>
        inner.CleanClusterResourceAsync(cluster, resource, cancellationToken);
    public ValueTask<IReadOnlyDictionary<GroupVersionResource, ClusterResourceVersions>> GetResourceVersionsAsync(string cluster, CancellationToken cancellationToken) =>
        inner.GetResourceVersionsAsync(cluster, cancellationToken);
    public IResourceStorage GetResourceStorage(ResourceStorageConfig config) => inner.GetResourceStorage(config);
    public ICollectionResourceStorage GetCollectionResourceStorage(string name) => inner.GetCollectionResourceStorage(name);
    public ValueTask ShutdownAsync(CancellationToken cancellationToken) => inner.ShutdownAsync(cancellationToken);
    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
