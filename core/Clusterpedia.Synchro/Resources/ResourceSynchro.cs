using System.Collections.Concurrent;
using Clusterpedia.Kube.Api;
using Clusterpedia.Objects;
using Clusterpedia.Storage;
using Microsoft.Extensions.Logging;

namespace Clusterpedia.Synchro.Resources;

/// <summary>
/// Syncs one resource of one cluster into its storage resource. The informer side lists then watches the member
/// and turns what it sees into queued events, comparing against a key -> resourceVersion map (never whole objects);
/// the writer side drains the queue into storage. The map is seeded from storage, so a restart writes only
/// differences and deletes what vanished.
/// </summary>
public sealed partial class ResourceSynchro : IAsyncDisposable
{
    private readonly string _cluster;
    private readonly KubeClient _client;
    private readonly ApiResourcePath _syncResource;
    private readonly TypeMeta _type;
    private readonly IStorageFactory _storageFactory;
    private readonly IResourceStorage _storage;
    private readonly ResourceSynchroOptions _options;
    private readonly ILogger _logger;
    private readonly Action _statusChanged;
    private readonly SyncEventQueue _queue = new();
    private readonly CancellationTokenSource _lifetime = new();
    private readonly Lock _gate = new();
    private readonly Task[] _writers;
    private volatile ConcurrentDictionary<string, string> _known;
    private CancellationTokenSource? _informerStop;
    private Task _informer = Task.CompletedTask;
    private readonly EventSynchro? _events;
    private Task _eventsTask = Task.CompletedTask;
    private bool _pausedForHealth = true;
    private volatile bool _pausedForStorage;
    private volatile bool _initialListDone;
    private volatile bool _initialSynced;
    private ResourceSyncStatus _status = new(SyncStatus.Pending, "SynchroCreating", null, true, DateTimeOffset.UtcNow);

    public ResourceSynchro(string cluster, KubeClient client, ApiResourcePath syncResource, ResourceStorageConfig storageConfig,
        IStorageFactory storage, IReadOnlyDictionary<string, string>? storedVersions, ResourceSynchroOptions options,
        ILogger logger, Action? statusChanged = null, bool syncEvents = false, IReadOnlyDictionary<string, string>? storedEvents = null)
    {
        _cluster = cluster;
        _client = client;
        _syncResource = syncResource;
        _type = TypeMeta.Of(syncResource.Group, syncResource.Version, storageConfig.Kind);
        StorageConfig = storageConfig;
        _storageFactory = storage;
        _storage = storage.GetResourceStorage(storageConfig);
        _options = options;
        _logger = logger;
        _statusChanged = statusChanged ?? (() => { });
        _known = new ConcurrentDictionary<string, string>(storedVersions ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        if (syncEvents)
            // An Event is recorded only once its object's row is written (as upstream, which checks the versions it has
            // stored): recorded earlier, the storage finds no row to attach it to and the Event is lost.
            _events = new EventSynchro(cluster, client, storageConfig.Kind, key => _known.ContainsKey(key) && !_queue.Holds(key), () => !InitialListPhase, _storage,
                storedEvents, options, logger);
        _writers = Enumerable.Range(0, Math.Max(1, options.Writers)).Select(_ => Task.Run(() => RunWriterAsync(_lifetime.Token))).ToArray();
    }

    public ResourceStorageConfig StorageConfig { get; }
    public ApiResourcePath SyncResource => _syncResource;
    public ResourceSyncCounters Counters { get; } = new();

    /// <summary>Objects the informer knows of (written or queued).</summary>
    public int KnownCount => _known.Count;

    public int QueueLength => _queue.Count;

    /// <summary>Events recorded for this resource's objects, and events dropped because their object is unknown.</summary>
    public (long Recorded, long Orphans) EventCounts => _events is { } e ? (Interlocked.Read(ref e.Recorded), Interlocked.Read(ref e.Orphans)) : (0, 0);

    /// <summary>True until the first list has been read and every event from it written.</summary>
    public bool InitialListPhase
    {
        get
        {
            if (!_initialSynced && _initialListDone && _queue.IsIdle) _initialSynced = true;
            return !_initialSynced;
        }
    }

    public ResourceSyncStatus Status
    {
        get
        {
            var s = Volatile.Read(ref _status);
            return s.InitialListPhase == InitialListPhase ? s : s with { InitialListPhase = InitialListPhase };
        }
    }

    /// <summary>Starts (or resumes) the informer: it relists and reconciles, then watches.</summary>
    public void Start()
    {
        lock (_gate) _pausedForHealth = false;
        StartInformer();
    }

    /// <summary>Stops the informer while the cluster is unhealthy; queued events are still written. Stored data is kept.</summary>
    public async Task PauseAsync()
    {
        lock (_gate) _pausedForHealth = true;
        await StopInformerAsync().ConfigureAwait(false);
        SetStatus(SyncStatus.Stop, "Pause", "cluster is not healthy");
    }

    private void StartInformer()
    {
        lock (_gate)
        {
            if (_pausedForHealth || _pausedForStorage || _lifetime.IsCancellationRequested || !_informer.IsCompleted) return;
            _informerStop = CancellationTokenSource.CreateLinkedTokenSource(_lifetime.Token);
            var token = _informerStop.Token;
            _informer = Task.Run(() => RunInformerAsync(token));
            if (_events is { } events) _eventsTask = Task.Run(() => events.RunAsync(token));
        }
    }

    private async Task StopInformerAsync()
    {
        Task informer, events;
        lock (_gate)
        {
            _informerStop?.Cancel();
            informer = _informer;
            events = _eventsTask;
        }
        await informer.ConfigureAwait(false);
        await events.ConfigureAwait(false);
    }

    private async Task RunInformerAsync(CancellationToken ct)
    {
        var backoff = TimeSpan.FromSeconds(1);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                string rv;
                try
                {
                    rv = await ListAndReconcileAsync(ct).ConfigureAwait(false);
                    backoff = TimeSpan.FromSeconds(1);
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    SetStatus(SyncStatus.Error, "ResourceWatchFailed", e.Message);
                    LogListFailed(_logger, _cluster, _syncResource.ToString(), e.Message);
                    await Task.Delay(backoff, ct).ConfigureAwait(false);
                    backoff = Backoff(backoff);
                    continue;
                }
                rv = await WatchUntilExpiredAsync(rv, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    /// <summary>Watches from <paramref name="rv"/>, re-watching after a closed stream or a transient error, until 410 asks for a relist.</summary>
    private async Task<string> WatchUntilExpiredAsync(string rv, CancellationToken ct)
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (true)
        {
            try
            {
                var timeout = _options.WatchTimeoutSeconds ?? KubeClient.RandomWatchTimeoutSeconds();
                await foreach (var e in _client.WatchAsync(_syncResource, rv, timeout, ct).ConfigureAwait(false))
                {
                    await _queue.WaitForRoomAsync(_options.MaxQueuedEvents, ct).ConfigureAwait(false);
                    if (Volatile.Read(ref _status).Status != SyncStatus.Syncing) SetStatus(SyncStatus.Syncing, null, null);
                    rv = Handle(e, rv);
                    backoff = TimeSpan.FromSeconds(1);
                }
            }
            catch (KubeApiException e) when (e.IsExpired)
            {
                LogRelist(_logger, _cluster, _syncResource.ToString(), e.Message);
                return rv;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                SetStatus(SyncStatus.Error, "ResourceWatchFailed", e.Message);
                await Task.Delay(backoff, ct).ConfigureAwait(false);
                backoff = Backoff(backoff);
            }
        }
    }

    private static TimeSpan Backoff(TimeSpan current) => TimeSpan.FromTicks(Math.Min(current.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));

    /// <summary>
    /// Lists the member page by page. Unchanged resourceVersions are skipped without touching the bytes; changed and new
    /// objects are queued; keys known but not listed are queued as deletions. Returns the list's resourceVersion.
    /// </summary>
    private async Task<string> ListAndReconcileAsync(CancellationToken ct)
    {
        var listed = new HashSet<string>(_known.Count, StringComparer.Ordinal);
        var listRv = "";
        await foreach (var page in _client.ListAsync(_syncResource, _options.PageSize, null, ct).ConfigureAwait(false))
        {
            foreach (var item in page.Items)
            {
                await _queue.WaitForRoomAsync(_options.MaxQueuedEvents, ct).ConfigureAwait(false);
                var key = item.Key.Key;
                listed.Add(key);
                var known = _known.TryGetValue(key, out var knownRv);
                if (known && knownRv == item.Key.ResourceVersion) continue;
                Enqueue(known ? SyncEventType.Updated : SyncEventType.Added, item.Key, item.Json.Span);
            }
            listRv = page.ResourceVersion;
        }
        foreach (var key in _known.Keys)
        {
            if (listed.Contains(key) || !_known.TryRemove(key, out _)) continue;
            var slash = key.IndexOf('/');
            var (ns, name) = slash < 0 ? ("", key) : (key[..slash], key[(slash + 1)..]);
            _queue.Enqueue(new SyncEvent(SyncEventType.Deleted, key, ns, name, "", default));
        }
        _initialListDone = true;
        SetStatus(SyncStatus.Syncing, null, null);
        return listRv;
    }

    /// <summary>Queues what the event changed; returns the resourceVersion to resume from.</summary>
    private string Handle(KubeWatchEvent e, string rv)
    {
        var key = e.Key.Key;
        switch (e.Type)
        {
            case KubeWatchEventType.Added or KubeWatchEventType.Modified:
                var known = _known.TryGetValue(key, out var knownRv);
                if (!known || knownRv != e.Key.ResourceVersion)
                    Enqueue(known ? SyncEventType.Updated : SyncEventType.Added, e.Key, e.Json.Span);
                break;
            case KubeWatchEventType.Deleted:
                if (_known.TryRemove(key, out _))
                    _queue.Enqueue(new SyncEvent(SyncEventType.Deleted, key, e.Key.Namespace, e.Key.Name, e.Key.ResourceVersion, default));
                break;
        }
        return e.Key.ResourceVersion.Length > 0 ? e.Key.ResourceVersion : rv; // an invalid object does not move the watch
    }

    private void Enqueue(SyncEventType type, ObjectKey key, ReadOnlySpan<byte> json)
    {
        byte[] rewritten;
        try
        {
            rewritten = ObjectRewriter.Rewrite(json, _cluster, _options.Prune, _type);
        }
        catch (Exception e) when (e is InvalidObjectException or System.Text.Json.JsonException)
        {
            Counters.AddFailed();
            LogDropped(_logger, _cluster, _syncResource.ToString(), key.Key, e.Message);
            return;
        }
        _known[key.Key] = key.ResourceVersion;
        _queue.Enqueue(new SyncEvent(type, key.Key, key.Namespace, key.Name, key.ResourceVersion, rewritten));
    }

    private void SetStatus(string status, string? reason, string? message)
    {
        var old = Volatile.Read(ref _status);
        if (old.Status == status && old.Reason == reason && old.Message == message) return;
        Volatile.Write(ref _status, new ResourceSyncStatus(status, reason, message, InitialListPhase,
            old.Status == status ? old.LastTransitionTime : DateTimeOffset.UtcNow));
        _statusChanged();
    }

    public async ValueTask DisposeAsync()
    {
        await _lifetime.CancelAsync().ConfigureAwait(false);
        await StopInformerAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_writers).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        SetStatus(SyncStatus.Stop, null, null);
        _informerStop?.Dispose();
        _lifetime.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "cluster {Cluster} {Resource}: list failed: {Error}")]
    private static partial void LogListFailed(ILogger logger, string cluster, string resource, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "cluster {Cluster} {Resource}: watch expired, relisting: {Reason}")]
    private static partial void LogRelist(ILogger logger, string cluster, string resource, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "cluster {Cluster} {Resource}: dropped object {Key}: {Error}")]
    private static partial void LogDropped(ILogger logger, string cluster, string resource, string key, string error);
}
