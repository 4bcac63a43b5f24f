namespace Clusterpedia.EndToEnd.Tests;

/// <summary>
/// binding-apiserver with a host cluster that needs no credentials: its <c>--kubeconfig</c> user is <c>{}</c>, and the
/// PediaCluster in the host is synced and served to kubectl; no request to the host carries an Authorization header.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class HostKubeconfigWithoutCredentialsTests(HostExecutables executables) : IAsyncLifetime
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("clusterpedia-e2e-open-host-");

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        _dir.Delete(recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task KubectlListsTheMemberPodsOfAPediaClusterInAHostReachedWithoutCredentials()
    {
        var binding = await executables.GetAsync("binding-apiserver", "memory");
        await using var host = await SimulatedClusters.StartHostAsync("open-host", requireToken: false);
        await using var member = await SimulatedClusters.StartMemberAsync("member-3", seed: 3);
        await SimulatedClusters.CreatePediaClusterAsync(host, member);
        var hostKubeconfig = Path.Combine(_dir.FullName, "host-kubeconfig");
        await File.WriteAllTextAsync(hostKubeconfig, host.KubeconfigWithoutCredentials());

        var port = HostProcess.FreePort();
        await using var process = HostProcess.Start(binding,
            ["--bind-address=127.0.0.1", $"--secure-port={port}", "--metrics-port=0", "--storage-name=memory", "--kubeconfig", hostKubeconfig]);

        var kubectl = Kubectl.ForClusterpedia(_dir.FullName, port);
        var rows = await PodListing.WaitForAllPodsAsync(kubectl, [member], [], process);
        PodListing.AssertEveryPodOnce(rows, [member]);
        Assert.Equal([""], host.AuthorizationHeaders);
    }
}
