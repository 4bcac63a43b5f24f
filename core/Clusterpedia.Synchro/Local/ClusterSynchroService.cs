using Clusterpedia.Storage;
using Clusterpedia.Synchro.Manager;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Clusterpedia.Synchro.Local;

/// <summary>
/// The synchro as a hosted component: a <see cref="ClusterSynchroManager"/> over a storage layer, fed from
/// <c>--pediaclusters</c>. Hosts add it with <c>services.AddHostedService(...)</c> and hand
/// <see cref="Clusters"/> to the API server's cluster source.
/// </summary>
public sealed class ClusterSynchroService : IHostedService, IAsyncDisposable
{
    private readonly string _pediaclustersPath;
    private readonly ILoggerFactory _loggers;
    private LocalPediaClusterSource? _source;

    public ClusterSynchroService(IStorageFactory storage, string pediaclustersPath, ClusterSynchroManagerOptions? options = null, ILoggerFactory? loggers = null)
    {
        _pediaclustersPath = pediaclustersPath;
        _loggers = loggers ?? NullLoggerFactory.Instance;
        Manager = new ClusterSynchroManager(storage, options, _loggers);
    }

    public ClusterSynchroManager Manager { get; }

    /// <summary>Every cluster with its status, for the API server.</summary>
    public IPediaClusterStatusSource Clusters => Manager;

    /// <exception cref="ManifestException">When the manifests cannot be read; the message names the file.</exception>
    public async Task StartAsync(CancellationToken cancellationToken) =>
        _source = await LocalPediaClusterSource.StartAsync(_pediaclustersPath, Manager, null,
            _loggers.CreateLogger("Clusterpedia.Synchro.LocalPediaClusterSource"), cancellationToken).ConfigureAwait(false);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_source is { } source)
        {
            _source = null;
            await source.DisposeAsync().ConfigureAwait(false);
        }
        await Manager.DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);
}
