using System.Collections.Concurrent;
using Clusterpedia.Objects;
using Clusterpedia.Query;

namespace Clusterpedia.Storage.Memory;

/// <summary>
/// The memory storage layer (<c>--storage-name=memory</c>): everything lives in this process, for the
/// binding-apiserver and for tests. Serves get, list and watch, and the collection resources any, workloads and
/// kuberesources. Nothing survives a restart.
/// </summary>
/// <remarks>
/// Objects are keyed by (cluster, namespace, name) per storage resource and kept as the JSON the synchro wrote.
/// Every list option is honoured. For how resourceVersions, lists and watches relate, see <see cref="MemoryResourceStorage"/>.
/// The storage config file is not used.
/// </remarks>
[StorageLayer("memory")]
public sealed class MemoryStorageFactory : IStorageFactory
{
    private readonly ConcurrentDictionary<GroupVersionResource, ResourceStore> _stores = new();
    private readonly ConcurrentDictionary<string, bool> _clusters = new(StringComparer.Ordinal);
    private readonly OwnerIndex _owners = new();
    private readonly long _startSequence;
    private readonly Timer _bookmarks;

    public MemoryStorageFactory(MemoryStorageOptions options)
    {
        options.Validate();
        Options = options;
        _startSequence = options.StartSequence ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;
        _bookmarks = new Timer(_ => SendBookmarks(), null, options.BookmarkInterval, options.BookmarkInterval);
    }

    public static ValueTask<IStorageFactory> CreateAsync(StorageLayerOptions options, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IStorageFactory>(new MemoryStorageFactory(new MemoryStorageOptions()));

    public MemoryStorageOptions Options { get; }

    public StorageVerbs SupportedVerbs => StorageVerbs.Get | StorageVerbs.List | StorageVerbs.Watch;

    public IReadOnlyList<CollectionResourceDefinition> CollectionResources => BuiltInCollectionResources.All;

    /// <summary>The clusters announced by <see cref="PrepareClusterAsync"/> and not cleaned since.</summary>
    public IReadOnlyCollection<string> PreparedClusters => _clusters.Keys.ToArray();

    internal IEnumerable<ResourceStore> Stores => _stores.Values;

    public ValueTask PrepareClusterAsync(string cluster, CancellationToken cancellationToken)
    {
        _clusters.TryAdd(cluster, true);
        return ValueTask.CompletedTask;
    }

    public ValueTask CleanClusterAsync(string cluster, CancellationToken cancellationToken)
    {
        foreach (var store in _stores.Values) store.RemoveCluster(cluster);
        _owners.RemoveCluster(cluster);
        _clusters.TryRemove(cluster, out _);
        return ValueTask.CompletedTask;
    }

    public ValueTask CleanClusterResourceAsync(string cluster, GroupVersionResource resource, CancellationToken cancellationToken)
    {
        if (_stores.TryGetValue(resource, out var store)) store.RemoveCluster(cluster);
        return ValueTask.CompletedTask;
    }

    /// <summary>What is stored now, so an in-process synchro restart rewrites only what changed. Events are never kept.</summary>
    public ValueTask<IReadOnlyDictionary<GroupVersionResource, ClusterResourceVersions>> GetResourceVersionsAsync(
        string cluster, CancellationToken cancellationToken)
    {
        var result = new Dictionary<GroupVersionResource, ClusterResourceVersions>();
        var noEvents = new Dictionary<string, string>();
        foreach (var store in _stores.Values)
        {
            var versions = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var obj in store.ObjectsOf(cluster))
                versions[ClusterResourceVersions.KeyOf(obj.Key.Namespace, obj.Key.Name)] = obj.Metadata.ResourceVersion;
            if (versions.Count > 0) result[store.Resource] = new ClusterResourceVersions(versions, noEvents);
        }
        return ValueTask.FromResult<IReadOnlyDictionary<GroupVersionResource, ClusterResourceVersions>>(result);
    }

    public IResourceStorage GetResourceStorage(ResourceStorageConfig config)
    {
        var store = _stores.GetOrAdd(config.Resource,
            static (resource, state) => new ResourceStore(resource, state.Kind, state.Owners, state.CacheSize, state.Start),
            (config.Kind, Owners: _owners, CacheSize: Options.WatchCacheSize, Start: _startSequence));
        store.LearnKind(config.Kind);
        return new MemoryResourceStorage(config, store, this);
    }

    public ICollectionResourceStorage GetCollectionResourceStorage(string name)
    {
        var definition = BuiltInCollectionResources.Find(name)
            ?? throw StorageException.NotFound($"collection resource \"{name}\" not found; the memory storage has any, workloads and kuberesources");
        return new MemoryCollectionResourceStorage(definition, this);
    }

    public ValueTask ShutdownAsync(CancellationToken cancellationToken) => DisposeAsync();

    /// <summary>Stops bookmarks and ends every open watch. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        await _bookmarks.DisposeAsync().ConfigureAwait(false);
        foreach (var store in _stores.Values) store.CloseWatchers();
    }

    /// <summary>The filter of a request. Owner searches are resolved here, across every resource of the one cluster.</summary>
    /// <exception cref="StorageException">With <see cref="StorageErrorKind.Invalid"/> for an owner search without exactly one cluster.</exception>
    internal ObjectFilter CreateFilter(ListOptions options, bool forResource)
    {
        if (!forResource || !options.HasOwner) return new ObjectFilter(options, null);
        if (options.Clusters.Count != 1)
            throw StorageException.Invalid("If searching by owner uid or name, then the cluster must be specified");
        return new ObjectFilter(options, _owners.ResolveControllers(options.Clusters[0], options));
    }

    private void SendBookmarks()
    {
        foreach (var store in _stores.Values) store.SendBookmarks();
    }
}
