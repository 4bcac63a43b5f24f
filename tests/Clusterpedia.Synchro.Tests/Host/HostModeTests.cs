using System.Text;
using System.Text.Json;
using Clusterpedia.ClusterSimulator;
using Clusterpedia.Kube.Api;
using Clusterpedia.Kube.Connection;
using Clusterpedia.Synchro.Api;
using Clusterpedia.Synchro.Host;
using Clusterpedia.Synchro.Manager;
using Clusterpedia.Synchro.Tests.Sync;

namespace Clusterpedia.Synchro.Tests.Host;

/// <summary>Host-cluster mode: a simulated host cluster holds the PediaCluster; another simulated cluster is the member.</summary>
public sealed class HostModeTests : IAsyncLifetime
{
    private readonly SyncHarness _harness = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private static PediaCluster Read(byte[] json) => JsonSerializer.Deserialize(json, SynchroJsonContext.Default.PediaCluster)!;

    [Fact]
    public async Task APediaClusterInTheHostIsSyncedReportedAndCleanedOnDeletion()
    {
        var host = await _harness.AddClusterAsync("host", seed: 31, deployments: 1);
        var member = await _harness.AddClusterAsync("member-1", seed: 37);
        using var hostClient = new KubeClient(KubeConnection.Create(new KubeCredentials
        {
            Server = host.Url.ToString(), Token = Encoding.UTF8.GetBytes(host.Options.RequiredToken!),
        }));
        var item = HostPediaClusterSource.PediaClusters.ItemPath("", "member-1");
        // Pods from the spec, the rest from a shared ClusterSyncResources.
        var pediaCluster = SyncHarness.PediaClusterFor(member, new ClusterGroupResources { Group = "", Resources = ["pods"] });
        pediaCluster.Spec.SyncResourcesRefName = "shared";
        await hostClient.CreateObjectAsync(HostPediaClusterSource.PediaClusters.CollectionPath,
            JsonSerializer.SerializeToUtf8Bytes(pediaCluster, SynchroJsonContext.Default.PediaCluster), CancellationToken.None);
        var shared = new ClusterSyncResources
        {
            Metadata = new ObjectMeta { Name = "shared" },
            Spec = new ClusterSyncResourcesSpec
            {
                SyncResources =
                [
                    new ClusterGroupResources { Group = "apps", Resources = ["deployments", "replicasets"] },
                    new ClusterGroupResources { Group = "stable.example.com", Resources = ["crontabs"] },
                ],
            },
        };
        await hostClient.CreateObjectAsync(HostPediaClusterSource.ClusterSyncResourcesPath.CollectionPath,
            JsonSerializer.SerializeToUtf8Bytes(shared, SynchroJsonContext.Default.ClusterSyncResources), CancellationToken.None);

        await using var manager = new ClusterSynchroManager(_harness.Storage, SyncHarness.FastOptions());
        await using var source = new HostPediaClusterSource(hostClient, manager, statusDelay: TimeSpan.FromMilliseconds(100));
        source.Start();

        await _harness.WaitConvergedAsync(member);
        var stored = await Eventually.ValueAsync(async () => Read(await hostClient.GetObjectAsync(item, CancellationToken.None)),
            c => c.IsReady() && c.SyncedResources().Count == 4 && c.SyncedResources().All(r => !r.InitialListPhase), SyncHarness.Deadline);
        Assert.Contains(HostPediaClusterSource.Finalizer, stored.Metadata.Finalizers!);
        Assert.True(stored.IsReady(), "the host's PediaCluster status should say Ready");
        Assert.Equal("v1.32.0-simulated", stored.Status!.Version);
        Assert.Equal(member.Url.ToString().TrimEnd('/'), stored.Status.Apiserver);

        await hostClient.DeleteObjectAsync(item, CancellationToken.None);
        await Eventually.TrueAsync(() => host.Store.Get(SimulatedResource.PediaClusters, "member-1") is null,
            "the finalizer is removed and the PediaCluster is gone");
        Assert.Empty(await _harness.Storage.GetResourceVersionsAsync("member-1", CancellationToken.None));
        Assert.Empty(manager.Clusters);
    }

    // Status is reconciled, not remembered: one patched behind the manager's back is written again.
    [Fact]
    public async Task AStatusChangedBySomeoneElseIsRepaired()
    {
        await _harness.AddClusterAsync("host3", seed: 47, deployments: 1);
        var host = _harness.Clusters[^1];
        var member = await _harness.AddClusterAsync("member-3", seed: 53);
        using var hostClient = new KubeClient(KubeConnection.Create(new KubeCredentials
        {
            Server = host.Url.ToString(), Token = Encoding.UTF8.GetBytes(host.Options.RequiredToken!),
        }));
        var item = HostPediaClusterSource.PediaClusters.ItemPath("", "member-3");
        await hostClient.CreateObjectAsync(HostPediaClusterSource.PediaClusters.CollectionPath,
            JsonSerializer.SerializeToUtf8Bytes(SyncHarness.PediaClusterFor(member, new ClusterGroupResources { Group = "", Resources = ["pods"] }),
                SynchroJsonContext.Default.PediaCluster), CancellationToken.None);
        await using var manager = new ClusterSynchroManager(_harness.Storage, SyncHarness.FastOptions());
        await using var source = new HostPediaClusterSource(hostClient, manager, statusDelay: TimeSpan.FromMilliseconds(100));
        source.Start();
        await Eventually.ValueAsync(async () => Read(await hostClient.GetObjectAsync(item, CancellationToken.None)), c => c.IsReady(), SyncHarness.Deadline);

        // Another writer says the cluster is not ready, and drops the synced resources.
        var tampered = Read(await hostClient.GetObjectAsync(item, CancellationToken.None));
        foreach (var c in tampered.Status!.Conditions!.Where(c => c.Type == ConditionTypes.Ready))
            (c.Status, c.Reason, c.Message) = (ConditionStatus.False, "Tampered", "written by someone else");
        tampered.Status.SyncResources = [];
        await hostClient.PutObjectAsync(HostPediaClusterSource.PediaClusters.ItemPath("", "member-3", "status"),
            JsonSerializer.SerializeToUtf8Bytes(tampered, SynchroJsonContext.Default.PediaCluster), CancellationToken.None);
        Assert.False(Read(await hostClient.GetObjectAsync(item, CancellationToken.None)).IsReady());

        var repaired = await Eventually.ValueAsync(async () => Read(await hostClient.GetObjectAsync(item, CancellationToken.None)),
            c => c.IsReady() && c.SyncedResources().Count == 1, SyncHarness.Deadline);
        Assert.DoesNotContain(repaired.Status!.Conditions!, c => c.Reason == "Tampered");
    }

    [Fact]
    public async Task TheServiceElectsALeaderThenSyncsTheHostsPediaClusters()
    {
        var host = await _harness.AddClusterAsync("host2", seed: 41, deployments: 1);
        var member = await _harness.AddClusterAsync("member-2", seed: 43);
        var connection = KubeConnection.Create(new KubeCredentials { Server = host.Url.ToString(), Token = Encoding.UTF8.GetBytes(host.Options.RequiredToken!) });
        using var hostClient = new KubeClient(connection);
        await hostClient.CreateObjectAsync(HostPediaClusterSource.PediaClusters.CollectionPath,
            JsonSerializer.SerializeToUtf8Bytes(SyncHarness.PediaClusterFor(member), SynchroJsonContext.Default.PediaCluster), CancellationToken.None);

        var election = new global::Clusterpedia.Kube.LeaderElection.LeaderElectionOptions("clusterpedia-system", "clusterpedia-clustersynchro-manager", "me")
        {
            LeaseDuration = TimeSpan.FromSeconds(2), RenewDeadline = TimeSpan.FromSeconds(1.5), RetryPeriod = TimeSpan.FromMilliseconds(200),
        };
        await using var service = new HostClusterSynchroService(connection, _harness.Storage, SyncHarness.FastOptions(), election);
        await service.StartAsync(CancellationToken.None);
        await _harness.WaitConvergedAsync(member);
        await Eventually.TrueAsync(() => host.Store.Get(SimulatedResource.Leases, "clusterpedia-system/clusterpedia-clustersynchro-manager") is not null, "the lease exists");
        var item = HostPediaClusterSource.PediaClusters.ItemPath("", "member-2");
        await Eventually.ValueAsync(async () => Read(await hostClient.GetObjectAsync(item, CancellationToken.None)), c => c.IsReady(), SyncHarness.Deadline);
        Assert.True(Read(await hostClient.GetObjectAsync(item, CancellationToken.None)).IsReady());
        await service.StopAsync(CancellationToken.None);
    }
}
