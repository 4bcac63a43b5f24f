namespace Clusterpedia.Storage.Memory;

/// <summary>Tuning of the memory storage. <see cref="MemoryStorageFactory.CreateAsync"/> uses the defaults.</summary>
public sealed record MemoryStorageOptions
{
    /// <summary>Changes kept per resource for watches that resume from a resourceVersion; older ones get 410 Expired.</summary>
    public int WatchCacheSize { get; init; } = 1024;

    /// <summary>Events queued per watcher; a watcher that falls further behind ends with an ERROR 410.</summary>
    public int WatcherBufferSize { get; init; } = 1024;

    /// <summary>How often watchers that allow bookmarks get one.</summary>
    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The sequence every resource starts at. Null = the start time in Unix microseconds, so resourceVersions from an
    /// earlier process are older than anything kept and get 410 instead of a wrong resume.
    /// </summary>
    public long? StartSequence { get; init; }

    internal void Validate()
    {
        if (WatchCacheSize < 1) throw new ArgumentOutOfRangeException(nameof(WatchCacheSize), WatchCacheSize, "must be at least 1");
        if (WatcherBufferSize < 1) throw new ArgumentOutOfRangeException(nameof(WatcherBufferSize), WatcherBufferSize, "must be at least 1");
        if (BookmarkInterval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(BookmarkInterval), BookmarkInterval, "must be positive");
        if (StartSequence < 0) throw new ArgumentOutOfRangeException(nameof(StartSequence), StartSequence, "must not be negative");
    }
}
