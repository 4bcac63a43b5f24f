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

    /// <summary>Copies the caller's bytes (they may be pooled) and reads the metadata.</summary>
    /// <exception cref="StorageException">With <see cref="StorageErrorKind.Fatal"/> when the bytes are not a named object.</exception>
    public static StoredObject From(string cluster, ResourceObject obj)
    {
        ObjectMetadata metadata;
        var json = obj.Json.ToArray();
        try
        {
            metadata = ObjectMetadata.Read(json);
        }
        catch (InvalidObjectException e)
        {
            throw StorageException.Fatal($"cannot store object of cluster {cluster}: {e.Message}", e);
        }
        if (metadata.Name.Length == 0)
            throw StorageException.Fatal($"cannot store object of cluster {cluster}: metadata.name is empty");
        return new StoredObject(new ObjectKey(cluster, metadata.Namespace, metadata.Name), json, metadata);
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
