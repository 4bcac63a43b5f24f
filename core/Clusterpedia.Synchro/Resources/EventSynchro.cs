using System.Collections.Concurrent;
using System.Text.Json;
using Clusterpedia.Kube.Api;
using Clusterpedia.Objects;
using Clusterpedia.Storage;
using Microsoft.Extensions.Logging;

namespace Clusterpedia.Synchro.Resources;

/// <summary>
/// Syncs the core/v1 Events that involve one resource's objects (<c>eventsInvolvedResources</c>, §6.6): list/watch
/// with <c>involvedObject.kind=&lt;Kind&gt;</c>, started once the resource finished its initial sync. Events about objects
/// the resource synchro has not stored wait for them (<see cref="ResourceSynchroOptions.OrphanEventGrace"/>), then are
/// dropped as orphans; the rest are recorded as upstream records them (apiVersion
/// and kind added, managedFields dropped, no cluster annotation). Deletions only forget the event's resourceVersion.
/// </summary>
internal sealed partial class EventSynchro(
    string cluster,
    KubeClient client,
    string involvedKind,
    Func<string, bool> isKnownObject,
    Func<bool> ownerSynced,
    IResourceStorage storage,
    IReadOnlyDictionary<string, string>? storedEvents,
    ResourceSynchroOptions options,
    ILogger logger)
{
    private static readonly ApiResourcePath Events = new("", "v1", "events");

    // As upstream's event synchro: managedFields always go (whatever the gates), nothing else is pruned, and no
    // cluster annotation is added (the event lives in its object's row, which names the cluster).
    private static readonly PruneOptions EventPrune = new(ManagedFields: true, LastAppliedConfiguration: false);
    private readonly ConcurrentDictionary<string, string> _known = new(storedEvents ?? new Dictionary<string, string>(), StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (ObjectKey Key, byte[] Json, DateTimeOffset Since)> _waiting = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _handling = new(1, 1);
    private string Selector => $"involvedObject.kind={involvedKind}";

    public long Recorded;
    public long Orphans;

    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            while (!ownerSynced()) await Task.Delay(100, ct).ConfigureAwait(false);
            _ = RetryWaitingAsync(ct);
            var backoff = TimeSpan.FromSeconds(1);
            while (!ct.IsCancellationRequested)
            {
                try
                {
                    var rv = await ListAsync(ct).ConfigureAwait(false);
                    while (true)
                    {
                        var timeout = options.WatchTimeoutSeconds ?? KubeClient.RandomWatchTimeoutSeconds();
                        await foreach (var e in client.WatchAsync(Events, rv, timeout, ct, Selector).ConfigureAwait(false))
                        {
                            rv = e.Key.ResourceVersion;
                            if (e.Type == KubeWatchEventType.Deleted)
                            {
                                _known.TryRemove(e.Key.Key, out _);
                                _waiting.TryRemove(e.Key.Key, out _);
                            }
                            else if (e.Type != KubeWatchEventType.Bookmark) await HandleAsync(e.Key, e.Json, ct).ConfigureAwait(false);
                        }
                        backoff = TimeSpan.FromSeconds(1);
                    }
                }
                catch (KubeApiException e) when (e.IsExpired)
                {
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    LogFailed(logger, cluster, involvedKind, e.Message);
                    await Task.Delay(backoff, ct).ConfigureAwait(false);
                    backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task<string> ListAsync(CancellationToken ct)
    {
        var listed = new HashSet<string>(StringComparer.Ordinal);
        var rv = "";
        await foreach (var page in client.ListAsync(Events, options.PageSize, null, ct, Selector).ConfigureAwait(false))
        {
            foreach (var item in page.Items)
            {
                listed.Add(item.Key.Key);
                await HandleAsync(item.Key, item.Json, ct).ConfigureAwait(false);
            }
            rv = page.ResourceVersion;
        }
        foreach (var key in _known.Keys.Where(k => !listed.Contains(k)).ToList()) _known.TryRemove(key, out _);
        return rv;
    }

    /// <summary>Every second, retries the Events whose object was unknown; past the grace period they are orphans.</summary>
    private async Task RetryWaitingAsync(CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), ct).ConfigureAwait(false);
                foreach (var (name, waiting) in _waiting.ToArray())
                {
                    if (isKnownObject(InvolvedKey(waiting.Json)))
                    {
                        if (_waiting.TryRemove(name, out _)) await HandleAsync(waiting.Key, waiting.Json, ct).ConfigureAwait(false);
                    }
                    else if (DateTimeOffset.UtcNow - waiting.Since > options.OrphanEventGrace && _waiting.TryRemove(name, out _))
                    {
                        Interlocked.Increment(ref Orphans);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task HandleAsync(ObjectKey key, ReadOnlyMemory<byte> json, CancellationToken ct)
    {
        await _handling.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await RecordAsync(key, json, ct).ConfigureAwait(false);
        }
        finally
        {
            _handling.Release();
        }
    }

    private async Task RecordAsync(ObjectKey key, ReadOnlyMemory<byte> json, CancellationToken ct)
    {
        if (_known.TryGetValue(key.Key, out var rv) && rv == key.ResourceVersion) return;
        if (!isKnownObject(InvolvedKey(json.Span)))
        {
            var since = _waiting.TryGetValue(key.Key, out var earlier) ? earlier.Since : DateTimeOffset.UtcNow;
            _waiting[key.Key] = (key, json.ToArray(), since);
            return;
        }
        _waiting.TryRemove(key.Key, out _);
        ResourceObject rewritten;
        try
        {
            rewritten = new ResourceObject(ObjectRewriter.Rewrite(json.Span, cluster: null, EventPrune, TypeMeta.Event));
        }
        catch (Exception e) when (e is InvalidObjectException or System.Text.Json.JsonException)
        {
            LogDropped(logger, cluster, key.Key, e.Message);
            _known[key.Key] = key.ResourceVersion;
            return;
        }
        while (true)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(options.StorageCallTimeout);
                await storage.RecordEventAsync(cluster, rewritten, timeout.Token).ConfigureAwait(false);
                break;
            }
            catch (StorageException e) when (e.IsRecoverable)
            {
                await Task.Delay(options.StorageRetryDelay, ct).ConfigureAwait(false);
            }
            catch (StorageException e)
            {
                LogDropped(logger, cluster, key.Key, e.Message);
                break;
            }
        }
        Interlocked.Increment(ref Recorded);
        _known[key.Key] = key.ResourceVersion;
    }

    /// <summary><c>involvedObject.namespace/name</c> of an event.</summary>
    private static string InvolvedKey(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        string ns = "", name = "";
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!reader.ValueTextEquals("involvedObject"u8))
            {
                reader.Read();
                reader.Skip();
                continue;
            }
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("namespace"u8)) { reader.Read(); ns = reader.GetString() ?? ""; }
                else if (reader.ValueTextEquals("name"u8)) { reader.Read(); name = reader.GetString() ?? ""; }
                else { reader.Read(); reader.Skip(); }
            }
            break;
        }
        return ns.Length == 0 ? name : $"{ns}/{name}";
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "cluster {Cluster}: events of {Kind}: list/watch failed: {Error}")]
    private static partial void LogFailed(ILogger logger, string cluster, string kind, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "cluster {Cluster}: dropped event {Key}: {Error}")]
    private static partial void LogDropped(ILogger logger, string cluster, string key, string error);
}
