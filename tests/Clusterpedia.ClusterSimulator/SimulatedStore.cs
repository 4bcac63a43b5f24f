using System.Globalization;
using System.Text;
using System.Threading.Channels;

namespace Clusterpedia.ClusterSimulator;

/// <summary>
/// The simulated cluster's etcd: objects per resource, one global resourceVersion counter, a bounded event history
/// that watches resume from, and the open watches. Everything runs under one lock; the cluster is small.
/// </summary>
public sealed partial class SimulatedStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<SimulatedResource, SortedDictionary<string, StoredObject>> _objects = [];
    private readonly LinkedList<HistoryEvent> _history = new();
    private readonly List<SimulatedWatch> _watches = [];
    private long _rv = 1000;
    private long _compactedRv;

    public SimulatedStore(int historyLimit = 100_000)
    {
        HistoryLimit = historyLimit;
        foreach (var r in SimulatedResource.All) _objects[r] = new SortedDictionary<string, StoredObject>(StringComparer.Ordinal);
    }

    public int HistoryLimit { get; }

    public long ResourceVersion { get { lock (_gate) return _rv; } }

    public int WatchCount { get { lock (_gate) return _watches.Count; } }

    /// <summary>Watches refused with 410 because their resourceVersion predates the kept history.</summary>
    public int ExpiredWatches { get { lock (_gate) return _expiredWatches; } }

    private int _expiredWatches;

    public void Create(ObjectSpec spec)
    {
        lock (_gate)
        {
            var objects = _objects[spec.Resource];
            if (objects.ContainsKey(spec.Key)) throw new InvalidOperationException($"{spec.Resource.Resource} {spec.Key} exists");
            Put(spec, "ADDED");
        }
    }

    /// <summary>Creates a pod and the event the scheduler writes about it.</summary>
    public void CreatePodWithEvent(ObjectSpec pod, Random random)
    {
        lock (_gate)
        {
            Create(pod);
            Create(ClusterPopulation.NewEvent(pod, random));
        }
    }

    /// <summary>Bumps an object's generation, giving it new content and a new resourceVersion. False if it is gone.</summary>
    public bool Update(SimulatedResource resource, string key)
    {
        lock (_gate)
        {
            if (!_objects[resource].TryGetValue(key, out var stored)) return false;
            Put(stored.Spec with { Generation = stored.Spec.Generation + 1 }, "MODIFIED");
            return true;
        }
    }

    /// <summary>Deletes an object; its DELETED event carries its last state at the deletion's resourceVersion.</summary>
    public bool Delete(SimulatedResource resource, string key)
    {
        lock (_gate)
        {
            if (!_objects[resource].ContainsKey(key)) return false;
            var rv = ++_rv;
            foreach (var version in resource.Versions)
            {
                if (!_objects[version].Remove(key, out var stored)) continue;
                Publish(new HistoryEvent(rv, "DELETED", stored.Spec, ObjectRenderer.Render(stored.Spec, rv)));
            }
            return true;
        }
    }

    /// <summary>Writes the object in every version of its resource, as kube's conversion shows one stored object in each.</summary>
    private void Put(ObjectSpec spec, string type)
    {
        var rv = ++_rv;
        foreach (var version in spec.Resource.Versions)
        {
            var view = spec with { Resource = version };
            var json = ObjectRenderer.Render(view, rv);
            _objects[version][spec.Key] = new StoredObject(view, rv, json);
            Publish(new HistoryEvent(rv, type, view, json));
        }
    }

    private void Publish(HistoryEvent e)
    {
        _history.AddLast(e);
        while (_history.Count > HistoryLimit)
        {
            _compactedRv = _history.First!.Value.ResourceVersion;
            _history.RemoveFirst();
        }
        foreach (var w in _watches)
            if (w.Matches(e)) w.Channel.Writer.TryWrite(e);
    }

    /// <summary>Forgets all history: every watch or continue token from before now gets 410 Gone.</summary>
    public void Compact()
    {
        lock (_gate)
        {
            _history.Clear();
            _compactedRv = _rv;
        }
    }

    /// <summary>Ends every open watch, as an apiserver restart does.</summary>
    public void DropWatches()
    {
        lock (_gate)
        {
            foreach (var w in _watches) w.Channel.Writer.TryComplete();
            _watches.Clear();
        }
    }

    internal void Unregister(SimulatedWatch watch)
    {
        lock (_gate) _watches.Remove(watch);
    }

    public StoredObject? Get(SimulatedResource resource, string key)
    {
        lock (_gate) return _objects[resource].GetValueOrDefault(key);
    }

    /// <summary>Key -> resourceVersion of every object of a resource: what a synced storage must equal.</summary>
    public Dictionary<string, string> Snapshot(SimulatedResource resource)
    {
        lock (_gate)
            return _objects[resource].ToDictionary(kv => kv.Key, kv => kv.Value.ResourceVersion.ToString(CultureInfo.InvariantCulture), StringComparer.Ordinal);
    }

    public IReadOnlyList<string> Keys(SimulatedResource resource)
    {
        lock (_gate) return [.. _objects[resource].Keys];
    }

    public string? RandomKey(SimulatedResource resource, Random random)
    {
        lock (_gate)
        {
            var objects = _objects[resource];
            return objects.Count == 0 ? null : objects.Keys.ElementAt(random.Next(objects.Count));
        }
    }

    /// <summary>True when <paramref name="resourceVersion"/> predates the kept history: a list or watch at it gets 410.</summary>
    public bool IsCompacted(long resourceVersion)
    {
        lock (_gate) return resourceVersion < _compactedRv;
    }

    /// <summary>
    /// One page of a list (every matching object when <paramref name="limit"/> is 0). The continue token carries the
    /// list's resourceVersion and the last key; the remaining count is known only without selectors, as in kube.
    /// </summary>
    /// <exception cref="ExpiredException">When the continue token predates the last compaction.</exception>
    /// <exception cref="FormatException">When the continue token is malformed.</exception>
    public ListPage List(SimulatedResource resource, string? @namespace, int limit, string? continueToken, ObjectSelector? selector = null)
    {
        selector ??= ObjectSelector.Everything;
        lock (_gate)
        {
            var listRv = _rv;
            string? after = null;
            if (!string.IsNullOrEmpty(continueToken))
            {
                var text = Encoding.UTF8.GetString(Convert.FromBase64String(continueToken));
                var colon = text.IndexOf(':');
                if (colon < 0) throw new FormatException("continue token has no resourceVersion");
                listRv = long.Parse(text.AsSpan(0, colon), CultureInfo.InvariantCulture);
                after = text[(colon + 1)..];
                if (listRv < _compactedRv) throw new ExpiredException("The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.");
            }
            var items = new List<StoredObject>();
            string? next = null;
            long remaining = 0;
            foreach (var (key, stored) in _objects[resource])
            {
                if (after != null && string.CompareOrdinal(key, after) <= 0) continue;
                if (@namespace != null && stored.Spec.Namespace != @namespace) continue;
                if (!selector.Matches(stored.Spec)) continue;
                if (next != null || (limit > 0 && items.Count == limit))
                {
                    next ??= Convert.ToBase64String(Encoding.UTF8.GetBytes($"{listRv}:{after}"));
                    remaining++;
                    continue;
                }
                items.Add(stored);
                after = key;
            }
            return new ListPage(listRv, items, next, next != null && selector.IsEmpty ? remaining : null);
        }
    }

    /// <summary>
    /// Opens a watch. From "" or "0", or when <paramref name="sendInitialEvents"/>, it first sends every current object as
    /// ADDED (<see cref="SimulatedWatch.InitialEvents"/> of them), then what changes.
    /// </summary>
    /// <exception cref="ExpiredException">When <paramref name="fromResourceVersion"/> predates the kept history.</exception>
    public SimulatedWatch Watch(SimulatedResource resource, string? @namespace, long? fromResourceVersion, ObjectSelector? selector = null,
        bool sendInitialEvents = false)
    {
        lock (_gate)
        {
            var watch = new SimulatedWatch(this, resource, @namespace, selector ?? ObjectSelector.Everything, _rv);
            if (fromResourceVersion is null or 0 || sendInitialEvents)
            {
                foreach (var stored in _objects[resource].Values)
                {
                    var e = new HistoryEvent(stored.ResourceVersion, "ADDED", stored.Spec, stored.Json);
                    if (!watch.Matches(e)) continue;
                    watch.Channel.Writer.TryWrite(e);
                    watch.InitialEvents++;
                }
            }
            else
            {
                if (fromResourceVersion < _compactedRv && ++_expiredWatches > 0)
                    throw new ExpiredException($"too old resource version: {fromResourceVersion} ({_compactedRv})");
                foreach (var e in _history)
                    if (e.ResourceVersion > fromResourceVersion && watch.Matches(e)) watch.Channel.Writer.TryWrite(e);
            }
            _watches.Add(watch);
            return watch;
        }
    }
}

/// <param name="Json">The object as a get or a watch event shows it, with kind and apiVersion.</param>
public sealed record StoredObject(ObjectSpec Spec, long ResourceVersion, byte[] Json)
{
    /// <summary>The object as a list item shows it: without kind and apiVersion for a built-in type.</summary>
    public byte[] ListItemJson { get; } = TypeMeta.ListItem(Spec.Resource, Json);
}

public sealed record HistoryEvent(long ResourceVersion, string Type, ObjectSpec Spec, byte[] Json)
{
    public SimulatedResource Resource => Spec.Resource;
    public string Namespace => Spec.Namespace;
}

/// <param name="RemainingItemCount">Matching objects after this page; null on the last page and with selectors.</param>
public sealed record ListPage(long ResourceVersion, IReadOnlyList<StoredObject> Items, string? Continue, long? RemainingItemCount = null);

public sealed class ExpiredException(string message) : Exception(message);

public sealed class SimulatedWatch : IDisposable
{
    private readonly SimulatedStore _store;

    internal SimulatedWatch(SimulatedStore store, SimulatedResource resource, string? @namespace, ObjectSelector selector, long startResourceVersion)
    {
        _store = store;
        Resource = resource;
        Namespace = @namespace;
        Selector = selector;
        StartResourceVersion = startResourceVersion;
    }

    public SimulatedResource Resource { get; }
    public string? Namespace { get; }
    public ObjectSelector Selector { get; }

    /// <summary>The store's resourceVersion when the watch opened: what the initial events show.</summary>
    public long StartResourceVersion { get; }

    /// <summary>How many of the first events are the current state sent as ADDED.</summary>
    public int InitialEvents { get; internal set; }

    public Channel<HistoryEvent> Channel { get; } = System.Threading.Channels.Channel.CreateUnbounded<HistoryEvent>();

    internal bool Matches(HistoryEvent e) =>
        e.Resource == Resource && (Namespace == null || e.Namespace == Namespace) && Selector.Matches(e.Spec);

    public void Dispose() => _store.Unregister(this);
}
