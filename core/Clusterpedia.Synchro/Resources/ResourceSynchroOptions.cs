namespace Clusterpedia.Synchro.Resources;

/// <summary>Tuning of every resource synchro; the defaults follow upstream.</summary>
public sealed record ResourceSynchroOptions
{
    /// <summary>List page size (<c>--page-size</c>); 0 lists unpaged.</summary>
    public int PageSize { get; init; } = 500;
    public PruneOptions Prune { get; init; } = PruneOptions.Default;
    /// <summary>Delay between retries of a recoverable storage error.</summary>
    public TimeSpan StorageRetryDelay { get; init; } = TimeSpan.FromSeconds(2);
    /// <summary>After this many retries with more than <see cref="QueueKeptDuringOutage"/> events queued, the informer pauses.</summary>
    public int RetriesBeforePause { get; init; } = 5;
    public int QueueKeptDuringOutage { get; init; } = 5;
    public TimeSpan StorageCallTimeout { get; init; } = TimeSpan.FromSeconds(30);
    public int Writers { get; init; } = 2;
    /// <summary>Upserts written in one <c>UpsertManyAsync</c> call.</summary>
    public int BatchSize { get; init; } = 100;
    /// <summary>Queued events above which the informer waits for the writers (bounds memory when storage is slow).</summary>
    public int MaxQueuedEvents { get; init; } = 1000;
    /// <summary>
    /// How long an Event whose object is not stored yet is kept and retried before it is dropped as an orphan (the
    /// Event and its object arrive on different watches, so the Event may come first, or while the object is queued).
    /// </summary>
    public TimeSpan OrphanEventGrace { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Null for the randomized 15-30 minutes; tests shorten it.</summary>
    public int? WatchTimeoutSeconds { get; init; }
}
