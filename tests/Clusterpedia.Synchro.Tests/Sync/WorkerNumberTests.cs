using Clusterpedia.Synchro.Api;
using Clusterpedia.Synchro.Manager;

namespace Clusterpedia.Synchro.Tests.Sync;

/// <summary>--worker-number bounds how many clusters create their synchro at once; the rest queue for a worker.</summary>
public sealed class WorkerNumberTests : IAsyncLifetime
{
    private readonly SyncHarness _harness = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task At_most_worker_number_clusters_create_their_synchro_at_once(int workers)
    {
        const int clusterCount = 3;
        var clusters = new List<ClusterSimulator.ClusterSimulator>();
        for (var i = 0; i < clusterCount; i++) clusters.Add(await _harness.AddClusterAsync($"workers-{i}", seed: 300 + i, deployments: 1));
        var storage = new GatedStorageFactory(_harness.Storage);
        await using var manager = new ClusterSynchroManager(storage, SyncHarness.FastOptions() with { WorkerNumber = workers });
        foreach (var c in clusters) await manager.ApplyAsync(SyncHarness.PediaClusterFor(c), CancellationToken.None);

        // While the storage holds creations, exactly `workers` are inside it and the others wait for a worker.
        await Eventually.TrueAsync(
            () => storage.Inside == workers && manager.CreationsWaitingForWorker == clusterCount - workers,
            $"{workers} creation(s) in storage and {clusterCount - workers} waiting for a worker");
        Assert.Equal(workers, manager.CreationsInProgress);

        storage.Open();
        await Eventually.TrueAsync(
            () => clusters.All(c => manager.Get(c.Options.Name)!.Status?.Conditions?.Any(x => x.Type == ConditionTypes.SynchroRunning && x.Status == ConditionStatus.True) == true),
            "every synchro runs");
        Assert.Equal(workers, storage.MaxInside);
        Assert.Equal(0, manager.CreationsWaitingForWorker);
        Assert.Equal(0, manager.CreationsInProgress);
    }

    [Fact]
    public void A_worker_number_below_one_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ClusterSynchroManager(_harness.Storage, new ClusterSynchroManagerOptions { WorkerNumber = 0 }));
        Assert.Contains("worker number", error.Message, StringComparison.Ordinal);
    }
}
