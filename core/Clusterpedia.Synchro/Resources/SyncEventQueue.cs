namespace Clusterpedia.Synchro.Resources;

/// <summary>
/// The queue between a resource's informer and its storage writers. Events for one key coalesce while they wait
/// (<see cref="SyncEvent.Combine"/>), and a key is handed to at most one writer at a time: a newer event for a key
/// that is being written waits until <see cref="Done"/>.
/// </summary>
public sealed class SyncEventQueue
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SyncEvent> _pending = new(StringComparer.Ordinal);
    private readonly LinkedList<string> _ready = new();
    private readonly HashSet<string> _inFlight = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _signal = new(0);
    private TaskCompletionSource? _room;
    private int _roomLimit;

    /// <summary>Events waiting (not counting those being written).</summary>
    public int Count { get { lock (_gate) return _pending.Count; } }

    /// <summary>True when nothing waits and nothing is being written.</summary>
    public bool IsIdle { get { lock (_gate) return _pending.Count == 0 && _inFlight.Count == 0; } }

    /// <summary>True while an event for <paramref name="key"/> waits or is being written: storage may not have the object yet.</summary>
    public bool Holds(string key)
    {
        lock (_gate) return _pending.ContainsKey(key) || _inFlight.Contains(key);
    }

    public void Enqueue(SyncEvent e)
    {
        lock (_gate)
        {
            if (_pending.TryGetValue(e.Key, out var older))
            {
                _pending[e.Key] = SyncEvent.Combine(older, e);
                return;
            }
            _pending[e.Key] = e;
            if (_inFlight.Contains(e.Key)) return;
            _ready.AddLast(e.Key);
        }
        _signal.Release();
    }

    /// <summary>
    /// Completes once at most <paramref name="max"/> events wait. The informer calls it before queueing more, so a
    /// slow storage bounds memory instead of the queue holding a whole cluster.
    /// </summary>
    public Task WaitForRoomAsync(int max, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_pending.Count <= max) return Task.CompletedTask;
            _roomLimit = max;
            _room ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _room.Task.WaitAsync(cancellationToken);
        }
    }

    private void SignalRoom()
    {
        if (_room != null && _pending.Count <= _roomLimit)
        {
            _room.TrySetResult();
            _room = null;
        }
    }

    /// <summary>Takes up to <paramref name="max"/> events for distinct keys, marking them in flight; waits while there are none.</summary>
    public async Task<List<SyncEvent>> TakeAsync(int max, CancellationToken cancellationToken)
    {
        while (true)
        {
            await _signal.WaitAsync(cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                var batch = new List<SyncEvent>(Math.Min(max, _ready.Count));
                while (batch.Count < max && _ready.First is { } node)
                {
                    _ready.RemoveFirst();
                    if (!_pending.Remove(node.Value, out var e)) continue; // trimmed
                    _inFlight.Add(node.Value);
                    batch.Add(e);
                }
                // Each taken key consumed one signal; absorb the extra ones so waiting stays accurate.
                for (var i = 1; i < batch.Count; i++) _signal.Wait(0);
                SignalRoom();
                if (batch.Count > 0) return batch;
            }
        }
    }

    /// <summary>The writer finished with a key; a newer event that arrived meanwhile becomes ready.</summary>
    public void Done(string key)
    {
        lock (_gate)
        {
            _inFlight.Remove(key);
            if (!_pending.ContainsKey(key)) return;
            _ready.AddLast(key);
        }
        _signal.Release();
    }

    /// <summary>Discards all but <paramref name="keep"/> waiting events (a long storage outage; a relist restores them).</summary>
    public int Trim(int keep)
    {
        lock (_gate)
        {
            var dropped = 0;
            var node = _ready.First;
            var kept = 0;
            while (node != null)
            {
                var next = node.Next;
                if (kept < keep) kept++;
                else
                {
                    _pending.Remove(node.Value);
                    _ready.Remove(node);
                    dropped++;
                }
                node = next;
            }
            // Pending events of in-flight keys are not in _ready; drop them too beyond the budget.
            foreach (var key in _pending.Keys.Where(k => _inFlight.Contains(k)).ToList())
            {
                if (kept < keep) kept++;
                else { _pending.Remove(key); dropped++; }
            }
            SignalRoom();
            return dropped;
        }
    }
}
