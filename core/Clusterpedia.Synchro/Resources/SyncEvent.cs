namespace Clusterpedia.Synchro.Resources;

public enum SyncEventType
{
    Added,
    Updated,
    Deleted,
}

/// <summary>
/// A change to write to storage for one object. <paramref name="Json"/> is the already pruned and annotated object
/// (empty for deletions).
/// </summary>
public sealed record SyncEvent(SyncEventType Type, string Key, string Namespace, string Name, string ResourceVersion, ReadOnlyMemory<byte> Json)
{
    /// <summary>What one pending event and a newer one for the same key become (upstream's pressure-queue rules).</summary>
    public static SyncEvent Combine(SyncEvent older, SyncEvent newer) => (older.Type, newer.Type) switch
    {
        (_, SyncEventType.Deleted) => newer,
        (SyncEventType.Added, SyncEventType.Updated) => newer with { Type = SyncEventType.Added },
        (SyncEventType.Deleted, SyncEventType.Added) => newer with { Type = SyncEventType.Updated },
        (SyncEventType.Deleted, SyncEventType.Updated) => older,
        _ => newer,
    };
}
