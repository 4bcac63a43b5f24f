namespace Clusterpedia.Storage.Memory;

/// <summary>
/// The last N changes of one resource store, for watches that resume from a resourceVersion. Not thread-safe:
/// the store's write lock guards it.
/// </summary>
internal sealed class EventLog(int capacity, long startSequence)
{
    private readonly Queue<WatchChange> _changes = new(Math.Min(capacity, 1024));

    /// <summary>The oldest resourceVersion a watch can resume from: every change after it is still here.</summary>
    public long OldestResumable { get; private set; } = startSequence;

    public void Append(WatchChange change)
    {
        if (_changes.Count >= capacity)
        {
            var dropped = _changes.Dequeue();
            OldestResumable = dropped.Sequence;
        }
        _changes.Enqueue(change);
    }

    /// <summary>The changes after <paramref name="sequence"/>, oldest first.</summary>
    public List<WatchChange> After(long sequence) => _changes.Where(c => c.Sequence > sequence).ToList();
}
