using Clusterpedia.Kube.Api;
using Clusterpedia.Kube.Connection;
using Clusterpedia.Kube.Discovery;
using Clusterpedia.Objects;
using Clusterpedia.Storage;
using Clusterpedia.Synchro.Api;
using Clusterpedia.Synchro.Resources;
using Microsoft.Extensions.Logging;

namespace Clusterpedia.Synchro.Clusters;

/// <summary>
/// Syncs one member cluster: a health monitor that pauses and resumes the resource synchros, and one
/// <see cref="ResourceSynchro"/> per negotiated storage resource (§6.3).
/// </summary>
public sealed partial class ClusterSynchro : IAsyncDisposable
{
    private readonly KubeClient _client;
    private readonly IStorageFactory _storage;
    private readonly ClusterSynchroOptions _options;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly Action _statusChanged;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private readonly CancellationTokenSource _lifetime = new();
    private readonly Dictionary<GroupVersionResource, ResourceSynchro> _synchros = [];
    private readonly HashSet<GroupVersionResource> _storedResources;
    private readonly IReadOnlyDictionary<GroupVersionResource, ClusterResourceVersions> _storedVersions;
    private readonly Lock _gate = new();
    private DiscoverySnapshot _discovery;
    private List<ClusterGroupResourcesStatus> _statusTree = [];
    private Dictionary<GroupVersionResource, SyncNote> _notes = [];
    private (List<ClusterGroupResources> Resources, bool All)? _wanted;
    private Task _monitor = Task.CompletedTask;
    private bool? _lastCheckHealthy;
    private DateTimeOffset _lastDiscovery = DateTimeOffset.UtcNow;
    private volatile bool _runnerActive;
    private Condition _health = new() { Type = ConditionTypes.ClusterHealthy, Status = ConditionStatus.Unknown, Reason = ConditionReasons.MonitorStop, Message = "", LastTransitionTime = DateTimeOffset.UtcNow };

    private ClusterSynchro(string name, KubeClient client, IStorageFactory storage, ClusterSynchroOptions options, ILoggerFactory loggers,
        Action statusChanged, string version, DiscoverySnapshot discovery, IReadOnlyDictionary<GroupVersionResource, ClusterResourceVersions> stored)
    {
        Name = name;
        _client = client;
        _storage = storage;
        _options = options;
        _loggers = loggers;
        _logger = loggers.CreateLogger("Clusterpedia.Synchro.ClusterSynchro");
        _statusChanged = statusChanged;
        Version = version;
        _discovery = discovery;
        _storedVersions = stored;
        _storedResources = [.. stored.Keys];
    }

    public string Name { get; }
    public KubeConnection Connection => _client.Connection;
    public string Version { get; private set; }
    public bool Running { get; private set; }

    /// <summary>
    /// Connects to the member (version, discovery) and reads what storage holds for the cluster. Any failure here is
    /// upstream's InitialFailed, and the manager retries.
    /// </summary>
    public static async Task<ClusterSynchro> CreateAsync(string name, KubeConnection connection, IStorageFactory storage, ClusterSynchroOptions options,
        ILoggerFactory loggers, Action statusChanged, CancellationToken cancellationToken)
    {
        var client = new KubeClient(connection);
        try
        {
            var version = await client.GetVersionAsync(cancellationToken).ConfigureAwait(false);
            var discovery = await client.DiscoverAsync(cancellationToken).ConfigureAwait(false);
            var stored = await storage.GetResourceVersionsAsync(name, cancellationToken).ConfigureAwait(false);
            await storage.PrepareClusterAsync(name, cancellationToken).ConfigureAwait(false);
            return new ClusterSynchro(name, client, storage, options, loggers, statusChanged, version.GitVersion ?? "", discovery, stored);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Starts the health monitor; resource synchros run while the cluster is healthy.</summary>
    public void Run()
    {
        Running = true;
        _monitor = Task.Run(() => MonitorAsync(_lifetime.Token));
        _statusChanged();
    }

    /// <summary>Negotiates the wanted resources against discovery and starts, stops or cleans resource synchros to match.</summary>
    public async Task SetResourcesAsync(IReadOnlyList<ClusterGroupResources> resources, bool syncAllCustomResources, CancellationToken cancellationToken)
    {
        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _wanted = ([.. resources], syncAllCustomResources);
            var negotiated = ResourceNegotiator.Negotiate(resources, syncAllCustomResources, _discovery, _options.Gates);
            var desired = negotiated.Resources.ToDictionary(r => r.StorageResource);
            List<ResourceSynchro> removed;
            lock (_gate)
            {
                removed = _synchros.Where(kv => !desired.ContainsKey(kv.Key)).Select(kv => kv.Value).ToList();
                foreach (var r in removed) _synchros.Remove(r.StorageConfig.Resource);
                foreach (var r in negotiated.Resources)
                {
                    if (_synchros.ContainsKey(r.StorageResource)) continue;
                    var stored = _storedVersions.GetValueOrDefault(r.StorageResource);
                    var synchro = new ResourceSynchro(Name, _client, new ApiResourcePath(r.SyncResource.Group, r.SyncResource.Version, r.SyncResource.Resource),
                        r.StorageConfig, _storage, stored?.Resources, _options.Resource, _loggers.CreateLogger("Clusterpedia.Synchro.ResourceSynchro"), _statusChanged,
                        r.SyncEvents, stored?.Events);
                    _synchros[r.StorageResource] = synchro;
                    _storedResources.Add(r.StorageResource);
                    if (_runnerActive) synchro.Start();
                }
                _statusTree = negotiated.Status;
                _notes = negotiated.Resources.Where(r => r.Note is not null).ToDictionary(r => r.StorageResource, r => r.Note!);
            }
            foreach (var r in removed) await r.DisposeAsync().ConfigureAwait(false);
            foreach (var gvr in _storedResources.Where(g => !desired.ContainsKey(g)).ToList())
            {
                try
                {
                    await _storage.CleanClusterResourceAsync(Name, gvr, cancellationToken).ConfigureAwait(false);
                    _storedResources.Remove(gvr);
                }
                catch (StorageException e)
                {
                    LogCleanFailed(_logger, Name, gvr.ToString(), e.Message);
                }
            }
        }
        finally
        {
            _refresh.Release();
        }
        _statusChanged();
    }

    public IReadOnlyList<ResourceSynchro> ResourceSynchros
    {
        get { lock (_gate) return [.. _synchros.Values]; }
    }

    /// <summary>The ClusterHealthy condition as last observed.</summary>
    public Condition Health { get { lock (_gate) return Clone(_health); } }

    /// <summary>The status tree with each version's condition copied from its synchro (§6.3 genClusterStatus).</summary>
    public List<ClusterGroupResourcesStatus> SyncResourcesStatus()
    {
        lock (_gate)
        {
            var result = new List<ClusterGroupResourcesStatus>();
            foreach (var g in _statusTree)
            {
                var group = new ClusterGroupResourcesStatus { Group = g.Group };
                foreach (var r in g.Resources)
                {
                    var resource = new ClusterResourceStatus { Name = r.Name, Kind = r.Kind, Namespaced = r.Namespaced };
                    foreach (var c in r.SyncConditions)
                    {
                        var gvr = new GroupVersionResource(g.Group, c.StorageVersion ?? c.Version, r.Name);
                        var condition = new ClusterResourceSyncCondition
                        {
                            Version = c.Version, SyncVersion = c.SyncVersion, StorageVersion = c.StorageVersion, LastTransitionTime = c.LastTransitionTime,
                        };
                        if (_synchros.TryGetValue(gvr, out var synchro))
                        {
                            var s = synchro.Status;
                            var note = s.Reason is null && s.Message is null ? _notes.GetValueOrDefault(gvr) : null;
                            condition.Status = s.Status;
                            condition.Reason = note?.Reason ?? s.Reason;
                            condition.Message = note?.Message ?? s.Message;
                            condition.InitialListPhase = s.InitialListPhase;
                            condition.LastTransitionTime = s.LastTransitionTime;
                        }
                        else
                        {
                            condition.Status = SyncStatus.Unknown;
                            condition.Reason = "ResourceSynchroNotFound";
                            condition.Message = "not found resource synchro";
                        }
                        resource.SyncConditions.Add(condition);
                    }
                    group.Resources.Add(resource);
                }
                result.Add(group);
            }
            return result;
        }
    }

    private static Condition Clone(Condition c) => new()
    {
        Type = c.Type, Status = c.Status, Reason = c.Reason, Message = c.Message, LastTransitionTime = c.LastTransitionTime,
    };

    public async ValueTask DisposeAsync()
    {
        await _lifetime.CancelAsync().ConfigureAwait(false);
        try
        {
            await _monitor.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        List<ResourceSynchro> synchros;
        lock (_gate)
        {
            synchros = [.. _synchros.Values];
            _synchros.Clear();
        }
        foreach (var s in synchros) await s.DisposeAsync().ConfigureAwait(false);
        Running = false;
        _client.Dispose();
        _client.Connection.Dispose();
        _lifetime.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "cluster {Cluster}: cleaning removed resource {Resource} failed: {Error}")]
    private static partial void LogCleanFailed(ILogger logger, string cluster, string resource, string error);
}
