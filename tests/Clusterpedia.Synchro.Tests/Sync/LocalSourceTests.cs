using System.Text;
using Clusterpedia.Synchro.Api;
using Clusterpedia.Synchro.Local;
using Clusterpedia.Synchro.Manager;

namespace Clusterpedia.Synchro.Tests.Sync;

/// <summary>The --pediaclusters directory drives the manager; deleting a manifest deletes the cluster's objects.</summary>
public sealed class LocalSourceTests : IAsyncLifetime
{
    private readonly SyncHarness _harness = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("pediaclusters-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private static string Manifest(ClusterSimulator.ClusterSimulator cluster, string resources = "[pods]") => $"""
        apiVersion: cluster.clusterpedia.io/v1alpha2
        kind: PediaCluster
        metadata:
          name: {cluster.Options.Name}
        spec:
          kubeconfig: {Convert.ToBase64String(Encoding.UTF8.GetBytes(cluster.Kubeconfig()))}
          syncResources:
          - group: ""
            resources: {resources}
          syncResourcesRefName: shared
        """;

    private const string Shared = """
        apiVersion: cluster.clusterpedia.io/v1alpha2
        kind: ClusterSyncResources
        metadata:
          name: shared
        spec:
          syncResources:
          - group: apps
            resources: ["*"]
          - group: stable.example.com
            resources: [crontab]
        """;

    [Fact]
    public async Task ManifestsOnDiskSyncAndDeletingOneCleansItsCluster()
    {
        var a = await _harness.AddClusterAsync("local-a", seed: 23);
        var b = await _harness.AddClusterAsync("local-b", seed: 29);
        File.WriteAllText(Path.Combine(_dir, "a.yaml"), Manifest(a));
        File.WriteAllText(Path.Combine(_dir, "b.yaml"), Manifest(b));
        File.WriteAllText(Path.Combine(_dir, "shared.yaml"), Shared);

        await using var service = new ClusterSynchroService(_harness.Storage, _dir, SyncHarness.FastOptions());
        await service.StartAsync(CancellationToken.None);
        var changed = 0;
        service.Clusters.Changed += (_, _) => Interlocked.Increment(ref changed);
        await _harness.WaitConvergedAsync(a);
        await _harness.WaitConvergedAsync(b);
        Assert.Equal(["local-a", "local-b"], service.Clusters.Clusters.Select(c => c.Metadata.Name));
        Assert.True(changed > 0);

        File.Delete(Path.Combine(_dir, "a.yaml"));
        await Eventually.TrueAsync(() => service.Clusters.Clusters.Count == 1, "local-a is gone from the manager");
        await Eventually.TrueAsync(() => _harness.Storage.GetResourceVersionsAsync("local-a", CancellationToken.None).AsTask().Result.Count == 0,
            "local-a's objects are deleted");
        Assert.Empty(await _harness.DifferencesAsync(b));
    }

    [Fact]
    public async Task ABrokenManifestAtStartFailsWithItsFileAndLaterIsIgnored()
    {
        File.WriteAllText(Path.Combine(_dir, "broken.yaml"), "apiVersion: cluster.clusterpedia.io/v1alpha2\nkind: PediaCluster\nspec: {}\n");
        await using var service = new ClusterSynchroService(_harness.Storage, _dir, SyncHarness.FastOptions());
        var e = await Assert.ThrowsAsync<ManifestException>(() => service.StartAsync(CancellationToken.None));
        Assert.Contains("broken.yaml", e.Message, StringComparison.Ordinal);
    }
}

/// <summary>Validation and the condition catalog, without a reachable member.</summary>
public sealed class ValidationTests : IAsyncLifetime
{
    private readonly SyncHarness _harness = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private static PediaCluster Cluster(string name, PediaClusterSpec spec) => new() { Metadata = new ObjectMeta { Name = name }, Spec = spec };

    [Fact]
    public async Task IncompleteCredentialsAreInvalidConfig()
    {
        // An apiserver without any credentials is valid (a proxy-authenticated server); half a client certificate is not.
        await using var manager = new ClusterSynchroManager(_harness.Storage, SyncHarness.FastOptions());
        await manager.ApplyAsync(Cluster("c", new PediaClusterSpec { Apiserver = "https://127.0.0.1:1", CertData = [1], SyncResources = [new() { Group = "", Resources = ["pods"] }] }), CancellationToken.None);
        var status = manager.Get("c")!.Status!;
        var validated = Conditions.Find(status.Conditions, ConditionTypes.Validated)!;
        Assert.Equal((ConditionStatus.False, ConditionReasons.InvalidConfig), (validated.Status, validated.Reason));
        Assert.Equal("invalid cluster config: certData needs keyData", validated.Message);
        Assert.Equal(ConditionReasons.InvalidConfig, Conditions.Find(status.Conditions, ConditionTypes.SynchroRunning)!.Reason);
        var ready = Conditions.Find(status.Conditions, ConditionTypes.Ready)!;
        Assert.Equal((ConditionStatus.False, ConditionReasons.NotReady), (ready.Status, ready.Reason));
        Assert.Equal("Validated condition is False, reason is InvalidConfig", ready.Message);
    }

    [Fact]
    public async Task AllGroupsWithoutTheGateIsInvalidSyncResources()
    {
        await using var manager = new ClusterSynchroManager(_harness.Storage, SyncHarness.FastOptions());
        await manager.ApplyAsync(Cluster("c", new PediaClusterSpec { Apiserver = "https://127.0.0.1:1", TokenData = [1], SyncResources = [new() { Group = "*", Resources = ["*"] }] }), CancellationToken.None);
        var validated = Conditions.Find(manager.Get("c")!.Status!.Conditions, ConditionTypes.Validated)!;
        Assert.Equal(ConditionReasons.InvalidSyncResources, validated.Reason);
    }

    [Fact]
    public async Task AnUnreachableMemberIsInitialFailedAndRetried()
    {
        await using var manager = new ClusterSynchroManager(_harness.Storage, SyncHarness.FastOptions());
        await manager.ApplyAsync(Cluster("c", new PediaClusterSpec { Apiserver = "https://127.0.0.1:1", TokenData = [65], SyncResources = [new() { Group = "", Resources = ["pods"] }] }), CancellationToken.None);
        await Eventually.TrueAsync(() => Conditions.Find(manager.Get("c")!.Status!.Conditions, ConditionTypes.SynchroRunning)?.Reason == ConditionReasons.InitialFailed,
            "SynchroRunning is InitialFailed");
        var status = manager.Get("c")!.Status!;
        Assert.Equal(ConditionReasons.Validated, Conditions.Find(status.Conditions, ConditionTypes.Validated)!.Reason);
        Assert.Equal((ConditionStatus.Unknown, ConditionReasons.MonitorStop), (manager.Get("c")!.HealthCondition()!.Status, manager.Get("c")!.HealthCondition()!.Reason));
        Assert.Equal("https://127.0.0.1:1", status.Apiserver);
    }
}
