using System.Security.Cryptography;
using Clusterpedia.Synchro.Manager;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Clusterpedia.Synchro.Local;

/// <summary>
/// <c>--pediaclusters &lt;file-or-dir&gt;</c>: PediaCluster (and ClusterSyncResources) manifests on disk drive the
/// manager. The path is re-read periodically; a removed PediaCluster is deleted and its stored objects cleaned.
/// A broken manifest on a later read is logged and ignored, so a typo never deletes a cluster.
/// </summary>
public sealed partial class LocalPediaClusterSource : IAsyncDisposable
{
    private readonly string _path;
    private readonly ClusterSynchroManager _manager;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _reload = new(1, 1);
    private Task _poll = Task.CompletedTask;
    private string _lastHash = "";

    private LocalPediaClusterSource(string path, ClusterSynchroManager manager, ILogger logger)
    {
        _path = path;
        _manager = manager;
        _logger = logger;
    }

    /// <summary>Loads the manifests (failing with a <see cref="ManifestException"/> naming the file), applies them, and starts re-reading every <paramref name="pollInterval"/>.</summary>
    public static async Task<LocalPediaClusterSource> StartAsync(string path, ClusterSynchroManager manager, TimeSpan? pollInterval = null,
        ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        var source = new LocalPediaClusterSource(path, manager, logger ?? NullLogger.Instance);
        await source.ReloadAsync(cancellationToken).ConfigureAwait(false);
        var interval = pollInterval ?? TimeSpan.FromSeconds(5);
        source._poll = Task.Run(() => source.PollAsync(interval, source._stop.Token));
        return source;
    }

    /// <summary>Re-reads the path now and applies any change.</summary>
    /// <exception cref="ManifestException">When a manifest is invalid; nothing is applied then.</exception>
    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await _reload.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var hash = HashContents();
            if (hash == _lastHash) return;
            var set = ManifestLoader.Load(_path);
            await _manager.ReconcileAsync(set.Clusters, set.SyncResources, cancellationToken).ConfigureAwait(false);
            _lastHash = hash;
        }
        finally
        {
            _reload.Release();
        }
    }

    private async Task PollAsync(TimeSpan interval, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                try
                {
                    await ReloadAsync(ct).ConfigureAwait(false);
                }
                catch (Exception e) when (e is ManifestException or IOException)
                {
                    LogReloadFailed(_logger, e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private string HashContents()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        IEnumerable<string> files = Directory.Exists(_path) ? Directory.EnumerateFiles(_path).Order(StringComparer.Ordinal) : File.Exists(_path) ? [_path] : [];
        foreach (var f in files)
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(f));
            try
            {
                hash.AppendData(File.ReadAllBytes(f));
            }
            catch (IOException)
            {
                // Vanished between listing and reading; the next poll sees the new state.
            }
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _poll.ConfigureAwait(false);
        _stop.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "--pediaclusters: keeping the clusters as they are: {Error}")]
    private static partial void LogReloadFailed(ILogger logger, string error);
}
