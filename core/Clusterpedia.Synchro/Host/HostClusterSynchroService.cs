using Clusterpedia.Kube.Api;
using Clusterpedia.Kube.Connection;
using Clusterpedia.Kube.LeaderElection;
using Clusterpedia.Storage;
using Clusterpedia.Synchro.Manager;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Clusterpedia.Synchro.Host;

/// <summary>
/// The clustersynchro-manager in host-cluster mode: elect a leader through the Lease
/// <c>clusterpedia-clustersynchro-manager</c>, then sync the PediaClusters of the host cluster and write their status.
/// Losing leadership stops every synchro (stored data is kept) until leadership is won again.
/// </summary>
public sealed class HostClusterSynchroService : IHostedService, IAsyncDisposable
{
    private readonly KubeConnection _host;
    private readonly IStorageFactory _storage;
    private readonly ClusterSynchroManagerOptions? _options;
    private readonly LeaderElectionOptions? _election;
    private readonly ILoggerFactory _loggers;
    private readonly CancellationTokenSource _stop = new();
    private Task _run = Task.CompletedTask;
    private int _disposed;
    private volatile ClusterSynchroManager? _manager;
    private readonly LeaderStatusSource _clusters = new();

    /// <param name="host">The host cluster (<c>--kubeconfig</c>).</param>
    /// <param name="election">Null runs without leader election (a single manager, or binding-apiserver).</param>
    public HostClusterSynchroService(KubeConnection host, IStorageFactory storage, ClusterSynchroManagerOptions? options = null,
        LeaderElectionOptions? election = null, ILoggerFactory? loggers = null)
    {
        _host = host;
        _storage = storage;
        _options = options;
        _election = election;
        _loggers = loggers ?? NullLoggerFactory.Instance;
    }

    /// <summary>The Lease and timings this process elects with; null without leader election.</summary>
    public LeaderElectionOptions? Election => _election;

    /// <summary>The manager while this process leads; null otherwise.</summary>
    public ClusterSynchroManager? Manager => _manager;

    /// <summary>The status of the clusters this process syncs; empty while it does not lead.</summary>
    public IPediaClusterStatusSource Clusters => _clusters;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _run = Task.Run(() => RunAsync(_stop.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task RunAsync(CancellationToken ct)
    {
        using var client = new KubeClient(_host);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                if (_election is null) await LeadAsync(client, ct).ConfigureAwait(false);
                else await new LeaderElector(client, _election).RunAsync(lead => LeadAsync(client, lead), ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task LeadAsync(KubeClient client, CancellationToken lead)
    {
        await using var manager = new ClusterSynchroManager(_storage, _options, _loggers);
        await using var source = new HostPediaClusterSource(client, manager, _loggers.CreateLogger("Clusterpedia.Synchro.HostPediaClusterSource"));
        _manager = manager;
        _clusters.Attach(manager);
        source.Start();
        try
        {
            await Task.Delay(Timeout.Infinite, lead).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            _manager = null;
            _clusters.Attach(null);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _run.ConfigureAwait(false);
    }

    /// <summary>Idempotent: a container registering this service under two types disposes it twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _stop.Dispose();
    }
}
