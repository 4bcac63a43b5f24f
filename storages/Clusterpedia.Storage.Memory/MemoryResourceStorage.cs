using System.Globalization;
using System.Runtime.CompilerServices;
using Clusterpedia.Objects;
using Clusterpedia.Query;

namespace Clusterpedia.Storage.Memory;

/// <summary>
/// The accessor for one storage resource of the memory storage: a thin view over the factory's <see cref="ResourceStore"/>.
/// </summary>
/// <remarks>
/// resourceVersion: a list's <c>metadata.resourceVersion</c> is the store's change sequence at the snapshot it read, and
/// a watch resumes from such a number; items keep the member cluster's resourceVersion. A watch from "" or "0" starts
/// with ADDED events for every matching object, then a BOOKMARK at the snapshot's sequence when bookmarks were asked
/// for, then live events. A watch from a number replays the kept changes after it, or fails with Expired (410) when
/// they are gone, or when the number is newer than the store (it came from an earlier process: sequences start at the
/// process's start time in microseconds, so numbers from an earlier process are older than anything kept).
/// A watch's owner search is resolved once, when the watch starts.
/// RecordEvent keeps nothing: Events are not stored by this layer and inject-events adds no annotation.
/// </remarks>
internal sealed class MemoryResourceStorage(ResourceStorageConfig config, ResourceStore store, MemoryStorageFactory factory) : IResourceStorage
{
    public ResourceStorageConfig Config { get; } = config;

    public ValueTask<ResourceObject> GetAsync(string cluster, string @namespace, string name, CancellationToken cancellationToken)
    {
        var found = store.Get(new ObjectKey(cluster, @namespace, name))
            ?? throw StorageException.NotFound(
                $"{Config.Resource.GroupResource} \"{name}\" not found in cluster {cluster}{(@namespace.Length > 0 ? $", namespace {@namespace}" : "")}");
        return ValueTask.FromResult(found.ToResourceObject());
    }

    public ValueTask ListAsync(ListOptions options, IListSink sink, CancellationToken cancellationToken)
    {
        var snapshot = store.Current;
        var filter = factory.CreateFilter(options, forResource: true);
        var order = ListOrder.Create(options.OrderBy, withResource: false);
        var cursor = options.Continue?.Cursor;
        cursor?.EnsureMatches(options.OrderBy);

        // A single cluster (and namespace) is one key range of the sorted snapshot: read only that range.
        var cluster = filter.SingleCluster;
        var @namespace = cluster is null ? null : filter.SingleNamespace;
        var start = new ObjectKey(cluster ?? "", @namespace ?? "", "");
        IEnumerable<ListCandidate> ordered;
        if (order.IsNatural)
        {
            // Key order: seek straight past the cursor.
            if (cursor is not null)
            {
                var after = ListOrder.KeyOf(cursor);
                if (after.CompareTo(start) > 0) start = after with { Name = after.Name + '\0' };
            }
            ordered = ResourceStore.Range(snapshot.Objects, start, cluster, @namespace)
                .Where(filter.Matches)
                .Select(o => new ListCandidate(o, store));
        }
        else
        {
            var sorted = ResourceStore.Range(snapshot.Objects, start, cluster, @namespace)
                .Where(filter.Matches).Select(o => new ListCandidate(o, store)).ToList();
            order.Sort(sorted);
            ordered = ListPager.After(sorted, order, cursor);
        }
        return ListPager.WriteAsync(ordered, order, options, snapshot.ResourceVersion, sink, cancellationToken);
    }

    public async IAsyncEnumerable<WatchEvent> WatchAsync(ListOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long? from = ParseResourceVersion(options.ResourceVersion);
        var watcher = new Watcher(store, factory.CreateFilter(options, forResource: true), factory.Options.WatcherBufferSize,
            options.AllowWatchBookmarks, options.OnlyMetadata);
        var (snapshot, replay) = store.StartWatch(watcher, from);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (options.Timeout is { } t && t > TimeSpan.Zero) timeout.CancelAfter(t);
        var token = timeout.Token;
        try
        {
            if (replay is null)
            {
                foreach (var obj in snapshot.Objects)
                {
                    if (token.IsCancellationRequested) yield break;
                    if (watcher.Matches(obj)) yield return new WatchEvent(WatchEventType.Added, watcher.Render(obj));
                }
                if (options.AllowWatchBookmarks)
                    yield return new WatchEvent(WatchEventType.Bookmark, store.BookmarkObject(snapshot.Sequence));
            }
            else
            {
                foreach (var change in replay)
                {
                    if (token.IsCancellationRequested) yield break;
                    if (watcher.Translate(change) is { } e) yield return e;
                }
            }

            while (await WaitAsync(watcher, token).ConfigureAwait(false))
            {
                while (watcher.Events.TryRead(out var e)) yield return e;
            }
            if (watcher.Overflowed && !token.IsCancellationRequested)
            {
                yield return new WatchEvent(WatchEventType.Error, WatchObjects.ExpiredStatus(
                    $"the watch of {Config.Resource.GroupResource} fell more than {factory.Options.WatcherBufferSize} events behind; list again"));
            }
        }
        finally
        {
            store.StopWatch(watcher);
        }
    }

    public ValueTask CreateAsync(string cluster, ResourceObject obj, CancellationToken cancellationToken)
    {
        store.Create(StoredObject.From(Config, cluster, obj));
        return ValueTask.CompletedTask;
    }

    public ValueTask UpdateAsync(string cluster, ResourceObject obj, CancellationToken cancellationToken)
    {
        store.Update(StoredObject.From(Config, cluster, obj));
        return ValueTask.CompletedTask;
    }

    public ValueTask UpsertAsync(string cluster, ResourceObject obj, CancellationToken cancellationToken)
    {
        store.Upsert([StoredObject.From(Config, cluster, obj)]);
        return ValueTask.CompletedTask;
    }

    public ValueTask UpsertManyAsync(string cluster, IReadOnlyList<ResourceObject> objects, CancellationToken cancellationToken)
    {
        var stored = new StoredObject[objects.Count];
        for (var i = 0; i < stored.Length; i++) stored[i] = StoredObject.From(Config, cluster, objects[i]);
        store.Upsert(stored);
        return ValueTask.CompletedTask;
    }

    public ValueTask DeleteAsync(string cluster, string @namespace, string name, CancellationToken cancellationToken)
    {
        store.Delete(new ObjectKey(cluster, @namespace, name));
        return ValueTask.CompletedTask;
    }

    /// <summary>Events are not kept by the memory storage (as upstream); see the class remarks.</summary>
    public ValueTask RecordEventAsync(string cluster, ResourceObject @event, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>Waits for queued events; false when the watch ends (cancelled, timed out, overflowed or shut down).</summary>
    private static async ValueTask<bool> WaitAsync(Watcher watcher, CancellationToken token)
    {
        try
        {
            return await watcher.Events.WaitToReadAsync(token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            return false;
        }
    }

    private static long? ParseResourceVersion(string? resourceVersion)
    {
        if (string.IsNullOrEmpty(resourceVersion) || resourceVersion == "0") return null;
        return long.TryParse(resourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            ? sequence
            : throw StorageException.Invalid($"invalid resourceVersion \"{resourceVersion}\": the memory storage expects a number from a list or watch");
    }
}
