using System.Threading.Channels;

namespace Clusterpedia.Storage.Memory;

/// <summary>
/// One watch on a resource store: its filter and a bounded queue of events. Writers offer changes under the store's
/// write lock and never wait: when the queue is full the watcher is closed as overflowed and its stream ends with an
/// ERROR 410, so the client lists again; a slow client never blocks the synchro.
/// </summary>
internal sealed class Watcher
{
    private readonly Channel<WatchEvent> _events;
    private readonly ObjectFilter _filter;
    private readonly ResourceStore _store;
    private readonly bool _onlyMetadata;

    public Watcher(ResourceStore store, ObjectFilter filter, int capacity, bool bookmarks, bool onlyMetadata)
    {
        _store = store;
        _filter = filter;
        _onlyMetadata = onlyMetadata;
        WantsBookmarks = bookmarks;
        _events = Channel.CreateBounded<WatchEvent>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public bool WantsBookmarks { get; }

    private volatile bool _overflowed;

    /// <summary>True once the queue overflowed; set before the queue completes, so the reader sees it.</summary>
    public bool Overflowed => _overflowed;

    public ChannelReader<WatchEvent> Events => _events.Reader;

    /// <summary>
    /// The event this watcher sees for a change, if any. An object that stops matching (a label changed) is DELETED
    /// for this watcher, one that starts matching is ADDED, as the Kubernetes watch cache does.
    /// </summary>
    public WatchEvent? Translate(WatchChange change)
    {
        var type = change.Type;
        if (type == WatchEventType.Modified)
        {
            var was = change.Previous is not null && _filter.Matches(change.Previous);
            var @is = _filter.Matches(change.Object);
            if (!was && !@is) return null;
            type = was && @is ? WatchEventType.Modified : @is ? WatchEventType.Added : WatchEventType.Deleted;
        }
        else if (!_filter.Matches(change.Object))
        {
            return null;
        }
        return new WatchEvent(type, Render(change.Object));
    }

    public ReadOnlyMemory<byte> Render(StoredObject obj) =>
        _onlyMetadata ? MetadataProjection.Project(obj, _store) : obj.Json;

    public bool Matches(StoredObject obj) => _filter.Matches(obj);

    /// <summary>Queues the change if it concerns this watcher; closes the watcher when its queue is full.</summary>
    public void Offer(WatchChange change)
    {
        if (Overflowed || Translate(change) is not { } e) return;
        if (_events.Writer.TryWrite(e)) return;
        _overflowed = true;
        _events.Writer.TryComplete();
    }

    /// <summary>Bookmarks are best effort: a full queue skips one rather than closing the watcher.</summary>
    public void OfferBookmark(WatchEvent bookmark)
    {
        if (!Overflowed) _events.Writer.TryWrite(bookmark);
    }

    public void Close() => _events.Writer.TryComplete();
}
