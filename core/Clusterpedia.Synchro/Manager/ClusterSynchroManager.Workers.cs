using Clusterpedia.Kube.Connection;
using Clusterpedia.Synchro.Clusters;

namespace Clusterpedia.Synchro.Manager;

// --worker-number: a cluster's synchro creation (version, discovery, stored resource versions, prepare) holds one worker,
// as upstream's reconcile workers do; a slot is not held while a failed creation waits to retry, nor once the synchro runs.
public sealed partial class ClusterSynchroManager
{
    private readonly SemaphoreSlim _workers;
    private int _waitingForWorker;
    private int _creating;

    /// <summary>Creations queued behind <see cref="ClusterSynchroManagerOptions.WorkerNumber"/> busy workers, for diagnostics and tests.</summary>
    public int CreationsWaitingForWorker => Volatile.Read(ref _waitingForWorker);

    /// <summary>Creations holding a worker now; never more than <see cref="ClusterSynchroManagerOptions.WorkerNumber"/>.</summary>
    public int CreationsInProgress => Volatile.Read(ref _creating);

    private static SemaphoreSlim CreateWorkers(int workerNumber) =>
        workerNumber >= 1
            ? new SemaphoreSlim(workerNumber, workerNumber)
            : throw new ArgumentOutOfRangeException(nameof(workerNumber), workerNumber, "the worker number must be at least 1");

    private async Task<ClusterSynchro> CreateWithWorkerAsync(string name, KubeConnection connection, CancellationToken ct)
    {
        Interlocked.Increment(ref _waitingForWorker);
        try
        {
            await _workers.WaitAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _waitingForWorker);
        }
        Interlocked.Increment(ref _creating);
        try
        {
            return await ClusterSynchro.CreateAsync(name, connection, _storage, _options.Synchro, _loggers, RaiseChanged, ct).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _creating);
            _workers.Release();
        }
    }
}
