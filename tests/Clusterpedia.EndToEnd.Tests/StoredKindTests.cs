using System.Text.Json;
using Clusterpedia.ClusterSimulator;
using Clusterpedia.Storage.Internal.Tests.Servers;

namespace Clusterpedia.EndToEnd.Tests;

/// <summary>
/// A member that answers like a real kube-apiserver (list items of built-in types carry no apiVersion or kind), synced
/// by clustersynchro-manager into PostgreSQL or MariaDB and served by the apiserver: <c>kubectl get &lt;kind&gt;
/// &lt;name&gt; -o yaml|json</c> needs both on every stored object, for built-ins and custom resources alike.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class StoredKindTests(PostgresServer postgres, MariaDbServer mariadb, HostExecutables executables) : IAsyncLifetime
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("clusterpedia-e2e-kind-");

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        _dir.Delete(recursive: true);
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("postgres")]
    [InlineData("mysql")]
    public async Task KubectlGetsPodsDeploymentsAndCustomResourcesAsYamlAndJson(string engine)
    {
        IDatabaseServer database = engine == "postgres" ? postgres : mariadb;
        var manager = await executables.GetAsync("clustersynchro-manager");
        var apiserver = await executables.GetAsync("apiserver");
        var storageConfig = database.WriteConfig(database.CreateDatabase());

        await using var host = await SimulatedClusters.StartHostAsync("host");
        await using var member = await SimulatedClusters.StartMemberAsync("member-1");
        SimulatedResource[] synced = [SimulatedResource.Pods, SimulatedResource.Deployments, SimulatedResource.CronTabs];
        await SimulatedClusters.CreatePediaClusterAsync(host, member, synced);
        var hostKubeconfig = Path.Combine(_dir.FullName, "host-kubeconfig");
        await File.WriteAllTextAsync(hostKubeconfig, host.Kubeconfig());

        string[] storage = [$"--storage-name=internal", "--storage-config", storageConfig, "--kubeconfig", hostKubeconfig];
        await using var managerProcess = HostProcess.Start(manager, [.. storage, "--leader-elect=false"]);
        var port = HostProcess.FreePort();
        await using var apiserverProcess = HostProcess.Start(apiserver, ["--bind-address=127.0.0.1", $"--secure-port={port}", .. storage]);

        await PodListing.WaitForAllPodsAsync(Kubectl.ForClusterpedia(_dir.FullName, port), [member], [], managerProcess, apiserverProcess);
        var kubectl = Kubectl.ForClusterpedia(_dir.FullName, port, member.Options.Name);
        foreach (var resource in synced)
        {
            var key = member.Store.Keys(resource).Order(StringComparer.Ordinal).First();
            var (ns, name) = (key[..key.IndexOf('/')], key[(key.IndexOf('/') + 1)..]);
            using var expected = JsonDocument.Parse(member.Store.Get(resource, key)!.Json);
            var uid = expected.RootElement.GetProperty("metadata").GetProperty("uid").GetString();
            var type = resource.Resource + (resource.Group.Length == 0 ? "" : "." + resource.Group);

            // The custom resource is synced last; wait until it is served before reading it.
            var json = await Eventually.ValueAsync(() => kubectl.RunAsync("get", type, name, "-n", ns, "-o", "json"),
                r => r.ExitCode == 0, PodListing.Deadline, TimeSpan.FromMilliseconds(500));
            Assert.True(json.ExitCode == 0, $"kubectl get {type} {name} -o json: {json.Stderr}\n{managerProcess.Describe()}");
            using var served = JsonDocument.Parse(json.Stdout);
            Assert.Equal(resource.ApiVersion, served.RootElement.GetProperty("apiVersion").GetString());
            Assert.Equal(resource.Kind, served.RootElement.GetProperty("kind").GetString());
            Assert.Equal(uid, served.RootElement.GetProperty("metadata").GetProperty("uid").GetString());

            var yaml = await kubectl.OkAsync("get", type, name, "-n", ns, "-o", "yaml");
            Assert.Contains($"\napiVersion: {resource.ApiVersion}\n", "\n" + yaml);
            Assert.Contains($"\nkind: {resource.Kind}\n", "\n" + yaml);
            Assert.Contains($"\n  uid: {uid}\n", yaml);
        }
    }
}
