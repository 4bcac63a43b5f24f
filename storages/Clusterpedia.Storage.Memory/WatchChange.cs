namespace Clusterpedia.Storage.Memory;

/// <summary>
/// One write to a resource store, numbered by the store's sequence. <paramref name="Previous"/> is the object it
/// replaced (MODIFIED) so each watcher can tell whether the object entered or left its filter.
/// </summary>
internal sealed record WatchChange(long Sequence, WatchEventType Type, StoredObject Object, StoredObject? Previous);
