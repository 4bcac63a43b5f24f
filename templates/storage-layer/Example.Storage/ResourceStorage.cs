using System.Runtime.CompilerServices;
using Clusterpedia.Objects;
using Clusterpedia.Query;
using Clusterpedia.Storage;

namespace Example.Storage;

/// <summary>Reads and writes the objects of one storage resource.</summary>
public sealed class ResourceStorage(ResourceStorageConfig config, ObjectTable table) : IResourceStorage
{
    public ResourceStorageConfig Config { get; } = config;

    public ValueTask<ResourceObject> GetAsync(string cluster, string @namespace, string name, CancellationToken cancellationToken) =>
        ValueTask.FromResult(table.Get(Config.Resource, cluster, @namespace, name)?.Object
            ?? throw StorageException.NotFound($"{Config.Resource.GroupResource} \"{name}\" not found in cluster {cluster}"));

    public ValueTask ListAsync(ListOptions options, IListSink sink, CancellationToken cancellationToken)
    {
        HashSet<string>? owners = null;
        if (options.HasOwner)
        {
            if (options.Clusters.Count != 1)
                throw StorageException.Invalid("If searching by owner uid or name, then the cluster must be specified");
            owners = OwnerSearch.ControllerUids(table, options.Clusters[0], options);
        }
        var rows = table.Where(o => o.Resource == Config.Resource);
        return ListWriter.WriteAsync(rows, options, owners, collection: false, sink, cancellationToken);
    }

    /// <summary>Not supported until you implement it; then advertise <see cref="StorageVerbs.Watch"/> too.</summary>
    public async IAsyncEnumerable<WatchEvent> WatchAsync(ListOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        throw StorageException.NotSupported("watch is not supported by example-storage");
#pragma warning disable CS0162 // An iterator needs a yield; it is never reached.
        yield break;
#pragma warning restore CS0162
    }

    public ValueTask CreateAsync(string cluster, ResourceObject obj, CancellationToken cancellationToken) =>
        table.Put(Row(cluster, obj), mustExist: false)
            ? ValueTask.CompletedTask
            : throw StorageException.AlreadyExists($"{Config.Resource.GroupResource} \"{obj.Metadata.Name}\" already exists in cluster {cluster}");

    public ValueTask UpdateAsync(string cluster, ResourceObject obj, CancellationToken cancellationToken) =>
        table.Put(Row(cluster, obj), mustExist: true)
            ? ValueTask.CompletedTask
            : throw StorageException.NotFound($"{Config.Resource.GroupResource} \"{obj.Metadata.Name}\" not found in cluster {cluster}");

    public ValueTask UpsertAsync(string cluster, ResourceObject obj, CancellationToken cancellationToken)
    {
        table.Put(Row(cluster, obj), mustExist: null);
        return ValueTask.CompletedTask;
    }

    public ValueTask DeleteAsync(string cluster, string @namespace, string name, CancellationToken cancellationToken)
    {
        table.Delete(Config.Resource, cluster, @namespace, name);
        return ValueTask.CompletedTask;
    }

    /// <summary>Events are not kept by this layer.</summary>
    public ValueTask RecordEventAsync(string cluster, ResourceObject @event, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    // Stored objects always carry apiVersion and kind: missing ones come from the config, another kind is Invalid.
    private StoredObject Row(string cluster, ResourceObject obj)
    {
        obj = StoredTypeMeta.Complete(Config, obj);
        return new(Config.Resource, obj.Metadata.Kind, cluster, obj);
    }
}
