using System.Text.Json;
using Clusterpedia.Kube.Api;
using Clusterpedia.Synchro.Api;
using Clusterpedia.Synchro.Manager;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Clusterpedia.Synchro.Host;

/// <summary>
/// Host-cluster mode: PediaCluster objects in a host cluster drive the manager. Each gets the finalizer
/// <c>clusterpedia.io/cluster-synchro-controller</c>; on deletion the cluster's stored objects are cleaned before the
/// finalizer is removed. Status is written back through the status subresource (see <see cref="WriteStatusAsync"/>),
/// and written again whenever a watched object shows a status other than the one the host stored for our last write.
/// </summary>
public sealed partial class HostPediaClusterSource : IAsyncDisposable
{
    public const string Finalizer = "clusterpedia.io/cluster-synchro-controller";
    public static readonly ApiResourcePath PediaClusters = new("cluster.clusterpedia.io", "v1alpha2", "pediaclusters");
    public static readonly ApiResourcePath ClusterSyncResourcesPath = new("cluster.clusterpedia.io", "v1alpha2", "clustersyncresources");

    private readonly KubeClient _host;
    private readonly ClusterSynchroManager _manager;
    private readonly ILogger _logger;
    private readonly TimeSpan _statusDelay;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _statusDirty = new(0);
    private readonly Dictionary<string, string> _writtenStatus = new(StringComparer.Ordinal);
    // The status as the host returned it after our last write (its own rendering): a watched object whose status is
    // anything else was changed by someone else, and is rewritten.
    private readonly Dictionary<string, string> _hostStatus = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _known = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ClusterSyncResources> _syncResourceSets = new(StringComparer.Ordinal);
    private Task _informer = Task.CompletedTask;
    private Task _syncResourcesInformer = Task.CompletedTask;
    private Task _statusWriter = Task.CompletedTask;
    private Task _secretsInformer = Task.CompletedTask;
    private readonly string _secretNamespace;

    /// <param name="secretNamespace">Where authenticationFrom Secrets live; null for the manager's namespace
    /// (<c>$CLUSTERPEDIA_NAMESPACE</c>, else the pod's, else <c>clusterpedia-system</c>).</param>
    public HostPediaClusterSource(KubeClient host, ClusterSynchroManager manager, ILogger? logger = null, TimeSpan? statusDelay = null,
        string? secretNamespace = null)
    {
        _host = host;
        _manager = manager;
        _logger = logger ?? NullLogger.Instance;
        _statusDelay = statusDelay ?? TimeSpan.FromMilliseconds(500);
        _secretNamespace = secretNamespace ?? Kube.LeaderElection.LeaderElectionOptions.DefaultNamespace();
    }

    public void Start()
    {
        _manager.Changed += OnManagerChanged;
        if (_manager.ReadsSecrets)
        {
            // Only with the gate on, as upstream: the Secret informer needs RBAC on secrets.
            var secrets = new HostSecretCache(_host, _secretNamespace, _manager, _logger);
            _manager.UseSecrets(secrets);
            _secretsInformer = Task.Run(() => secrets.RunAsync(_stop.Token));
        }
        _syncResourcesInformer = Task.Run(() => RunSyncResourcesInformerAsync(_stop.Token));
        _informer = Task.Run(() => RunInformerAsync(_stop.Token));
        _statusWriter = Task.Run(() => RunStatusWriterAsync(_stop.Token));
    }

    private void OnManagerChanged(object? sender, EventArgs e)
    {
        if (_statusDirty.CurrentCount == 0) _statusDirty.Release();
    }

    private Task RunInformerAsync(CancellationToken ct) =>
        new HostInformer(_host, PediaClusters, HandleAsync, ForgetAsync, async (listed, c) =>
        {
            foreach (var name in _known.Keys.Where(n => !listed.Contains(n)).ToList()) await ForgetAsync(name, c).ConfigureAwait(false);
        }, _logger).RunAsync(ct);

    private Task RunSyncResourcesInformerAsync(CancellationToken ct) =>
        new HostInformer(_host, ClusterSyncResourcesPath, async (json, c) =>
        {
            var set = JsonSerializer.Deserialize(json.Span, SynchroJsonContext.Default.ClusterSyncResources)!;
            _syncResourceSets[set.Metadata.Name] = set;
            await _manager.SetClusterSyncResourcesAsync([.. _syncResourceSets.Values], c).ConfigureAwait(false);
        }, async (name, c) =>
        {
            if (_syncResourceSets.TryRemove(name, out _))
                await _manager.SetClusterSyncResourcesAsync([.. _syncResourceSets.Values], c).ConfigureAwait(false);
        }, async (listed, c) =>
        {
            var removed = false;
            foreach (var name in _syncResourceSets.Keys.Where(n => !listed.Contains(n)).ToList()) removed |= _syncResourceSets.TryRemove(name, out _);
            if (removed) await _manager.SetClusterSyncResourcesAsync([.. _syncResourceSets.Values], c).ConfigureAwait(false);
        }, _logger).RunAsync(ct);

    /// <summary>One PediaCluster's failure (a malformed object, a forbidden finalizer update) must not stall the others.</summary>
    private async Task HandleAsync(ReadOnlyMemory<byte> json, CancellationToken ct)
    {
        try
        {
            await ApplyAsync(json, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (!ct.IsCancellationRequested && e is not OperationCanceledException)
        {
            LogApplyFailed(_logger, Kube.Api.ObjectKey.Read(json.Span).Name, e.Message);
        }
    }

    private async Task ApplyAsync(ReadOnlyMemory<byte> json, CancellationToken ct)
    {
        var cluster = JsonSerializer.Deserialize(json.Span, SynchroJsonContext.Default.PediaCluster)!;
        var name = cluster.Metadata.Name;
        var finalizers = cluster.Metadata.Finalizers ?? [];
        if (cluster.Metadata.DeletionTimestamp != null)
        {
            if (!finalizers.Contains(Finalizer)) return;
            await _manager.DeleteAsync(name, ct).ConfigureAwait(false);
            await UpdateFinalizersAsync(name, add: false, ct).ConfigureAwait(false);
            _known.TryRemove(name, out _);
            return;
        }
        if (!finalizers.Contains(Finalizer)) await UpdateFinalizersAsync(name, add: true, ct).ConfigureAwait(false);
        _known[name] = true;
        ReconcileStatus(name, StatusText(cluster));
        await _manager.ApplyAsync(cluster, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Status is reconciled, not remembered: when the host holds a status we did not write last (patched behind our
    /// back, or left by another process), forget what we wrote so the writer puts ours back.
    /// </summary>
    private void ReconcileStatus(string name, string observed)
    {
        lock (_writtenStatus)
        {
            if (!_hostStatus.TryGetValue(name, out var ours) || ours == observed) return;
            _writtenStatus.Remove(name);
            _hostStatus.Remove(name);
        }
        LogStatusRepair(_logger, name);
        OnManagerChanged(this, EventArgs.Empty);
    }

    private static string StatusText(PediaCluster cluster) =>
        JsonSerializer.Serialize(new PediaCluster { Status = cluster.Status }, SynchroJsonContext.Default.PediaCluster);

    /// <summary>The object is gone (deleted without our finalizer, or missing from a relist): clean what we hold.</summary>
    private async Task ForgetAsync(string name, CancellationToken ct)
    {
        _known.TryRemove(name, out _);
        await _manager.DeleteAsync(name, ct).ConfigureAwait(false);
        lock (_writtenStatus)
        {
            _writtenStatus.Remove(name);
            _hostStatus.Remove(name);
        }
    }

    /// <summary>Read-modify-write of metadata.finalizers, retried on conflict.</summary>
    private async Task UpdateFinalizersAsync(string name, bool add, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var current = JsonSerializer.Deserialize(await _host.GetObjectAsync(PediaClusters.ItemPath("", name), ct).ConfigureAwait(false),
                    SynchroJsonContext.Default.PediaCluster)!;
                var finalizers = current.Metadata.Finalizers ??= [];
                if (add == finalizers.Contains(Finalizer)) return;
                if (add) finalizers.Add(Finalizer);
                else finalizers.Remove(Finalizer);
                current.Status = null; // a PUT of the object does not change status
                await _host.PutObjectAsync(PediaClusters.ItemPath("", name),
                    JsonSerializer.SerializeToUtf8Bytes(current, SynchroJsonContext.Default.PediaCluster), ct).ConfigureAwait(false);
                return;
            }
            catch (KubeApiException e) when (e.StatusCode == 409 && attempt < 5)
            {
            }
            catch (KubeApiException e) when (e.StatusCode == 404)
            {
                return;
            }
        }
    }

    private async Task RunStatusWriterAsync(CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await _statusDirty.WaitAsync(ct).ConfigureAwait(false);
                await Task.Delay(_statusDelay, ct).ConfigureAwait(false); // coalesce bursts of changes into one write per cluster
                if (!await WriteStatusAsync(ct).ConfigureAwait(false)) OnManagerChanged(this, EventArgs.Empty);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Writes every cluster's status whose content changed since the last write (read-modify-write of the status
    /// subresource). Returns false when a write must be retried.
    /// </summary>
    public async Task<bool> WriteStatusAsync(CancellationToken ct)
    {
        var complete = true;
        foreach (var cluster in _manager.Clusters)
        {
            var name = cluster.Metadata.Name;
            if (!_known.ContainsKey(name)) continue;
            var status = StatusText(cluster);
            lock (_writtenStatus)
                if (_writtenStatus.TryGetValue(name, out var written) && written == status) continue;
            try
            {
                var current = JsonSerializer.Deserialize(await _host.GetObjectAsync(PediaClusters.ItemPath("", name), ct).ConfigureAwait(false),
                    SynchroJsonContext.Default.PediaCluster)!;
                current.Status = cluster.Status;
                var written = await _host.PutObjectAsync(PediaClusters.ItemPath("", name, "status"),
                    JsonSerializer.SerializeToUtf8Bytes(current, SynchroJsonContext.Default.PediaCluster), ct).ConfigureAwait(false);
                var asStored = StatusText(JsonSerializer.Deserialize(written, SynchroJsonContext.Default.PediaCluster)!);
                lock (_writtenStatus)
                {
                    _writtenStatus[name] = status;
                    _hostStatus[name] = asStored;
                }
            }
            catch (Exception e) when (e is KubeApiException or HttpRequestException or IOException && !ct.IsCancellationRequested)
            {
                if (e is KubeApiException { StatusCode: 404 }) continue;
                LogStatusFailed(_logger, name, e.Message);
                complete = false;
            }
        }
        return complete;
    }

    private int _disposed;

    /// <summary>Idempotent: a container registering this source under two types disposes it twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _manager.Changed -= OnManagerChanged;
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_informer, _syncResourcesInformer, _statusWriter, _secretsInformer).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "host cluster: PediaCluster {Cluster} could not be applied: {Error}")]
    private static partial void LogApplyFailed(ILogger logger, string cluster, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "host cluster: the status of PediaCluster {Cluster} was changed by someone else; writing it again")]
    private static partial void LogStatusRepair(ILogger logger, string cluster);

    [LoggerMessage(Level = LogLevel.Warning, Message = "host cluster: writing the status of PediaCluster {Cluster} failed: {Error}")]
    private static partial void LogStatusFailed(ILogger logger, string cluster, string error);
}
