using System.Collections.Concurrent;
using System.Text.Json;
using Clusterpedia.Kube.Api;
using Clusterpedia.Kube.Connection;
using Clusterpedia.Synchro.Api;
using Clusterpedia.Synchro.Manager;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Clusterpedia.Synchro.Host;

/// <summary>
/// The split apiserver's view of the clusters: PediaCluster objects, status included, watched read-only in the host
/// cluster where clustersynchro-manager writes them. Nothing is written back.
/// </summary>
public sealed class HostPediaClusterReader : IPediaClusterStatusSource, IHostedService, IAsyncDisposable
{
    private readonly KubeConnection _host;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, PediaCluster> _clusters = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private Task _run = Task.CompletedTask;

    public HostPediaClusterReader(KubeConnection host, ILoggerFactory? loggers = null)
    {
        _host = host;
        _logger = (loggers ?? NullLoggerFactory.Instance).CreateLogger<HostPediaClusterReader>();
    }

    public IReadOnlyList<PediaCluster> Clusters => _clusters.Values.OrderBy(c => c.Metadata.Name, StringComparer.Ordinal).ToList();

    public event EventHandler? Changed;

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
            await new HostInformer(client, HostPediaClusterSource.PediaClusters, UpsertAsync, DeleteAsync, ListedAsync, _logger)
                .RunAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private Task UpsertAsync(ReadOnlyMemory<byte> json, CancellationToken ct)
    {
        try
        {
            var cluster = JsonSerializer.Deserialize(json.Span, SynchroJsonContext.Default.PediaCluster)!;
            _clusters[cluster.Metadata.Name] = cluster;
            Changed?.Invoke(this, EventArgs.Empty);
        }
        catch (JsonException e)
        {
            _logger.LogWarning("ignoring a malformed PediaCluster from the host cluster: {Error}", e.Message);
        }
        return Task.CompletedTask;
    }

    private Task DeleteAsync(string name, CancellationToken ct)
    {
        if (_clusters.TryRemove(name, out _)) Changed?.Invoke(this, EventArgs.Empty);
        return Task.CompletedTask;
    }

    private Task ListedAsync(IReadOnlySet<string> listed, CancellationToken ct)
    {
        var removed = false;
        foreach (var name in _clusters.Keys.Where(n => !listed.Contains(n)).ToList()) removed |= _clusters.TryRemove(name, out _);
        if (removed) Changed?.Invoke(this, EventArgs.Empty);
        return Task.CompletedTask;
    }

    // The host stops the service, then the container disposes it (once per registration it is exposed under): both
    // must be safe to repeat, and none may touch the token source after it is disposed (that crash was exit 134).
    private int _stopped;
    private int _disposed;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0) await _stop.CancelAsync().ConfigureAwait(false);
        await _run.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _stop.Dispose();
    }
}
