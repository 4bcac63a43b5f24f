using Clusterpedia.Objects;
using Clusterpedia.Query;
using Clusterpedia.Storage;

namespace Clusterpedia.Synchro.Tests.Sync;

/// <summary>
/// A decorator around a real storage layer: counts the writes that reach it and, while <see cref="FailWrites"/> is
/// set, fails every write with a recoverable error (a database that is down).
/// </summary>
public sealed class ObservedStorageFactory(IStorageFactory inner) : IStorageFactory
{
    private long _upserts, _deletes, _failed;

    public IStorageFactory Inner { get; } = inner;
    public volatile bool FailWrites;

    /// <summary>Objects (by name) this storage refuses with a non-recoverable error, as a database rejects a bad row.</summary>
    public volatile string? RejectName;

    public long Upserts => Interlocked.Read(ref _upserts);
    public long Deletes => Interlocked.Read(ref _deletes);
    public long FailedWrites => Interlocked.Read(ref _failed);

    /// <summary>namespace/name of every recorded Event, with the cluster annotation it carried.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, string?> RecordedEvents { get; } = new();

    public void ResetCounts()
    {
        Interlocked.Exchange(ref _upserts, 0);
        Interlocked.Exchange(ref _deletes, 0);
    }

    internal void Check()
    {
        if (!FailWrites) return;
        Interlocked.Increment(ref _failed);
        throw StorageException.Recoverable("storage is down (test)");
    }

    internal void Reject(ResourceObject obj)
    {
        if (RejectName is { } name && obj.Metadata.Name == name) throw StorageException.Fatal($"object {name} rejected (test)");
    }

    internal void CountUpserts(int n) => Interlocked.Add(ref _upserts, n);
    internal void CountDelete() => Interlocked.Increment(ref _deletes);

    public StorageVerbs SupportedVerbs => Inner.SupportedVerbs;
    public IReadOnlyList<CollectionResourceDefinition> CollectionResources => Inner.CollectionResources;
    public ValueTask PrepareClusterAsync(string cluster, CancellationToken ct) => Inner.PrepareClusterAsync(cluster, ct);
    public ValueTask CleanClusterAsync(string cluster, CancellationToken ct) => Inner.CleanClusterAsync(cluster, ct);
    public ValueTask CleanClusterResourceAsync(string cluster, GroupVersionResource resource, CancellationToken ct) => Inner.CleanClusterResourceAsync(cluster, resource, ct);
    public ValueTask<IReadOnlyDictionary<GroupVersionResource, ClusterResourceVersions>> GetResourceVersionsAsync(string cluster, CancellationToken ct) =>
        Inner.GetResourceVersionsAsync(cluster, ct);
    public IResourceStorage GetResourceStorage(ResourceStorageConfig config) => new ObservedResourceStorage(this, Inner.GetResourceStorage(config));
    public ICollectionResourceStorage GetCollectionResourceStorage(string name) => Inner.GetCollectionResourceStorage(name);
    public ValueTask ShutdownAsync(CancellationToken ct) => Inner.ShutdownAsync(ct);
    public ValueTask DisposeAsync() => Inner.DisposeAsync();

    private sealed class ObservedResourceStorage(ObservedStorageFactory owner, IResourceStorage inner) : IResourceStorage
    {
        public ResourceStorageConfig Config => inner.Config;
        public ValueTask<ResourceObject> GetAsync(string cluster, string ns, string name, CancellationToken ct) => inner.GetAsync(cluster, ns, name, ct);
        public ValueTask ListAsync(ListOptions options, IListSink sink, CancellationToken ct) => inner.ListAsync(options, sink, ct);
        public IAsyncEnumerable<WatchEvent> WatchAsync(ListOptions options, CancellationToken ct) => inner.WatchAsync(options, ct);
        public async ValueTask RecordEventAsync(string cluster, ResourceObject e, CancellationToken ct)
        {
            owner.Check();
            await inner.RecordEventAsync(cluster, e, ct);
            owner.RecordedEvents[$"{e.Metadata.Namespace}/{e.Metadata.Name}"] = e.Metadata.Cluster;
        }

        public async ValueTask CreateAsync(string cluster, ResourceObject obj, CancellationToken ct)
        {
            owner.Check();
            await inner.CreateAsync(cluster, obj, ct);
            owner.CountUpserts(1);
        }

        public async ValueTask UpdateAsync(string cluster, ResourceObject obj, CancellationToken ct)
        {
            owner.Check();
            await inner.UpdateAsync(cluster, obj, ct);
            owner.CountUpserts(1);
        }

        public async ValueTask UpsertAsync(string cluster, ResourceObject obj, CancellationToken ct)
        {
            owner.Check();
            owner.Reject(obj);
            await inner.UpsertAsync(cluster, obj, ct);
            owner.CountUpserts(1);
        }

        public async ValueTask UpsertManyAsync(string cluster, IReadOnlyList<ResourceObject> objects, CancellationToken ct)
        {
            owner.Check();
            foreach (var obj in objects) owner.Reject(obj);
            await inner.UpsertManyAsync(cluster, objects, ct);
            owner.CountUpserts(objects.Count);
        }

        public async ValueTask DeleteAsync(string cluster, string ns, string name, CancellationToken ct)
        {
            owner.Check();
            await inner.DeleteAsync(cluster, ns, name, ct);
            owner.CountDelete();
        }
    }
}
