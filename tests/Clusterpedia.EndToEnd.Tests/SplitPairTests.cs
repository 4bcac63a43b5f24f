using System.Text.Json;
using Clusterpedia.ClusterSimulator;
using Clusterpedia.Storage.Internal.Tests.Servers;

namespace Clusterpedia.EndToEnd.Tests;

/// <summary>
/// The split deployment: clustersynchro-manager syncs a member named by a PediaCluster in a (simulated) host cluster
/// into PostgreSQL; the apiserver serves it from the same database, reading the PediaCluster status read-only.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class SplitPairTests(PostgresServer postgres, HostExecutables executables) : IAsyncLifetime
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("clusterpedia-e2e-split-");

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        _dir.Delete(recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task KubectlListsEveryMemberPodOnceThroughTheApiServerWhileTheManagerSyncsIntoPostgres()
    {
        var manager = await executables.GetAsync("clustersynchro-manager");
        var apiserver = await executables.GetAsync("apiserver");
        var storageConfig = postgres.WriteConfig(postgres.CreateDatabase());

        await using var host = await SimulatedClusters.StartHostAsync("host");
        await using var member = await SimulatedClusters.StartMemberAsync("member-1");
        await SimulatedClusters.CreatePediaClusterAsync(host, member);
        var hostKubeconfig = Path.Combine(_dir.FullName, "host-kubeconfig");
        await File.WriteAllTextAsync(hostKubeconfig, host.Kubeconfig());

        string[] storage = ["--storage-name=internal", "--storage-config", storageConfig, "--kubeconfig", hostKubeconfig];
        await using var managerProcess = HostProcess.Start(manager, [.. storage, "--leader-elect=true"]);
        var port = HostProcess.FreePort();
        await using var apiserverProcess = HostProcess.Start(apiserver,
            ["--bind-address=127.0.0.1", $"--secure-port={port}", .. storage]);

        var kubectl = Kubectl.ForClusterpedia(_dir.FullName, port);
        var rows = await PodListing.WaitForAllPodsAsync(kubectl, [member], ["--chunk-size=7"], managerProcess, apiserverProcess);
        PodListing.AssertEveryPodOnce(rows, [member]);

        // The manager, not the apiserver, took the lease in the host cluster and reported the sync in the status.
        Assert.NotNull(host.Store.Get(SimulatedResource.Leases, "clusterpedia-system/clusterpedia-clustersynchro-manager"));
        var pediaCluster = host.Store.Get(SimulatedResource.PediaClusters, member.Options.Name);
        Assert.NotNull(pediaCluster);
        using var json = JsonDocument.Parse(pediaCluster.Json);
        var conditions = json.RootElement.GetProperty("status").GetProperty("conditions").EnumerateArray();
        Assert.Contains(conditions, c => c.GetProperty("type").GetString() == "Ready" && c.GetProperty("status").GetString() == "True");
    }
}
