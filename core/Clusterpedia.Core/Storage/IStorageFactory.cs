using Clusterpedia.Objects;

namespace Clusterpedia.Storage;

/// <summary>
/// One storage layer instance per process, created from <c>--storage-name</c> and <c>--storage-config</c>.
/// The API server reads through it; the cluster synchro writes through it.
/// </summary>
public interface IStorageFactory : IAsyncDisposable
{
    /// <summary>The verbs this layer serves for every resource. Watch appears only when <see cref="IResourceStorage.WatchAsync"/> works.</summary>
    StorageVerbs SupportedVerbs { get; }

    /// <summary>Called by the synchro before it starts syncing a cluster. Idempotent.</summary>
    ValueTask PrepareClusterAsync(string cluster, CancellationToken cancellationToken);

    /// <summary>Deletes everything stored for a cluster. Called when its PediaCluster is deleted. Idempotent.</summary>
    ValueTask CleanClusterAsync(string cluster, CancellationToken cancellationToken);

    /// <summary>Deletes one storage resource (all objects of that GVR) of one cluster. Idempotent.</summary>
    ValueTask CleanClusterResourceAsync(string cluster, GroupVersionResource resource, CancellationToken cancellationToken);

    /// <summary>
    /// What is stored for a cluster, as key -> resourceVersion per storage resource, so the synchro can resume
    /// without rewriting unchanged objects. A layer that keeps nothing across restarts returns an empty map.
    /// </summary>
    ValueTask<IReadOnlyDictionary<GroupVersionResource, ClusterResourceVersions>> GetResourceVersionsAsync(
        string cluster, CancellationToken cancellationToken);

    /// <summary>The collection resources this layer can answer (for example <c>any</c>, <c>workloads</c>, <c>kuberesources</c>).</summary>
    IReadOnlyList<CollectionResourceDefinition> CollectionResources { get; }

    /// <summary>The accessor for one storage resource. Cheap and idempotent: callers may ask for the same resource many times.</summary>
    IResourceStorage GetResourceStorage(ResourceStorageConfig config);

    /// <summary>The accessor for one collection resource.</summary>
    /// <exception cref="StorageException">With <see cref="StorageErrorKind.NotFound"/> when the layer has no collection resource of that name.</exception>
    ICollectionResourceStorage GetCollectionResourceStorage(string name);

    /// <summary>Flushes and releases connections. After it, no other member is called.</summary>
    ValueTask ShutdownAsync(CancellationToken cancellationToken);
}
