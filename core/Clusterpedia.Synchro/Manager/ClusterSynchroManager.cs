using System.Text.Json;
using Clusterpedia.Kube.Connection;
using Clusterpedia.Storage;
using Clusterpedia.Synchro.Api;
using Clusterpedia.Synchro.Clusters;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Clusterpedia.Synchro.Manager;

/// <summary>
/// Runs one <see cref="ClusterSynchro"/> per PediaCluster (§6.2): validates the spec and credentials, creates the
/// synchro (retrying failures), applies resource changes, rebuilds on credential changes, cleans storage on deletion,
/// and keeps every cluster's status in process for the API server and for status writers.
/// </summary>
public sealed partial class ClusterSynchroManager : IPediaClusterStatusSource, IAsyncDisposable
{
    private readonly IStorageFactory _storage;
    private readonly ClusterSynchroManagerOptions _options;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _reconcile = new(1, 1);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ClusterEntry> _clusters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ClusterSyncResources> _syncResourceSets = new(StringComparer.Ordinal);

    public ClusterSynchroManager(IStorageFactory storage, ClusterSynchroManagerOptions? options = null, ILoggerFactory? loggers = null)
    {
        _storage = storage;
        _options = options ?? new ClusterSynchroManagerOptions();
        _workers = CreateWorkers(_options.WorkerNumber);
        _loggers = loggers ?? NullLoggerFactory.Instance;
        _logger = _loggers.CreateLogger("Clusterpedia.Synchro.ClusterSynchroManager");
    }

    public event EventHandler? Changed;

    public IReadOnlyList<PediaCluster> Clusters
    {
        get
        {
            List<ClusterEntry> entries;
            lock (_gate) entries = [.. _clusters.Values.OrderBy(e => e.Name, StringComparer.Ordinal)];
            return entries.Select(Snapshot).ToList();
        }
    }

    public PediaCluster? Get(string name)
    {
        ClusterEntry? entry;
        lock (_gate) entry = _clusters.GetValueOrDefault(name);
        return entry is null ? null : Snapshot(entry);
    }

    /// <summary>The running synchro of a cluster, for diagnostics and tests.</summary>
    public ClusterSynchro? GetSynchro(string name)
    {
        lock (_gate) return _clusters.GetValueOrDefault(name)?.Synchro;
    }

    /// <summary>Makes the set of clusters equal <paramref name="clusters"/>: applies each, deletes (and cleans) the others.</summary>
    public async Task ReconcileAsync(IReadOnlyCollection<PediaCluster> clusters, IReadOnlyCollection<ClusterSyncResources> syncResourceSets,
        CancellationToken cancellationToken)
    {
        var changed = UpdateSyncResourceSets(syncResourceSets);
        foreach (var cluster in clusters)
            await ApplyAsync(cluster, changed.Contains(cluster.Spec.SyncResourcesRefName ?? ""), cancellationToken).ConfigureAwait(false);
        var wanted = clusters.Select(c => c.Metadata.Name).ToHashSet(StringComparer.Ordinal);
        List<string> gone;
        lock (_gate) gone = _clusters.Keys.Where(k => !wanted.Contains(k)).ToList();
        foreach (var name in gone) await DeleteAsync(name, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Replaces the ClusterSyncResources; clusters that reference a changed one are applied again.</summary>
    public async Task SetClusterSyncResourcesAsync(IReadOnlyCollection<ClusterSyncResources> syncResourceSets, CancellationToken cancellationToken)
    {
        var changed = UpdateSyncResourceSets(syncResourceSets);
        List<PediaCluster> affected;
        lock (_gate) affected = _clusters.Values.Where(e => changed.Contains(e.Cluster.Spec.SyncResourcesRefName ?? "")).Select(e => e.Cluster).ToList();
        foreach (var cluster in affected) await ApplyAsync(cluster, true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stores the sets and returns the names that were added, changed or removed.</summary>
    private HashSet<string> UpdateSyncResourceSets(IReadOnlyCollection<ClusterSyncResources> syncResourceSets)
    {
        lock (_gate)
        {
            var incoming = syncResourceSets.ToDictionary(s => s.Metadata.Name, StringComparer.Ordinal);
            var changed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (name, set) in incoming)
                if (!_syncResourceSets.TryGetValue(name, out var old) || Serialize(old.Spec) != Serialize(set.Spec)) changed.Add(name);
            foreach (var name in _syncResourceSets.Keys.Where(n => !incoming.ContainsKey(n))) changed.Add(name);
            _syncResourceSets.Clear();
            foreach (var (k, v) in incoming) _syncResourceSets[k] = v;
            return changed;
        }
    }

    /// <summary>Adds or updates a cluster. Applying an unchanged spec again does nothing.</summary>
    public Task ApplyAsync(PediaCluster cluster, CancellationToken cancellationToken) => ApplyAsync(cluster, false, cancellationToken);

    private async Task ApplyAsync(PediaCluster cluster, bool force, CancellationToken cancellationToken)
    {
        var name = cluster.Metadata.Name;
        if (string.IsNullOrEmpty(name)) throw new ArgumentException("a PediaCluster needs metadata.name", nameof(cluster));
        await _reconcile.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ClusterEntry entry;
            lock (_gate)
            {
                if (!_clusters.TryGetValue(name, out entry!)) _clusters[name] = entry = new ClusterEntry(name);
            }
            var specJson = Serialize(cluster.Spec);
            if (!force && specJson == entry.SpecJson) return;
            entry.Cluster = cluster;
            entry.SpecJson = specJson;
            await ReconcileEntryAsync(entry, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _reconcile.Release();
        }
        RaiseChanged();
    }

    private async Task ReconcileEntryAsync(ClusterEntry entry, CancellationToken cancellationToken)
    {
        var spec = entry.Cluster.Spec;
        var (resources, refMessage, refError) = EffectiveSyncResources(spec);
        var invalid = refError ?? ResourceNegotiator.Validate(resources, _options.Synchro.Gates);
        if (invalid != null)
        {
            // Upstream keeps a running synchro when only the resources are invalid.
            SetValidated(entry, ConditionStatus.False, ConditionReasons.InvalidSyncResources, invalid);
            return;
        }

        KubeConnection connection;
        try
        {
            connection = KubeConnection.Create(ToCredentials(spec));
        }
        catch (KubeConfigException e)
        {
            SetValidated(entry, ConditionStatus.False, ConditionReasons.InvalidConfig, e.Message);
            await StopSynchroAsync(entry).ConfigureAwait(false);
            return;
        }
        entry.Apiserver = connection.Server.ToString().TrimEnd('/');
        SetValidated(entry, ConditionStatus.True, ConditionReasons.Validated, refMessage);

        if (entry.Synchro is { } running && entry.Identity == connection.Identity)
        {
            connection.Dispose();
            await running.SetResourcesAsync(resources, spec.SyncAllCustomResources, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (entry.Creating != null && entry.Identity == connection.Identity)
        {
            connection.Dispose(); // the running creation loop picks up the new resources from entry.Cluster
            return;
        }
        await StopSynchroAsync(entry).ConfigureAwait(false);
        entry.Identity = connection.Identity;
        lock (_gate) Conditions.Set(entry.Conditions, ConditionTypes.SynchroRunning, ConditionStatus.False, ConditionReasons.WaitInit, "pediacluster is validated");
        var cts = new CancellationTokenSource();
        entry.Creating = cts;
        entry.CreateTask = Task.Run(() => CreateLoopAsync(entry, connection, cts.Token));
    }

    /// <summary>Creates the synchro, retrying every failure with upstream's backoff, then runs it.</summary>
    private async Task CreateLoopAsync(ClusterEntry entry, KubeConnection connection, CancellationToken ct)
    {
        var attempt = 0;
        ClusterSynchro? synchro = null;
        try
        {
            while (true)
            {
                try
                {
                    synchro = await CreateWithWorkerAsync(entry.Name, connection, ct).ConfigureAwait(false);
                    await _reconcile.WaitAsync(ct).ConfigureAwait(false);
                    try
                    {
                        entry.Synchro = synchro;
                        entry.Creating = null;
                        entry.LastVersion = synchro.Version;
                        synchro.Run();
                        var (resources, _, _) = EffectiveSyncResources(entry.Cluster.Spec);
                        await synchro.SetResourcesAsync(resources, entry.Cluster.Spec.SyncAllCustomResources, ct).ConfigureAwait(false);
                        lock (_gate) Conditions.Set(entry.Conditions, ConditionTypes.SynchroRunning, ConditionStatus.True, ConditionReasons.Running, "cluster synchro is running");
                    }
                    finally
                    {
                        _reconcile.Release();
                    }
                    RaiseChanged();
                    return;
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    attempt++;
                    LogCreateFailed(_logger, entry.Name, e.Message);
                    lock (_gate) Conditions.Set(entry.Conditions, ConditionTypes.SynchroRunning, ConditionStatus.False, ConditionReasons.InitialFailed, e.Message);
                    RaiseChanged();
                    await Task.Delay(RetryDelay(attempt), ct).ConfigureAwait(false);
                }
            }
        }
        catch (Exception) when (ct.IsCancellationRequested)
        {
            // Stopped (any failure racing the stop is moot) before the synchro was handed over: release what this loop owns.
            if (synchro is null) connection.Dispose();
            else if (entry.Synchro != synchro) await synchro.DisposeAsync().ConfigureAwait(false);
        }
    }

    private TimeSpan RetryDelay(int attempt)
    {
        if (attempt > 5) return _options.CreateRetrySlow + TimeSpan.FromMilliseconds(Random.Shared.Next(0, (int)_options.CreateRetrySlow.TotalMilliseconds));
        var delay = _options.CreateRetryInitial * Math.Pow(2, attempt - 1);
        return delay < _options.CreateRetryMax ? delay : _options.CreateRetryMax;
    }

    private async Task StopSynchroAsync(ClusterEntry entry)
    {
        if (entry.Creating is { } creating)
        {
            await creating.CancelAsync().ConfigureAwait(false);
            await entry.CreateTask.ConfigureAwait(false);
            creating.Dispose();
            entry.Creating = null;
        }
        if (entry.Synchro is { } synchro)
        {
            entry.Synchro = null;
            await synchro.DisposeAsync().ConfigureAwait(false);
            lock (_gate) Conditions.Set(entry.Conditions, ConditionTypes.SynchroRunning, ConditionStatus.False, ConditionReasons.Shutdown, "cluster synchro is shut down");
        }
        entry.Identity = null;
    }

    /// <summary>Removes a cluster: stops its synchro and deletes everything stored for it (retried up to 5 times).</summary>
    public async Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        await _reconcile.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ClusterEntry? entry;
            lock (_gate) entry = _clusters.GetValueOrDefault(name);
            if (entry is null) return;
            await StopSynchroAsync(entry).ConfigureAwait(false);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await _storage.CleanClusterAsync(name, cancellationToken).ConfigureAwait(false);
                    break;
                }
                catch (StorageException e) when (attempt < 5)
                {
                    LogCleanRetry(_logger, name, e.Message);
                    await Task.Delay(RetryDelay(attempt), cancellationToken).ConfigureAwait(false);
                }
            }
            lock (_gate) _clusters.Remove(name);
        }
        finally
        {
            _reconcile.Release();
        }
        RaiseChanged();
    }

    private void RaiseChanged() => Changed?.Invoke(this, EventArgs.Empty);

    private static string Serialize(PediaClusterSpec spec) => JsonSerializer.Serialize(new PediaCluster { Spec = spec }, SynchroJsonContext.Default.PediaCluster);

    private static string Serialize(ClusterSyncResourcesSpec spec) =>
        JsonSerializer.Serialize(new ClusterSyncResources { Spec = spec }, SynchroJsonContext.Default.ClusterSyncResources);

    public async ValueTask DisposeAsync()
    {
        List<ClusterEntry> entries;
        lock (_gate) entries = [.. _clusters.Values];
        foreach (var e in entries) await StopSynchroAsync(e).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "cluster {Cluster}: creating the synchro failed, retrying: {Error}")]
    private static partial void LogCreateFailed(ILogger logger, string cluster, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "cluster {Cluster}: cleaning storage failed, retrying: {Error}")]
    private static partial void LogCleanRetry(ILogger logger, string cluster, string error);
}
