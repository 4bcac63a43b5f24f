namespace Clusterpedia.Synchro.Resources;

/// <summary>The sync condition statuses of a resource version, spelled as upstream.</summary>
public static class SyncStatus
{
    public const string Pending = "Pending";
    public const string Syncing = "Syncing";
    public const string Stop = "Stop";
    public const string Unknown = "Unknown";
    public const string Error = "Error";
}

/// <summary>A resource synchro's current state, copied into the PediaCluster's per-version sync condition.</summary>
public sealed record ResourceSyncStatus(string Status, string? Reason, string? Message, bool InitialListPhase, DateTimeOffset LastTransitionTime);

/// <summary>How many writes a resource synchro made, and how many it could not make. Updated with Interlocked: writers run in parallel.</summary>
public sealed class ResourceSyncCounters
{
    private long _added, _updated, _deleted, _failed, _retried;

    /// <summary>Objects created or updated in storage (<see cref="Added"/> + <see cref="Updated"/>).</summary>
    public long Upserted => Added + Updated;
    /// <summary>Upserts of objects the synchro did not know before.</summary>
    public long Added => Interlocked.Read(ref _added);
    /// <summary>Upserts of objects with a changed resourceVersion.</summary>
    public long Updated => Interlocked.Read(ref _updated);
    public long Deleted => Interlocked.Read(ref _deleted);
    /// <summary>Events dropped after a non-recoverable storage error (each one logged with its key).</summary>
    public long Failed => Interlocked.Read(ref _failed);
    public long Retried => Interlocked.Read(ref _retried);

    /// <summary>Durations of the storage calls (upserts, batches and deletes), successful or not.</summary>
    public DurationHistogram StorageDuration { get; } = new();

    internal void AddUpserted(SyncEventType type, int n)
    {
        if (type == SyncEventType.Added) Interlocked.Add(ref _added, n);
        else Interlocked.Add(ref _updated, n);
    }

    internal void AddDeleted() => Interlocked.Increment(ref _deleted);
    internal void AddFailed() => Interlocked.Increment(ref _failed);
    internal void AddRetried() => Interlocked.Increment(ref _retried);
}
