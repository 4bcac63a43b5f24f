using System.Diagnostics;
using System.Collections.Concurrent;
using Clusterpedia.Objects;
using Clusterpedia.Storage;
using Microsoft.Extensions.Logging;

namespace Clusterpedia.Synchro.Resources;

// The writer side: drains the queue into storage, retries recoverable errors, and during a long storage outage
// pauses the informer, trims the queue and later resumes by reseeding from storage and relisting.
public sealed partial class ResourceSynchro
{
    private int _resuming;

    private async Task RunWriterAsync(CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var batch = await _queue.TakeAsync(_options.BatchSize, ct).ConfigureAwait(false);
                try
                {
                    await WriteAsync(batch, ct).ConfigureAwait(false);
                }
                finally
                {
                    foreach (var e in batch) _queue.Done(e.Key);
                }
                if (_pausedForStorage && _queue.IsIdle) await ResumeAfterStorageOutageAsync(ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task WriteAsync(List<SyncEvent> batch, CancellationToken ct)
    {
        var upserts = batch.Where(e => e.Type != SyncEventType.Deleted).ToList();
        if (upserts.Count > 0)
        {
            var objects = upserts.Select(e => new ResourceObject(e.Json)).ToList();
            if (await TryWithRetryAsync(c => _storage.UpsertManyAsync(_cluster, objects, c), ct).ConfigureAwait(false) is null)
            {
                var added = upserts.Count(e => e.Type == SyncEventType.Added);
                Counters.AddUpserted(SyncEventType.Added, added);
                Counters.AddUpserted(SyncEventType.Updated, upserts.Count - added);
            }
            else
                await WriteOneByOneAsync(upserts, ct).ConfigureAwait(false); // find and report the object that cannot be stored
        }
        foreach (var e in batch.Where(e => e.Type == SyncEventType.Deleted))
        {
            if (await TryWithRetryAsync(c => _storage.DeleteAsync(_cluster, e.Namespace, e.Name, c), ct).ConfigureAwait(false) is { } error)
            {
                Counters.AddFailed();
                LogDropped(_logger, _cluster, _syncResource.ToString(), e.Key, "delete: " + error.Message);
            }
            else Counters.AddDeleted();
        }
    }

    private async Task WriteOneByOneAsync(List<SyncEvent> upserts, CancellationToken ct)
    {
        foreach (var e in upserts)
        {
            var obj = new ResourceObject(e.Json);
            if (await TryWithRetryAsync(c => _storage.UpsertAsync(_cluster, obj, c), ct).ConfigureAwait(false) is { } error)
            {
                Counters.AddFailed();
                LogDropped(_logger, _cluster, _syncResource.ToString(), e.Key, "upsert: " + error.Message);
            }
            else Counters.AddUpserted(e.Type, 1);
        }
    }

    /// <summary>
    /// Runs a storage call with the per-call timeout, retrying recoverable errors (and timeouts) without limit.
    /// Returns null on success, or the non-recoverable error.
    /// </summary>
    private async Task<Exception?> TryWithRetryAsync(Func<CancellationToken, ValueTask> call, CancellationToken ct)
    {
        var retries = 0;
        while (true)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(_options.StorageCallTimeout);
            Exception recoverable;
            var started = Stopwatch.GetTimestamp();
            try
            {
                await call(timeout.Token).ConfigureAwait(false);
                return null;
            }
            catch (StorageException e) when (e.IsRecoverable)
            {
                recoverable = e;
            }
            catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
            {
                recoverable = e;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                return e;
            }
            finally
            {
                Counters.StorageDuration.Observe(Stopwatch.GetElapsedTime(started));
            }
            retries++;
            Counters.AddRetried();
            if (retries == 1) LogStorageRetry(_logger, _cluster, _syncResource.ToString(), recoverable.Message);
            if (retries >= _options.RetriesBeforePause && !_pausedForStorage && _queue.Count > _options.QueueKeptDuringOutage)
                PauseForStorageOutage();
            await Task.Delay(_options.StorageRetryDelay, ct).ConfigureAwait(false);
        }
    }

    private void PauseForStorageOutage()
    {
        lock (_gate)
        {
            if (_pausedForStorage) return;
            _pausedForStorage = true;
            _informerStop?.Cancel();
        }
        var dropped = _queue.Trim(_options.QueueKeptDuringOutage);
        LogStoragePause(_logger, _cluster, _syncResource.ToString(), dropped);
        SetStatus(SyncStatus.Stop, "StorageExpection", "storage is failing; the informer is paused and will relist"); // [sic] upstream's reason
    }

    /// <summary>
    /// Storage is writable again and the queue is empty: rebuild the known map from what storage really holds (the
    /// trimmed events never got there), then restart the informer, whose relist writes the differences.
    /// </summary>
    private async Task ResumeAfterStorageOutageAsync(CancellationToken ct)
    {
        if (Interlocked.Exchange(ref _resuming, 1) == 1) return;
        try
        {
            Task informer;
            lock (_gate) informer = _informer;
            await informer.ConfigureAwait(false);
            if (!_queue.IsIdle) return; // the informer queued more before it stopped; the next drained batch resumes
            while (true)
            {
                try
                {
                    var stored = await _storageFactory.GetResourceVersionsAsync(_cluster, ct).ConfigureAwait(false);
                    var versions = stored.TryGetValue(StorageConfig.Resource, out var v) ? v.Resources : new Dictionary<string, string>();
                    _known = new ConcurrentDictionary<string, string>(versions, StringComparer.Ordinal);
                    break;
                }
                catch (StorageException e) when (e.IsRecoverable)
                {
                    await Task.Delay(_options.StorageRetryDelay, ct).ConfigureAwait(false);
                }
            }
            lock (_gate) _pausedForStorage = false;
            LogStorageResume(_logger, _cluster, _syncResource.ToString(), _known.Count);
            SetStatus(SyncStatus.Pending, null, null);
            StartInformer();
        }
        finally
        {
            Volatile.Write(ref _resuming, 0);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "cluster {Cluster} {Resource}: storage failed, retrying: {Error}")]
    private static partial void LogStorageRetry(ILogger logger, string cluster, string resource, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "cluster {Cluster} {Resource}: storage keeps failing; informer paused, {Dropped} queued events dropped until the relist")]
    private static partial void LogStoragePause(ILogger logger, string cluster, string resource, int dropped);

    [LoggerMessage(Level = LogLevel.Information, Message = "cluster {Cluster} {Resource}: storage recovered; {Known} stored objects reseeded, relisting")]
    private static partial void LogStorageResume(ILogger logger, string cluster, string resource, int known);
}
