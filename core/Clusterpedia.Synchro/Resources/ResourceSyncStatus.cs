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

/// <summary>How many writes a resource synchro made, and how many it could not make.</summary>
public sealed class ResourceSyncCounters
{
    private long _upserted, _deleted, _failed, _retried;

    public long Upserted => Interlocked.Read(ref _upserted);
    public long Deleted => Interlocked.Read(ref _deleted);
    /// <summary>Events dropped after a non-recoverable storage error (each one logged with its key).</summary>
    public long Failed => Interlocked.Read(ref _failed);
    public long Retried => Interlocked.Read(ref _retried);

    internal void AddUpserted(int n) => Interlocked.Add(ref _upserted, n);
    internal void AddDeleted() => Interlocked.Increment(ref _deleted);
    internal void AddFailed() => Interlocked.Increment(ref _failed);
    internal void AddRetried() => Interlocked.Increment(ref _retried);
}
