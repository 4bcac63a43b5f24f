using System.Collections.Immutable;
using System.Globalization;
using Clusterpedia.Objects;

namespace Clusterpedia.Storage.Memory;

/// <summary>
/// The objects of one storage resource across all clusters, as an immutable snapshot sorted by (cluster, namespace, name).
/// Readers take the current snapshot without locking and see a consistent state; writers serialize on one lock,
/// publish a new snapshot, number every change, keep the recent ones for resuming watches and hand them to watchers.
/// </summary>
/// <remarks>
/// resourceVersions: the store has its own sequence, which grows by one per change (create, update, delete, each object
/// removed by a clean). A list's resourceVersion is the sequence of the snapshot it read; watches resume from such a
/// number. Objects keep the member cluster's resourceVersion in their metadata, untouched.
/// </remarks>
internal sealed class ResourceStore
{
    private readonly Lock _writeLock = new();
    private readonly OwnerIndex _owners;
    private readonly EventLog _log;
    private readonly List<Watcher> _watchers = [];
    private volatile Snapshot _snapshot;
    private volatile string _kind;

    public ResourceStore(GroupVersionResource resource, string kind, OwnerIndex owners, int watchCacheSize, long startSequence)
    {
        Resource = resource;
        ResourceText = resource.ToString();
        _kind = kind;
        _owners = owners;
        _log = new EventLog(watchCacheSize, startSequence);
        _snapshot = new Snapshot(ImmutableSortedSet.Create<StoredObject>(StoredObjectKeyComparer.Instance), startSequence);
    }

    public GroupVersionResource Resource { get; }

    /// <summary>The resource as text, the collection-resource tie-breaker.</summary>
    public string ResourceText { get; }

    /// <summary>The kind from the resource's config; the first config that names one wins.</summary>
    public string Kind => _kind;

    public Snapshot Current => _snapshot;

    public void LearnKind(string kind)
    {
        if (_kind.Length == 0 && kind.Length > 0) _kind = kind;
    }

    /// <summary>The object's own kind, or the resource's when the stored JSON has none.</summary>
    public string KindOf(StoredObject obj) => obj.Metadata.Kind.Length > 0 ? obj.Metadata.Kind : _kind;

    public StoredObject? Get(ObjectKey key) =>
        _snapshot.Objects.TryGetValue(StoredObject.Probe(key), out var found) ? found : null;

    public void Create(StoredObject obj)
    {
        lock (_writeLock)
        {
            if (Get(obj.Key) is not null) throw StorageException.AlreadyExists($"{Resource.GroupResource} {obj.Key} already exists");
            Write([obj], requireExisting: false);
        }
    }

    public void Update(StoredObject obj)
    {
        lock (_writeLock)
        {
            if (Get(obj.Key) is null) throw StorageException.NotFound($"{Resource.GroupResource} {obj.Key} not found");
            Write([obj], requireExisting: true);
        }
    }

    public void Upsert(IReadOnlyList<StoredObject> objects)
    {
        lock (_writeLock) Write(objects, requireExisting: false);
    }

    public void Delete(ObjectKey key)
    {
        lock (_writeLock)
        {
            if (Get(key) is { } existing) Remove([existing]);
        }
    }

    /// <summary>Removes every object of a cluster, each with a DELETED event.</summary>
    public void RemoveCluster(string cluster)
    {
        lock (_writeLock)
        {
            var removed = ObjectsOf(cluster).ToList();
            if (removed.Count > 0) Remove(removed);
        }
    }

    /// <summary>The objects of one cluster: a range of the sorted snapshot.</summary>
    public IEnumerable<StoredObject> ObjectsOf(string cluster) => Range(_snapshot.Objects, new ObjectKey(cluster, "", ""), cluster, null);

    /// <summary>
    /// The objects from <paramref name="start"/> on in key order, stopping at the end of the cluster (and namespace)
    /// when given. Reads by index, so a later page does not walk the earlier ones.
    /// </summary>
    public static IEnumerable<StoredObject> Range(ImmutableSortedSet<StoredObject> objects, ObjectKey start, string? cluster, string? @namespace)
    {
        var index = objects.IndexOf(StoredObject.Probe(start));
        if (index < 0) index = ~index;
        // The indexer costs O(log n) per item; from the first item the enumerator walks the tree in O(1) per item.
        var items = index == 0 ? objects : Indexed(objects, index);
        foreach (var obj in items)
        {
            if (cluster is not null && obj.Key.Cluster != cluster) yield break;
            if (@namespace is not null && obj.Key.Namespace != @namespace) yield break;
            yield return obj;
        }
    }

    private static IEnumerable<StoredObject> Indexed(ImmutableSortedSet<StoredObject> objects, int from)
    {
        for (var i = from; i < objects.Count; i++) yield return objects[i];
    }

    /// <summary>
    /// Registers a watcher and returns what it must replay first, atomically with respect to writes, so no change is
    /// missed or seen twice: the snapshot (for a watch from "" or "0") or the changes after <paramref name="from"/>.
    /// </summary>
    /// <exception cref="StorageException">With <see cref="StorageErrorKind.Expired"/> when the changes after
    /// <paramref name="from"/> are no longer kept, or <paramref name="from"/> is newer than this store (it came from an
    /// earlier process).</exception>
    public (Snapshot Snapshot, List<WatchChange>? Replay) StartWatch(Watcher watcher, long? from)
    {
        lock (_writeLock)
        {
            var snapshot = _snapshot;
            List<WatchChange>? replay = null;
            if (from is { } sequence)
            {
                if (sequence < _log.OldestResumable || sequence > snapshot.Sequence)
                    throw StorageException.Expired(
                        $"too old resource version: {sequence} (oldest kept for {Resource.GroupResource}: {_log.OldestResumable})");
                replay = _log.After(sequence);
            }
            _watchers.Add(watcher);
            return (snapshot, replay);
        }
    }

    public void StopWatch(Watcher watcher)
    {
        lock (_writeLock) _watchers.Remove(watcher);
        watcher.Close();
    }

    /// <summary>Queues a BOOKMARK at the current sequence for each watcher that asked for bookmarks.</summary>
    public void SendBookmarks()
    {
        lock (_writeLock)
        {
            if (!_watchers.Exists(w => w.WantsBookmarks)) return;
            var bookmark = new WatchEvent(WatchEventType.Bookmark, BookmarkObject(_snapshot.Sequence));
            foreach (var watcher in _watchers)
            {
                if (watcher.WantsBookmarks) watcher.OfferBookmark(bookmark);
            }
        }
    }

    public ReadOnlyMemory<byte> BookmarkObject(long sequence) => WatchObjects.Bookmark(_kind, Resource.ApiVersion, sequence);

    public void CloseWatchers()
    {
        lock (_writeLock)
        {
            foreach (var watcher in _watchers) watcher.Close();
            _watchers.Clear();
        }
    }

    private void Write(IReadOnlyList<StoredObject> objects, bool requireExisting)
    {
        var builder = _snapshot.Objects.ToBuilder();
        var sequence = _snapshot.Sequence;
        var changes = new List<WatchChange>(objects.Count);
        foreach (var obj in objects)
        {
            var previous = builder.TryGetValue(obj, out var found) ? found : null;
            if (previous is null && requireExisting) continue;
            if (previous is not null) builder.Remove(previous);
            builder.Add(obj);
            changes.Add(new WatchChange(++sequence, previous is null ? WatchEventType.Added : WatchEventType.Modified, obj, previous));
        }
        Publish(builder.ToImmutable(), sequence, changes);
    }

    private void Remove(IReadOnlyList<StoredObject> objects)
    {
        var builder = _snapshot.Objects.ToBuilder();
        var sequence = _snapshot.Sequence;
        var changes = new List<WatchChange>(objects.Count);
        foreach (var obj in objects)
        {
            builder.Remove(obj);
            changes.Add(new WatchChange(++sequence, WatchEventType.Deleted, obj, null));
        }
        Publish(builder.ToImmutable(), sequence, changes);
    }

    private void Publish(ImmutableSortedSet<StoredObject> objects, long sequence, List<WatchChange> changes)
    {
        foreach (var change in changes)
        {
            _owners.Replace(Resource, change.Type == WatchEventType.Added ? null : change.Previous ?? change.Object,
                change.Type == WatchEventType.Deleted ? null : change.Object);
        }
        _snapshot = new Snapshot(objects, sequence);
        foreach (var change in changes)
        {
            _log.Append(change);
            foreach (var watcher in _watchers) watcher.Offer(change);
        }
    }

    /// <summary>One consistent state of the store and the sequence of its last change.</summary>
    public sealed record Snapshot(ImmutableSortedSet<StoredObject> Objects, long Sequence)
    {
        public string ResourceVersion => Sequence.ToString(CultureInfo.InvariantCulture);
    }
}
