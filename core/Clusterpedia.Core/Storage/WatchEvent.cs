namespace Clusterpedia.Storage;

public enum WatchEventType
{
    Added,
    Modified,
    Deleted,
    Bookmark,
    /// <summary>The object is a Kubernetes Status; the watch ends after it.</summary>
    Error,
}

/// <summary>One watch event; <paramref name="Object"/> is the object's UTF-8 JSON (a Status for <see cref="WatchEventType.Error"/>).</summary>
public readonly record struct WatchEvent(WatchEventType Type, ReadOnlyMemory<byte> Object)
{
    public static string TypeName(WatchEventType type) => type switch
    {
        WatchEventType.Added => "ADDED",
        WatchEventType.Modified => "MODIFIED",
        WatchEventType.Deleted => "DELETED",
        WatchEventType.Bookmark => "BOOKMARK",
        _ => "ERROR",
    };
}
