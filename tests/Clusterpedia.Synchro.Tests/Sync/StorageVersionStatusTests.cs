using Clusterpedia.ClusterSimulator;
using Clusterpedia.Objects;
using Clusterpedia.Synchro.Api;
using Clusterpedia.Synchro.Manager;

namespace Clusterpedia.Synchro.Tests.Sync;

/// <summary>
/// HPAs synced from members that prefer different autoscaling versions: stored in autoscaling/v2 wherever the member
/// serves it, with the status saying which version was preferred, synced and stored, as upstream writes it.
/// </summary>
public sealed class StorageVersionStatusTests : IAsyncLifetime
{
    private readonly SyncHarness _harness = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private async Task<ClusterResourceSyncCondition> SyncHpasAsync(string name, params string[] autoscalingVersions)
    {
        var member = await ClusterSimulator.ClusterSimulator.StartAsync(new SimulatorOptions
        {
            Name = name, Deployments = 2, PodsPerReplicaSet = 1, HorizontalPodAutoscalers = 2, AutoscalingVersions = autoscalingVersions,
            RequiredToken = $"{name}-token",
        });
        _harness.Clusters.Add(member);
        await using var manager = new ClusterSynchroManager(_harness.Storage, SyncHarness.FastOptions());
        await manager.ApplyAsync(SyncHarness.PediaClusterFor(member, new ClusterGroupResources { Group = "autoscaling", Resources = ["horizontalpodautoscalers"] }),
            CancellationToken.None);
        await Eventually.TrueAsync(() => manager.Get(name)!.IsReady() && manager.GetSynchro(name)?.ResourceSynchros.SingleOrDefault()?.KnownCount == 2,
            "the HPAs are synced");
        await Eventually.TrueAsync(() => !manager.GetSynchro(name)!.ResourceSynchros.Single().InitialListPhase, "the initial list is stored");
        var status = manager.Get(name)!.Status!;
        var resource = Assert.Single(Assert.Single(status.SyncResources!).Resources);
        Assert.Equal(("horizontalpodautoscalers", "HorizontalPodAutoscaler"), (resource.Name, resource.Kind));
        return Assert.Single(resource.SyncConditions);
    }

    private async Task<IReadOnlyCollection<string>> StoredVersionsAsync(string cluster)
    {
        var stored = await _harness.Storage.Inner.GetResourceVersionsAsync(cluster, CancellationToken.None);
        return stored.Where(s => s.Value.Resources.Count > 0).Select(s => s.Key.Version).ToList();
    }

    [Fact]
    public async Task AMemberPreferringV1IsSyncedAndStoredInV2()
    {
        var condition = await SyncHpasAsync("older", "v1", "v2");
        Assert.Equal(("v1", "v2", "v2"), (condition.Version, condition.SyncVersion, condition.StorageVersion));
        Assert.Null(condition.Reason);
        Assert.Equal(["v2"], await StoredVersionsAsync("older"));
    }

    [Fact]
    public async Task AMemberPreferringV2NeedsNoSyncVersion()
    {
        var condition = await SyncHpasAsync("newer", "v2", "v1");
        Assert.Equal(("v2", null, "v2"), (condition.Version, condition.SyncVersion, condition.StorageVersion));
        Assert.Equal(["v2"], await StoredVersionsAsync("newer"));
    }

    [Fact]
    public async Task AMemberWithoutV2IsStoredAsV1AndItsConditionSaysSo()
    {
        var condition = await SyncHpasAsync("v1-only", "v1");
        Assert.Equal(("v1", null, "v1"), (condition.Version, condition.SyncVersion, condition.StorageVersion));
        Assert.Equal("Syncing", condition.Status);
        Assert.Equal("StorageVersionNotServed", condition.Reason);
        Assert.Equal("the cluster does not serve the storage version autoscaling/v2 of horizontalpodautoscalers; "
            + "synced and stored as autoscaling/v1, listed only in that version", condition.Message);
        Assert.Equal(["v1"], await StoredVersionsAsync("v1-only"));
        Assert.Equal(new GroupVersionResource("autoscaling", "v1", "horizontalpodautoscalers"),
            Assert.Single(new PediaCluster { Status = new PediaClusterStatus { SyncResources = [new ClusterGroupResourcesStatus
            {
                Group = "autoscaling",
                Resources = [new ClusterResourceStatus { Name = "horizontalpodautoscalers", Kind = "HorizontalPodAutoscaler", Namespaced = true, SyncConditions = [condition] }],
            }] } }.SyncedResources()).StorageResource);
    }
}
