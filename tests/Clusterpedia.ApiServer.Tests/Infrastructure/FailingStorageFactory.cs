using Clusterpedia.Objects;
using Clusterpedia.Query;
using Clusterpedia.Storage;

namespace Clusterpedia.ApiServer.Tests.Infrastructure;

/// <summary>
/// The memory storage whose reads fail with a given exception, standing in for a database that went away: for the
/// tests of how the API reports storage failures.
/// </summary>
internal sealed class FailingStorageFactory(IStorageFactory inner, Func<Exception> failure) : IStorageFactory
{
    public StorageVerbs SupportedVerbs => inner.SupportedVerbs;
    public IReadOnlyList<CollectionResourceDefinition> CollectionResources => inner.CollectionResources;
    public ValueTask PrepareClusterAsync(string cluster, CancellationToken cancellationToken) => inner.PrepareClusterAsync(cluster, cancellationToken);
    public ValueTask CleanClusterAsync(string cluster, CancellationToken cancellationToken) => inner.CleanClusterAsync(cluster, cancellationToken);
    public ValueTask CleanClusterResourceAsync(string cluster, GroupVersionResource resource, CancellationToken cancellationToken) =>
        inner.CleanClusterResourceAsync(cluster, resource, cancellationToken);
    public ValueTask<IReadOnlyDictionary<GroupVersionResource, ClusterResourceVersions>> GetResourceVersionsAsync(string cluster, CancellationToken cancellationToken) =>
        inner.GetResourceVersionsAsync(cluster, cancellationToken);
    public IResourceStorage GetResourceStorage(ResourceStorageConfig config) => new Failing(inner.GetResourceStorage(config), failure);
    public ICollectionResourceStorage GetCollectionResourceStorage(string name) => inner.GetCollectionResourceStorage(name);
    public ValueTask ShutdownAsync(CancellationToken cancellationToken) => inner.ShutdownAsync(cancellationToken);
    public ValueTask DisposeAsync() => inner.DisposeAsync();

    private sealed class Failing(IResourceStorage inner, Func<Exception> failure) : IResourceStorage
    {
        public ResourceStorageConfig Config => inner.Config;
        public ValueTask<ResourceObject> GetAsync(string cluster, string @namespace, string name, CancellationToken cancellationToken) => throw failure();
        public ValueTask ListAsync(ListOptions options, IListSink sink, CancellationToken cancellationToken) => throw failure();
        public IAsyncEnumerable<WatchEvent> WatchAsync(ListOptions options, CancellationToken cancellationToken) => throw failure();
        public ValueTask CreateAsync(string cluster, ResourceObject obj, CancellationToken cancellationToken) => inner.CreateAsync(cluster, obj, cancellationToken);
        public ValueTask UpdateAsync(string cluster, ResourceObject obj, CancellationToken cancellationToken) => inner.UpdateAsync(cluster, obj, cancellationToken);
        public ValueTask UpsertAsync(string cluster, ResourceObject obj, CancellationToken cancellationToken) => inner.UpsertAsync(cluster, obj, cancellationToken);
        public ValueTask DeleteAsync(string cluster, string @namespace, string name, CancellationToken cancellationToken) => inner.DeleteAsync(cluster, @namespace, name, cancellationToken);
        public ValueTask RecordEventAsync(string cluster, ResourceObject @event, CancellationToken cancellationToken) => inner.RecordEventAsync(cluster, @event, cancellationToken);
    }
}
