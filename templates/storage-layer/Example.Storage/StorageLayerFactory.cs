using Clusterpedia.Objects;
using Clusterpedia.Storage;

namespace Example.Storage;

/// <summary>
/// The example-storage storage layer: <c>--storage-name=example-storage</c>.
/// </summary>
/// <remarks>
/// This starting point keeps objects in memory (<see cref="ObjectTable"/>), so it builds and passes the conformance
/// tests out of the box. Replace <see cref="ObjectTable"/> and the list code with your database, run the tests, and
/// keep them green. What makes this class a storage layer:
/// <list type="bullet">
/// <item><c>[StorageLayer("example-storage")]</c>: the name users select. A host that references this project compiles the
/// class into its registry at build time (a source generator; no reflection, no plugin loading).</item>
/// <item>It implements <see cref="IStorageFactory"/>.</item>
/// <item><see cref="CreateAsync"/> with exactly this signature; the host calls it once at start-up with the
/// <c>--storage-config</c> path. Read and validate your config and connect here, so mistakes fail the start.</item>
/// </list>
/// Errors: throw <see cref="StorageException"/>. Use <see cref="StorageErrorKind.Recoverable"/> for transient failures
/// (connection lost, timeout, lock wait): the synchro retries those; anything else is logged and the event is dropped.
/// </remarks>
[StorageLayer("example-storage")]
public sealed class StorageLayerFactory : IStorageFactory
{
    private readonly ObjectTable _table = new();

    /// <summary>Called by the host once, at start-up. <paramref name="options"/> carries <c>--storage-config</c>'s path.</summary>
    public static ValueTask<IStorageFactory> CreateAsync(StorageLayerOptions options, CancellationToken cancellationToken)
    {
        // TODO: read options.ConfigPath (YAML: YamlDotNet with Vecc.YamlDotNet.Analyzers.StaticGenerator is AOT-safe),
        // apply environment overrides through options.GetEnvironmentVariable, connect, create your schema.
        return ValueTask.FromResult<IStorageFactory>(new StorageLayerFactory());
    }

    /// <summary>Advertise Watch only once <see cref="IResourceStorage.WatchAsync"/> works.</summary>
    public StorageVerbs SupportedVerbs => StorageVerbs.Get | StorageVerbs.List;

    public IReadOnlyList<CollectionResourceDefinition> CollectionResources => BuiltInCollectionResources.All;

    public ValueTask PrepareClusterAsync(string cluster, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask CleanClusterAsync(string cluster, CancellationToken cancellationToken)
    {
        _table.Remove(o => o.Cluster == cluster);
        return ValueTask.CompletedTask;
    }

    public ValueTask CleanClusterResourceAsync(string cluster, GroupVersionResource resource, CancellationToken cancellationToken)
    {
        _table.Remove(o => o.Cluster == cluster && o.Resource == resource);
        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyDictionary<GroupVersionResource, ClusterResourceVersions>> GetResourceVersionsAsync(
        string cluster, CancellationToken cancellationToken)
    {
        var noEvents = new Dictionary<string, string>();
        IReadOnlyDictionary<GroupVersionResource, ClusterResourceVersions> versions = _table.Where(o => o.Cluster == cluster)
            .GroupBy(o => o.Resource)
            .ToDictionary(g => g.Key, g => new ClusterResourceVersions(
                g.ToDictionary(o => ClusterResourceVersions.KeyOf(o.Namespace, o.Name), o => o.Metadata.ResourceVersion), noEvents));
        return ValueTask.FromResult(versions);
    }

    public IResourceStorage GetResourceStorage(ResourceStorageConfig config) => new ResourceStorage(config, _table);

    public ICollectionResourceStorage GetCollectionResourceStorage(string name)
    {
        var definition = BuiltInCollectionResources.Find(name)
            ?? throw StorageException.NotFound($"collection resource \"{name}\" not found");
        return new CollectionResourceStorage(definition, _table);
    }

    /// <summary>Flush and close connections here.</summary>
    public ValueTask ShutdownAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
