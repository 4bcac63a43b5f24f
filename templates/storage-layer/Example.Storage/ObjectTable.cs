using Clusterpedia.Objects;

namespace Example.Storage;

/// <summary>One stored object: its resource, cluster and JSON; the metadata is read from the JSON once.</summary>
public sealed record StoredObject(GroupVersionResource Resource, string Kind, string Cluster, ResourceObject Object)
{
    public ObjectMetadata Metadata => Object.Metadata;
    public string Namespace => Metadata.Namespace;
    public string Name => Metadata.Name;
}

/// <summary>
/// The in-memory stand-in for a database table, keyed by (resource, cluster, namespace, name).
/// Replace it with your database.
/// </summary>
public sealed class ObjectTable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(GroupVersionResource, string, string, string), StoredObject> _rows = [];

    private static (GroupVersionResource, string, string, string) Key(GroupVersionResource resource, string cluster, string @namespace, string name) =>
        (resource, cluster, @namespace, name);

    public StoredObject? Get(GroupVersionResource resource, string cluster, string @namespace, string name)
    {
        lock (_lock) return _rows.GetValueOrDefault(Key(resource, cluster, @namespace, name));
    }

    /// <summary>Writes a row. <paramref name="mustExist"/>: true = update only, false = insert only, null = upsert.</summary>
    /// <returns>False when <paramref name="mustExist"/> did not hold.</returns>
    public bool Put(StoredObject row, bool? mustExist)
    {
        var key = Key(row.Resource, row.Cluster, row.Namespace, row.Name);
        lock (_lock)
        {
            if (mustExist is { } exists && _rows.ContainsKey(key) != exists) return false;
            _rows[key] = row;
            return true;
        }
    }

    public void Delete(GroupVersionResource resource, string cluster, string @namespace, string name)
    {
        lock (_lock) _rows.Remove(Key(resource, cluster, @namespace, name));
    }

    public void Remove(Func<StoredObject, bool> predicate)
    {
        lock (_lock)
        {
            foreach (var row in _rows.Values.Where(predicate).ToArray()) _rows.Remove(Key(row.Resource, row.Cluster, row.Namespace, row.Name));
        }
    }

    /// <summary>A snapshot of the matching rows.</summary>
    public StoredObject[] Where(Func<StoredObject, bool> predicate)
    {
        lock (_lock) return _rows.Values.Where(predicate).ToArray();
    }
}
