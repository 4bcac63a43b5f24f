using Clusterpedia.Storage.Internal.Tests.Servers;

namespace Clusterpedia.EndToEnd.Tests;

/// <summary>binding-apiserver syncs a member from a local PediaCluster manifest into PostgreSQL and serves it.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class BindingApiServerTests(PostgresServer postgres, HostExecutables executables) : IAsyncLifetime
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("clusterpedia-e2e-binding-");

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        _dir.Delete(recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task KubectlListsEveryMemberPodOnceFromPediaClusterManifests()
    {
        var binding = await executables.GetAsync("binding-apiserver");
        var storageConfig = postgres.WriteConfig(postgres.CreateDatabase());

        await using var member = await SimulatedClusters.StartMemberAsync("member-2");
        var manifests = Directory.CreateDirectory(Path.Combine(_dir.FullName, "pediaclusters"));
        await File.WriteAllTextAsync(Path.Combine(manifests.FullName, "member-2.json"), SimulatedClusters.PediaClusterJson(member));

        var port = HostProcess.FreePort();
        await using var process = HostProcess.Start(binding,
            ["--bind-address=127.0.0.1", $"--secure-port={port}", "--storage-name=internal", "--storage-config", storageConfig,
             "--pediaclusters", manifests.FullName]);

        var kubectl = Kubectl.ForClusterpedia(_dir.FullName, port);
        var rows = await PodListing.WaitForAllPodsAsync(kubectl, [member], [], process);
        PodListing.AssertEveryPodOnce(rows, [member]);
    }
}
