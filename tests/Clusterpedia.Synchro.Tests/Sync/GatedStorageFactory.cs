using Clusterpedia.Objects;
using Clusterpedia.Query;
using Clusterpedia.Storage;

namespace Clusterpedia.Synchro.Tests.Sync;

/// <summary>
/// A decorator around a real storage layer that holds every <see cref="GetResourceVersionsAsync"/> (the storage step of a
/// cluster synchro's creation) until <see cref="Open"/>, counting how many are inside it at once.
/// </summary>
public sealed class GatedStorageFactory(IStorageFactory inner) : IStorageFactory
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();
    private int _inside;

    public int Inside { get { lock (_lock) return _inside; } }
    public int MaxInside { get; private set; }

    public void Open() => _gate.TrySetResult();

    public async ValueTask<IReadOnlyDictionary<GroupVersionResource, ClusterResourceVersions>> GetResourceVersionsAsync(string cluster, CancellationToken ct)
    {
        lock (_lock) MaxInside = Math.Max(MaxInside, ++_inside);
        try
        {
            await _gate.Task.WaitAsync(ct);
            return await inner.GetResourceVersionsAsync(cluster, ct);
        }
        finally
        {
            lock (_lock) _inside--;
        }
    }

    public StorageVerbs SupportedVerbs => inner.SupportedVerbs;
    public IReadOnlyList<CollectionResourceDefinition> CollectionResources => inner.CollectionResources;
    public ValueTask PrepareClusterAsync(string cluster, CancellationToken ct) => inner.PrepareClusterAsync(cluster, ct);
    public ValueTask CleanClusterAsync(string cluster, CancellationToken ct) => inner.CleanClusterAsync(cluster, ct);
    public ValueTask CleanClusterResourceAsync(string cluster, GroupVersionResource resource, CancellationToken ct) => inner.CleanClusterResourceAsync(cluster, resource, ct);
    public IResourceStorage GetResourceStorage(ResourceStorageConfig config) => inner.GetResourceStorage(config);
    public ICollectionResourceStorage GetCollectionResourceStorage(string name) => inner.GetCollectionResourceStorage(name);
    public ValueTask ShutdownAsync(CancellationToken ct) => inner.ShutdownAsync(ct);
    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
