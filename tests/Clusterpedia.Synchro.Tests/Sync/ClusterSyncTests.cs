using System.Text.Json;
using Clusterpedia.ClusterSimulator;
using Clusterpedia.Objects;
using Clusterpedia.Storage;
using Clusterpedia.Synchro.Api;
using Clusterpedia.Synchro.Manager;
using Clusterpedia.Synchro.Resources;

namespace Clusterpedia.Synchro.Tests.Sync;

/// <summary>End to end: simulated member clusters synced by the manager into the real memory storage.</summary>
public sealed class ClusterSyncTests : IAsyncLifetime
{
    private readonly SyncHarness _harness = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task ThreeClustersUnderChurnConvergeExactly()
    {
        var clusters = new List<ClusterSimulator.ClusterSimulator>();
        for (var i = 0; i < 3; i++) clusters.Add(await _harness.AddClusterAsync($"cluster-{i}", seed: 100 + i));
        await using var manager = new ClusterSynchroManager(_harness.Storage, SyncHarness.FastOptions());
        foreach (var c in clusters) await manager.ApplyAsync(SyncHarness.PediaClusterFor(c), CancellationToken.None);

        foreach (var c in clusters) await c.StartChurnAsync(new ChurnOptions(10, 40, 6));
        await Eventually.TrueAsync(() => clusters.All(c => manager.Get(c.Options.Name)!.IsReady()), "every cluster is Ready");
        await Task.Delay(TimeSpan.FromSeconds(2)); // let churn run against live watches
        foreach (var c in clusters) await c.StopChurnAsync();

        foreach (var c in clusters) await _harness.WaitConvergedAsync(c);
        Assert.True(clusters.Sum(c => c.Store.ResourceVersion) > 3 * 1100, "churn should have changed the clusters");

        var status = manager.Get("cluster-1")!;
        Assert.Equal("v1.32.0-simulated", status.Status!.Version);
        Assert.Equal(["", "apps", "stable.example.com"], status.Status.SyncResources!.Select(g => g.Group).Order(StringComparer.Ordinal));
        var synced = status.SyncedResources();
        Assert.Equal(4, synced.Count);
        Assert.All(synced, r => Assert.False(r.InitialListPhase));
        Assert.Contains(synced, r => r.StorageResource == new GroupVersionResource("stable.example.com", "v1", "crontabs") && r.Kind == "CronTab" && r.Namespaced);
        Assert.All(status.Status.Conditions!, c => Assert.Equal(ConditionStatus.True, c.Status));

        // Stored objects are pruned and carry their cluster.
        var podKey = clusters[1].Store.Keys(SimulatedResource.Pods)[0].Split('/');
        var pod = await _harness.Storage.Inner.GetResourceStorage(new ResourceStorageConfig(new("", "v1", "pods"), "Pod", true))
            .GetAsync("cluster-1", podKey[0], podKey[1], CancellationToken.None);
        Assert.Equal("cluster-1", pod.Metadata.Cluster);
        Assert.False(JsonDocument.Parse(pod.Json).RootElement.GetProperty("metadata").TryGetProperty("managedFields", out _));
        // Only what kubectl applied has the last-applied annotation: a deployment, not a pod.
        var deploymentKey = clusters[1].Store.Keys(SimulatedResource.Deployments)[0].Split('/');
        var deployment = await _harness.Storage.Inner.GetResourceStorage(new ResourceStorageConfig(new("apps", "v1", "deployments"), "Deployment", true))
            .GetAsync("cluster-1", deploymentKey[0], deploymentKey[1], CancellationToken.None);
        Assert.False(deployment.Metadata.Annotations.ContainsKey(WellKnown.LastAppliedAnnotation));
        Assert.Equal("cluster-1", deployment.Metadata.Cluster);
    }

    [Fact]
    public async Task RestartWritesOnlyWhatChangedAndDeletesWhatVanished()
    {
        var cluster = await _harness.AddClusterAsync("restart", seed: 7);
        await using (var first = new ClusterSynchroManager(_harness.Storage, SyncHarness.FastOptions()))
        {
            await first.ApplyAsync(SyncHarness.PediaClusterFor(cluster), CancellationToken.None);
            await _harness.WaitConvergedAsync(cluster);
        }
        var initialWrites = _harness.Storage.Upserts;
        Assert.True(initialWrites >= 24 + 6 + 6 + 6, $"the first sync wrote {initialWrites}");

        // While no synchro runs: 3 pods change, 2 pods go, one crontab appears.
        var pods = cluster.Store.Keys(SimulatedResource.Pods);
        foreach (var key in pods.Take(3)) cluster.Store.Update(SimulatedResource.Pods, key);
        foreach (var key in pods.Skip(3).Take(2)) cluster.Store.Delete(SimulatedResource.Pods, key);
        cluster.Store.Create(ClusterPopulation.NewCronTab("ns-0", 77, new Random(1)));
        _harness.Storage.ResetCounts();

        await using var second = new ClusterSynchroManager(_harness.Storage, SyncHarness.FastOptions());
        await second.ApplyAsync(SyncHarness.PediaClusterFor(cluster), CancellationToken.None);
        await _harness.WaitConvergedAsync(cluster);
        await Eventually.TrueAsync(() => second.Get("restart")!.SyncedResources().All(r => !r.InitialListPhase), "the initial lists are written");
        Assert.Equal(4, _harness.Storage.Upserts);
        Assert.Equal(2, _harness.Storage.Deletes);
    }

    [Fact]
    public async Task AWatchForcedTo410RecoversByRelist()
    {
        var cluster = await _harness.AddClusterAsync("expired", seed: 11);
        // A slow health check, so the outage below is seen only by the watches.
        await using var manager = new ClusterSynchroManager(_harness.Storage, SyncHarness.FastOptions(healthInterval: TimeSpan.FromMinutes(10)));
        await manager.ApplyAsync(SyncHarness.PediaClusterFor(cluster), CancellationToken.None);
        await _harness.WaitConvergedAsync(cluster);
        await Eventually.TrueAsync(() => cluster.Store.WatchCount == 4, "all four resources watch");

        cluster.Unreachable = true; // drops the watches; re-watching fails until it is reachable again
        var pods = cluster.Store.Keys(SimulatedResource.Pods);
        cluster.Store.Update(SimulatedResource.Pods, pods[0]);
        cluster.Store.Delete(SimulatedResource.Pods, pods[1]);
        cluster.Store.Create(ClusterPopulation.NewCronTab("ns-1", 5, new Random(5)));
        cluster.Store.Delete(SimulatedResource.CronTabs, cluster.Store.Keys(SimulatedResource.CronTabs)[0]);
        cluster.Compact();
        cluster.Unreachable = false;

        await _harness.WaitConvergedAsync(cluster);
        Assert.True(cluster.Store.ExpiredWatches >= 2, $"expected 410s, saw {cluster.Store.ExpiredWatches}");
    }

    [Fact]
    public async Task AnUnreachableClusterIsPausedThenResumesAndConverges()
    {
        var cluster = await _harness.AddClusterAsync("flaky", seed: 13);
        await using var manager = new ClusterSynchroManager(_harness.Storage, SyncHarness.FastOptions());
        await manager.ApplyAsync(SyncHarness.PediaClusterFor(cluster), CancellationToken.None);
        await _harness.WaitConvergedAsync(cluster);

        cluster.Unreachable = true;
        await Eventually.TrueAsync(() =>
        {
            var c = manager.Get("flaky")!;
            return c.HealthCondition() is { Status: ConditionStatus.False, Reason: ConditionReasons.NotReachable }
                && c.SyncedResources().All(r => r.Status == SyncStatus.Stop)
                && !c.IsReady();
        }, "ClusterHealthy is False/NotReachable and every resource is paused");
        Assert.Contains(manager.Get("flaky")!.Status!.SyncResources!.SelectMany(g => g.Resources).SelectMany(r => r.SyncConditions), c => c.Reason == "Pause");

        foreach (var key in cluster.Store.Keys(SimulatedResource.Pods).Take(4)) cluster.Store.Delete(SimulatedResource.Pods, key);
        cluster.Store.Update(SimulatedResource.Deployments, cluster.Store.Keys(SimulatedResource.Deployments)[0]);
        cluster.Unreachable = false;

        await Eventually.TrueAsync(() => manager.Get("flaky")!.IsHealthy(), "ClusterHealthy is True again");
        await _harness.WaitConvergedAsync(cluster);
        await Eventually.TrueAsync(() => manager.Get("flaky")!.IsReady(), "Ready again");
    }

    [Fact]
    public async Task AStorageOutageLosesNothing()
    {
        var cluster = await _harness.AddClusterAsync("outage", seed: 17);
        await using var manager = new ClusterSynchroManager(_harness.Storage, SyncHarness.FastOptions());
        await manager.ApplyAsync(SyncHarness.PediaClusterFor(cluster), CancellationToken.None);
        await _harness.WaitConvergedAsync(cluster);

        _harness.Storage.FailWrites = true;
        await cluster.StartChurnAsync(new ChurnOptions(20, 60, 10));
        await Eventually.TrueAsync(() => manager.GetSynchro("outage")!.ResourceSynchros.Any(s => s.Status.Reason == "StorageExpection"),
            "a resource synchro pauses for the storage outage");
        await cluster.StopChurnAsync();
        Assert.True(_harness.Storage.FailedWrites > 5);
        _harness.Storage.FailWrites = false;

        await _harness.WaitConvergedAsync(cluster);
        Assert.All(manager.GetSynchro("outage")!.ResourceSynchros, s => Assert.Equal(0, s.Counters.Failed));
    }

    [Fact]
    public async Task RemovingAResourceFromTheSpecCleansItsStoredObjects()
    {
        var cluster = await _harness.AddClusterAsync("shrink", seed: 19);
        await using var manager = new ClusterSynchroManager(_harness.Storage, SyncHarness.FastOptions());
        await manager.ApplyAsync(SyncHarness.PediaClusterFor(cluster), CancellationToken.None);
        await _harness.WaitConvergedAsync(cluster);

        await manager.ApplyAsync(SyncHarness.PediaClusterFor(cluster, new ClusterGroupResources { Group = "", Resources = ["pods"] }), CancellationToken.None);
        var stored = await _harness.Storage.GetResourceVersionsAsync("shrink", CancellationToken.None);
        Assert.Equal([new GroupVersionResource("", "v1", "pods")], stored.Keys);
        Assert.Single(manager.Get("shrink")!.SyncedResources());
    }

    [Fact]
    public async Task ACrdThatAppearsIsSyncedAndOneThatVanishesIsCleaned()
    {
        var cluster = await _harness.AddClusterAsync("crds", seed: 61);
        cluster.SetServed(SimulatedResource.CronTabs, false);
        var options = SyncHarness.FastOptions();
        options = options with { Synchro = options.Synchro with { DiscoveryRefreshInterval = TimeSpan.FromMilliseconds(300) } };
        await using var manager = new ClusterSynchroManager(_harness.Storage, options);
        await manager.ApplyAsync(SyncHarness.PediaClusterFor(cluster), CancellationToken.None);
        await Eventually.TrueAsync(() => manager.Get("crds")!.SyncedResources().Count == 3, "three built-in resources sync");
        var crontabs = new GroupVersionResource("stable.example.com", "v1", "crontabs");

        cluster.SetServed(SimulatedResource.CronTabs, true);
        await _harness.WaitConvergedAsync(cluster);
        Assert.Contains(manager.Get("crds")!.SyncedResources(), r => r.StorageResource == crontabs);

        cluster.SetServed(SimulatedResource.CronTabs, false);
        await Eventually.TrueAsync(() => manager.Get("crds")!.SyncedResources().Count == 3, "the vanished CRD's resource is dropped");
        // The status drops the resource first; its synchro is then stopped and its objects cleaned.
        var stored = await Eventually.ValueAsync(() => _harness.Storage.GetResourceVersionsAsync("crds", CancellationToken.None).AsTask(),
            s => !s.ContainsKey(crontabs), SyncHarness.Deadline);
        Assert.False(stored.ContainsKey(crontabs));
        Assert.Equal(3, stored.Count);
    }

    [Fact]
    public async Task EventsOfInvolvedResourcesAreRecordedAndOrphansDropped()
    {
        var cluster = await _harness.AddClusterAsync("events", seed: 67);
        var orphanPod = new ObjectSpec(SimulatedResource.Pods, "ns-0", "gone-pod", "uid-gone", DateTimeOffset.UtcNow, new Dictionary<string, string>(), null);
        cluster.Store.Create(ClusterPopulation.NewEvent(orphanPod, new Random(3)));
        await using var manager = new ClusterSynchroManager(_harness.Storage, SyncHarness.FastOptions());
        await manager.ApplyAsync(SyncHarness.PediaClusterFor(cluster,
            new ClusterGroupResources { Group = "", Resources = ["pods"], EventsInvolvedResources = ["pods"] },
            new ClusterGroupResources { Group = "apps", Resources = ["deployments"] }), CancellationToken.None);

        var podEvents = cluster.Store.Keys(SimulatedResource.Events).Where(k => !k.StartsWith("ns-0/gone-pod.", StringComparison.Ordinal)).ToHashSet();
        Assert.Equal(24, podEvents.Count);
        await Eventually.TrueAsync(() => podEvents.All(_harness.Storage.RecordedEvents.ContainsKey), "every pod's event is recorded");

        // A new pod brings a new event through the watch.
        var rs = cluster.Store.Get(SimulatedResource.ReplicaSets, cluster.Store.Keys(SimulatedResource.ReplicaSets)[0])!;
        cluster.Store.CreatePodWithEvent(ClusterPopulation.NewPod(rs.Spec, new Random(9)), new Random(9));
        await Eventually.TrueAsync(() => cluster.Store.Keys(SimulatedResource.Events).Where(k => !k.StartsWith("ns-0/gone-pod.", StringComparison.Ordinal))
            .All(_harness.Storage.RecordedEvents.ContainsKey), "the new pod's event is recorded");

        Assert.DoesNotContain(_harness.Storage.RecordedEvents.Keys, k => k.StartsWith("ns-0/gone-pod.", StringComparison.Ordinal));
        // As upstream records them: no cluster annotation (the event goes into its object's row, which names the cluster).
        Assert.All(_harness.Storage.RecordedEvents.Values, Assert.Null);
        var pods = manager.GetSynchro("events")!.ResourceSynchros.Single(s => s.StorageConfig.Kind == "Pod");
        await Eventually.TrueAsync(() => pods.EventCounts.Orphans == 1, "the event of a pod that never appears is dropped as an orphan");
        Assert.Equal((0, 0), manager.GetSynchro("events")!.ResourceSynchros.Single(s => s.StorageConfig.Kind == "Deployment").EventCounts);
    }

    [Fact]
    public async Task AnObjectStorageRejectsIsCountedWhileTheRestIsStored()
    {
        var cluster = await _harness.AddClusterAsync("fatal", seed: 71);
        var rejected = cluster.Store.Keys(SimulatedResource.Pods)[5];
        _harness.Storage.RejectName = rejected.Split('/')[1];
        var logs = new CapturingLoggerFactory();
        await using var manager = new ClusterSynchroManager(_harness.Storage, SyncHarness.FastOptions(), logs);
        await manager.ApplyAsync(SyncHarness.PediaClusterFor(cluster), CancellationToken.None);

        var problems = await Eventually.ValueAsync(() => _harness.DifferencesAsync(cluster), p => p.Count == 1, SyncHarness.Deadline);
        Assert.Equal([$"v1/pods {rejected} missing"], problems);
        var pods = manager.GetSynchro("fatal")!.ResourceSynchros.Single(s => s.StorageConfig.Kind == "Pod");
        await Eventually.TrueAsync(() => pods.Counters.Failed == 1, "the rejected pod is counted");
        Assert.Equal(cluster.Store.Keys(SimulatedResource.Pods).Count - 1, (int)pods.Counters.Upserted);
        Assert.Contains(logs.Lines, l => l.Level == Microsoft.Extensions.Logging.LogLevel.Error && l.Message.Contains(rejected, StringComparison.Ordinal)
            && l.Message.Contains("cluster fatal", StringComparison.Ordinal));
    }
}
