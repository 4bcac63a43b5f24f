using Clusterpedia.Objects;
using Clusterpedia.Query;

namespace Clusterpedia.Storage;

/// <summary>
/// Reads and writes the objects of one storage resource (group, version, resource) across all clusters.
/// </summary>
/// <remarks>
/// Keys: an object is identified by (cluster, namespace, name); cluster-scoped objects have an empty namespace.
/// Objects are UTF-8 JSON as the member cluster served them (after the synchro's pruning), carrying the
/// <c>shadow.clusterpedia.io/cluster-name</c> annotation. resourceVersion is the member cluster's, stored as given.
/// A stored object always carries top-level <c>apiVersion</c> and <c>kind</c>: every write (create, update, upsert)
/// fills in the ones an object lacks from <see cref="Config"/> (<see cref="StoredTypeMeta.Complete"/>), and refuses
/// an object whose kind is not the config's with <see cref="StorageErrorKind.Invalid"/>.
/// </remarks>
public interface IResourceStorage
{
    ResourceStorageConfig Config { get; }

    /// <summary>The stored object.</summary>
    /// <exception cref="StorageException">With <see cref="StorageErrorKind.NotFound"/> when there is no such object.</exception>
    ValueTask<ResourceObject> GetAsync(string cluster, string @namespace, string name, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the objects matching <paramref name="options"/> to <paramref name="sink"/> in order, then completes the sink
    /// with the continue token and remaining count. Continue tokens are opaque keyset cursors
    /// (<see cref="ListCursor"/>); a numeric continue is an offset. A token is returned whenever a page is full,
    /// unless <see cref="ListOptions.WithContinue"/> is false.
    /// </summary>
    /// <exception cref="StorageException">With <see cref="StorageErrorKind.Invalid"/> for options the layer cannot answer.</exception>
    ValueTask ListAsync(ListOptions options, IListSink sink, CancellationToken cancellationToken);

    /// <summary>
    /// Events after <see cref="ListOptions.ResourceVersion"/> (or the current state as ADDED events when it is empty or "0"),
    /// filtered by the same options as a list. Ends when the token is cancelled.
    /// </summary>
    /// <exception cref="StorageException">
    /// <see cref="StorageErrorKind.NotSupported"/> when the layer does not advertise watch;
    /// <see cref="StorageErrorKind.Expired"/> when the resourceVersion is too old.
    /// </exception>
    IAsyncEnumerable<WatchEvent> WatchAsync(ListOptions options, CancellationToken cancellationToken);

    /// <summary>Inserts an object.</summary>
    /// <exception cref="StorageException">With <see cref="StorageErrorKind.AlreadyExists"/> when the key is taken.</exception>
    ValueTask CreateAsync(string cluster, ResourceObject obj, CancellationToken cancellationToken);

    /// <summary>Replaces an object.</summary>
    /// <exception cref="StorageException">With <see cref="StorageErrorKind.NotFound"/> when there is no such object.</exception>
    ValueTask UpdateAsync(string cluster, ResourceObject obj, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces an object: the synchro's ordinary write.</summary>
    ValueTask UpsertAsync(string cluster, ResourceObject obj, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts or replaces many objects of one cluster, with the same semantics as <see cref="UpsertAsync"/>.
    /// Layers override this to batch round trips; the default writes one by one.
    /// </summary>
    async ValueTask UpsertManyAsync(string cluster, IReadOnlyList<ResourceObject> objects, CancellationToken cancellationToken)
    {
        foreach (var obj in objects)
            await UpsertAsync(cluster, obj, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes an object. Deleting a missing object is not an error.</summary>
    ValueTask DeleteAsync(string cluster, string @namespace, string name, CancellationToken cancellationToken);

    /// <summary>
    /// Attaches a core/v1 Event to the object it involves (matched by <c>involvedObject.uid</c> in the same cluster).
    /// A layer that does not keep events ignores it.
    /// </summary>
    ValueTask RecordEventAsync(string cluster, ResourceObject @event, CancellationToken cancellationToken);
}
