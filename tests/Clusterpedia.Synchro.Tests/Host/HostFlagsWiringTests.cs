using System.Text;
using System.Text.Json;
using Clusterpedia.ClusterSimulator;
using Clusterpedia.Hosting;
using Clusterpedia.Hosting.CommandLine;
using Clusterpedia.Hosting.Synchro;
using Clusterpedia.Storage;
using Clusterpedia.Synchro.Host;
using Clusterpedia.Synchro.Tests.Sync;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Clusterpedia.Synchro.Tests.Host;

/// <summary>Upstream's leader election and host client flags, from the command line to the Lease in a simulated host cluster.</summary>
public sealed class HostFlagsWiringTests : IAsyncLifetime
{
    private readonly SyncHarness _harness = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("host-flags-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private static SynchroHostOptions Parse(params string[] args) =>
        HostFlags.ToOptions(HostFlags.Create(HostComponent.ClusterSynchroManager, Clusterpedia.Hosting.HostDefaults.ClusterSynchroManager).Parse(args)).Synchro!;

    [Fact]
    public async Task Leader_election_flags_and_master_reach_the_elector_and_its_lease()
    {
        var host = await _harness.AddClusterAsync("host", seed: 41, deployments: 1);
        // The kubeconfig names an unreachable server: only --master can lead the manager to the host.
        var kubeconfig = Path.Combine(_dir, "kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, host.Kubeconfig(host.Options.RequiredToken).Replace(host.Url.ToString().TrimEnd('/'), "https://127.0.0.1:1", StringComparison.Ordinal));
        var options = Parse($"--kubeconfig={kubeconfig}", $"--master={host.Url}",
            "--leader-elect-lease-duration=7s", "--leader-elect-renew-deadline=5s", "--leader-elect-retry-period=1s",
            "--leader-elect-resource-lock=leases", "--leader-elect-resource-name=upstream-lease", "--leader-elect-resource-namespace=upstream-ns",
            "--kube-api-qps=100", "--kube-api-burst=200", "--worker-number=3");

        var services = new ServiceCollection()
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton<IStorageFactory>(_harness.Storage)
            .AddClusterSynchro(options, HostComponent.ClusterSynchroManager);
        await using var provider = services.BuildServiceProvider();
        var synchro = provider.GetRequiredService<HostClusterSynchroService>();
        Assert.Equal(("upstream-ns", "upstream-lease"), (synchro.Election!.Namespace, synchro.Election.Name));
        Assert.Equal((TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1)),
            (synchro.Election.LeaseDuration, synchro.Election.RenewDeadline, synchro.Election.RetryPeriod));

        foreach (var service in provider.GetServices<IHostedService>()) await service.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => synchro.Manager is not null, "the manager leads through --master");
        var lease = host.Store.Get(SimulatedResource.Leases, "upstream-ns/upstream-lease");
        Assert.NotNull(lease);
        using var json = JsonDocument.Parse(lease.Json);
        Assert.Equal(7, json.RootElement.GetProperty("spec").GetProperty("leaseDurationSeconds").GetInt32());
        Assert.Equal(synchro.Election.Identity, json.RootElement.GetProperty("spec").GetProperty("holderIdentity").GetString());
        foreach (var service in provider.GetServices<IHostedService>()) await service.StopAsync(CancellationToken.None);
    }
}
