using Clusterpedia.ClusterSimulator;
using Clusterpedia.Synchro.Api;
using Clusterpedia.Synchro.Manager;
using Clusterpedia.Synchro.Metrics;
using Clusterpedia.Synchro.Tests.Sync;

namespace Clusterpedia.Synchro.Tests.Metrics;

/// <summary>A simulated cluster synced into the memory storage; the rendered metrics count what was synced.</summary>
public sealed class SynchroMetricsTests : IAsyncLifetime
{
    private readonly SyncHarness _harness = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task RenderedMetricsCountWhatWasSynced()
    {
        var cluster = await _harness.AddClusterAsync("metrics", seed: 31);
        await using var manager = new ClusterSynchroManager(_harness.Storage, SyncHarness.FastOptions());
        await manager.ApplyAsync(SyncHarness.PediaClusterFor(cluster), CancellationToken.None);
        await _harness.WaitConvergedAsync(cluster);
        await Eventually.TrueAsync(() => manager.Get("metrics")!.IsReady(), "the cluster is Ready");

        var pods = cluster.Store.Keys(SimulatedResource.Pods);
        var initialPods = pods.Count;
        foreach (var key in pods.Take(3)) cluster.Store.Update(SimulatedResource.Pods, key);
        foreach (var key in pods.Skip(3).Take(2)) cluster.Store.Delete(SimulatedResource.Pods, key);
        await _harness.WaitConvergedAsync(cluster);

        const string podLabels = "cluster=\"metrics\",group=\"\",version=\"v1\",resource=\"pods\"";
        string[] expected =
        [
            $"clustersynchro_resourcesynchro_resource_added_total{{{podLabels}}} {initialPods}",
            $"clustersynchro_resourcesynchro_resource_updated_total{{{podLabels}}} 3",
            $"clustersynchro_resourcesynchro_resource_deleted_total{{{podLabels}}} 2",
            $"clustersynchro_resourcesynchro_resource_failed_total{{{podLabels}}} 0",
            $"clustersynchro_resourcesynchro_storaged_resource_total{{{podLabels}}} {initialPods - 2}",
            $"clustersynchro_resourcesynchro_queue_depth{{{podLabels}}} 0",
            "clustersynchro_clusters{condition=\"Ready\",status=\"True\"} 1",
            "clustersynchro_clusters{condition=\"SynchroRunning\",status=\"True\"} 1",
            "clustersynchro_clusters{condition=\"ClusterHealthy\",status=\"False\"} 0",
        ];
        // Counters move right after the storage call returns, so the last write may still be uncounted for a moment.
        string[] lines = [];
        await Eventually.TrueAsync(() =>
        {
            lines = PrometheusText.Render(manager.GetMetrics(), "test").Split('\n');
            return expected.All(lines.Contains);
        }, "the rendered metrics match the sync");
        Assert.All(expected, line => Assert.Contains(line, lines));

        const string crontabLabels = "cluster=\"metrics\",group=\"stable.example.com\",version=\"v1\",resource=\"crontabs\"";
        Assert.Contains($"clustersynchro_resourcesynchro_storaged_resource_total{{{crontabLabels}}} {cluster.Store.Keys(SimulatedResource.CronTabs).Count}", lines);
        var count = lines.Single(l => l.StartsWith($"clustersynchro_resourcesynchro_storage_duration_seconds_count{{{podLabels}}} ", StringComparison.Ordinal));
        Assert.True(long.Parse(count.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture) >= 3, count); // at least one call per batch
        Assert.Equal(4, manager.GetMetrics().Resources.Count);
        Assert.Equal(ConditionStatus.True, manager.Get("metrics")!.Status!.Conditions!.Single(c => c.Type == ConditionTypes.Ready).Status);
    }
}
