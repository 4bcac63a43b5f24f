using Clusterpedia.Objects;

namespace Clusterpedia.Storage.Memory;

/// <summary>
/// One stored object: its key, its JSON exactly as written, and the metadata read once at write time.
/// Immutable, so snapshots and watch events can share it without copying.
/// </summary>
internal sealed class StoredObject
{
    private StoredObject(ObjectKey key, ReadOnlyMemory<byte> json, ObjectMetadata metadata)
    {
        Key = key;
        Json = json;
        Metadata = metadata;
    }

    public ObjectKey Key { get; }
    public ReadOnlyMemory<byte> Json { get; }
    public ObjectMetadata Metadata { get; }

    /// <summary>
    /// Copies the caller's bytes (they may be pooled) and reads the metadata. An object without apiVersion or kind
    /// gets them from <paramref name="config"/>, so the store never keeps such objects.
    /// </summary>
    /// <exception cref="StorageException">
    /// With <see cref="StorageErrorKind.Fatal"/> when the bytes are not a named object; <see cref="StorageErrorKind.Invalid"/>
    /// when its kind is not the config's.
    /// </exception>
    public static StoredObject From(ResourceStorageConfig config, string cluster, ResourceObject obj)
    {
        ObjectMetadata metadata;
        try
        {
            obj = StoredTypeMeta.Complete(config, obj);
            metadata = obj.Metadata;
        }
        catch (InvalidObjectException e)
        {
            throw StorageException.Fatal($"cannot store object of cluster {cluster}: {e.Message}", e);
        }
        if (metadata.Name.Length == 0)
            throw StorageException.Fatal($"cannot store object of cluster {cluster}: metadata.name is empty");
        // The metadata holds strings, not views of the bytes, so it may be read before the copy.
        return new StoredObject(new ObjectKey(cluster, metadata.Namespace, metadata.Name), obj.Json.ToArray(), metadata);
    }

    /// <summary>A key-only probe for lookups and range seeks in a sorted snapshot.</summary>
    public static StoredObject Probe(ObjectKey key) => new(key, ReadOnlyMemory<byte>.Empty, new ObjectMetadata());

    public ResourceObject ToResourceObject() => new(Json);
}

/// <summary>Orders stored objects by key only.</summary>
internal sealed class StoredObjectKeyComparer : IComparer<StoredObject>
{
    public static readonly StoredObjectKeyComparer Instance = new();

    public int Compare(StoredObject? x, StoredObject? y) => x!.Key.CompareTo(y!.Key);
}
