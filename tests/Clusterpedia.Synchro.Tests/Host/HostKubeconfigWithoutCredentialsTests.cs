using System.Text;
using System.Text.Json;
using Clusterpedia.Hosting;
using Clusterpedia.Hosting.CommandLine;
using Clusterpedia.Hosting.Synchro;
using Clusterpedia.Kube.Api;
using Clusterpedia.Kube.Connection;
using Clusterpedia.Storage;
using Clusterpedia.Synchro.Api;
using Clusterpedia.Synchro.Host;
using Clusterpedia.Synchro.Manager;
using Clusterpedia.Synchro.Tests.Sync;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Clusterpedia.Synchro.Tests.Host;

/// <summary>
/// <c>--kubeconfig</c> of a host cluster that needs no credentials (<c>user: {}</c>), from the flag to the synced
/// member and the PediaCluster status written back to the host; no request to the host carries an Authorization header.
/// </summary>
public sealed class HostKubeconfigWithoutCredentialsTests : IAsyncLifetime
{
    private readonly SyncHarness _harness = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("host-no-user-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task A_host_kubeconfig_whose_user_is_empty_drives_the_sync_and_gets_the_status()
    {
        var host = await _harness.AddClusterAsync("open-host", seed: 61, deployments: 1, requireToken: false);
        var member = await _harness.AddClusterAsync("member-61", seed: 67);
        var kubeconfig = Path.Combine(_dir, "kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, host.KubeconfigWithoutCredentials());
        using var hostClient = new KubeClient(KubeConnection.FromKubeconfigFile(kubeconfig));
        await hostClient.CreateObjectAsync(HostPediaClusterSource.PediaClusters.CollectionPath,
            JsonSerializer.SerializeToUtf8Bytes(SyncHarness.PediaClusterFor(member), SynchroJsonContext.Default.PediaCluster), CancellationToken.None);

        var options = HostFlags.ToOptions(HostFlags.Create(HostComponent.ClusterSynchroManager, Clusterpedia.Hosting.HostDefaults.ClusterSynchroManager)
            .Parse([$"--kubeconfig={kubeconfig}", "--leader-elect=false"])).Synchro!;
        await using var provider = new ServiceCollection()
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton<IStorageFactory>(_harness.Storage)
            .AddClusterSynchro(options, HostComponent.ClusterSynchroManager)
            .BuildServiceProvider();
        foreach (var service in provider.GetServices<IHostedService>()) await service.StartAsync(CancellationToken.None);

        await _harness.WaitConvergedAsync(member);
        var item = HostPediaClusterSource.PediaClusters.ItemPath("", "member-61");
        var stored = await Eventually.ValueAsync(
            async () => JsonSerializer.Deserialize(await hostClient.GetObjectAsync(item, CancellationToken.None), SynchroJsonContext.Default.PediaCluster)!,
            c => c.IsReady(), SyncHarness.Deadline);
        Assert.True(stored.IsReady(), "the host's PediaCluster status should say Ready");
        Assert.Equal([""], host.AuthorizationHeaders);
        foreach (var service in provider.GetServices<IHostedService>()) await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public void A_host_kubeconfig_naming_a_missing_user_is_a_configuration_error_naming_the_flag_and_the_file()
    {
        var kubeconfig = Path.Combine(_dir, "typo-kubeconfig");
        File.WriteAllText(kubeconfig, """
            apiVersion: v1
            kind: Config
            clusters:
            - name: host
              cluster: {server: "https://127.0.0.1:1"}
            contexts:
            - name: host
              context: {cluster: host, user: admin}
            current-context: host
            """);
        var options = HostFlags.ToOptions(HostFlags.Create(HostComponent.ApiServer, Clusterpedia.Hosting.HostDefaults.ApiServer)
            .Parse([$"--kubeconfig={kubeconfig}"])).Synchro!;
        var e = Assert.Throws<HostConfigurationException>(() => new ServiceCollection().AddClusterSynchro(options, HostComponent.ApiServer));
        Assert.Equal($"--kubeconfig \"{kubeconfig}\": context \"host\" names user \"admin\", which is not in the kubeconfig's users", e.Message);
    }
}
