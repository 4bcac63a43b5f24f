using Clusterpedia.Hosting.Synchro;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Clusterpedia.ApiServer;
using Clusterpedia.ApiServer.Clusters;
using Clusterpedia.ClusterSimulator;
using Clusterpedia.Storage;
using Clusterpedia.Synchro.Manager;
using Clusterpedia.Synchro.Tests.Sync;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Clusterpedia.Synchro.Tests.EndToEnd;

/// <summary>Simulated clusters -> synchro -> memory storage -> API server -> the real kubectl.</summary>
public sealed class SyncToApiServerTests : IAsyncLifetime
{
    private readonly SyncHarness _harness = new();
    private WebApplication _app = null!;
    private string _resourcesUrl = "";
    private readonly InMemoryClusterResourceSource _clusters = new();

    public async Task InitializeAsync()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=clusterpedia-apiserver", key, HashAlgorithmName.SHA256);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        var serving = X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pkcs12), null);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(serving)));
        builder.Services.AddSingleton<IStorageFactory>(_harness.Storage.Inner);
        builder.Services.AddSingleton<IClusterResourceSource>(_clusters);
        builder.Services.AddClusterpediaApi();
        _app = builder.Build();
        _app.MapClusterpediaApi();
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _resourcesUrl = new Uri(new Uri(address + "/"), ClusterpediaApiServer.ResourcesPrefix).ToString().TrimEnd('/');
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _harness.DisposeAsync();
    }

    private static async Task<string[]> KubectlAsync(string server, params string[] args)
    {
        var kubeconfig = Path.Combine(Path.GetTempPath(), $"clusterpedia-{Guid.NewGuid():N}.kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: clusterpedia
              cluster:
                server: {server}
                insecure-skip-tls-verify: true
            contexts:
            - name: clusterpedia
              context:
                cluster: clusterpedia
                user: u
            current-context: clusterpedia
            users:
            - name: u
              user:
                token: t
            """);
        try
        {
            var start = new System.Diagnostics.ProcessStartInfo("/usr/bin/kubectl") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.Environment["KUBECONFIG"] = kubeconfig;
            foreach (var a in args) start.ArgumentList.Add(a);
            using var process = System.Diagnostics.Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            Assert.True(process.ExitCode == 0, $"kubectl {string.Join(' ', args)}: {await stderr}");
            return (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
        finally
        {
            File.Delete(kubeconfig);
        }
    }

    [Fact]
    public async Task KubectlSearchesWhatTheSynchroStored()
    {
        var a = await _harness.AddClusterAsync("e2e-a", seed: 51);
        var b = await _harness.AddClusterAsync("e2e-b", seed: 53);
        await using var manager = new ClusterSynchroManager(_harness.Storage, SyncHarness.FastOptions());
        using var feed = new PediaClusterResourceFeed(manager, _clusters);
        await manager.ApplyAsync(SyncHarness.PediaClusterFor(a), CancellationToken.None);
        await manager.ApplyAsync(SyncHarness.PediaClusterFor(b), CancellationToken.None);
        await _harness.WaitConvergedAsync(a);
        await _harness.WaitConvergedAsync(b);
        await Eventually.TrueAsync(() => _clusters.Catalog.ClusterNames.Count() == 2
            && _clusters.Catalog.AllClusters is not null && manager.Clusters.All(c => c.SyncedResources().Count == 4), "the API server knows both clusters");

        var pods = a.Store.Keys(SimulatedResource.Pods).Count + b.Store.Keys(SimulatedResource.Pods).Count;
        Assert.Equal(pods, (await KubectlAsync(_resourcesUrl, "get", "pods", "-A", "-o", "name")).Length);
        Assert.Equal(pods, (await KubectlAsync(_resourcesUrl, "get", "pods", "-A", "-o", "name", "--chunk-size=7")).Length);
        var onlyB = await KubectlAsync($"{_resourcesUrl}/clusters/e2e-b", "get", "pods", "-A", "-o", "name");
        Assert.Equal(b.Store.Keys(SimulatedResource.Pods).Select(k => "pod/" + k.Split('/')[1]).Order(), onlyB.Order());
        var crontabs = await KubectlAsync(_resourcesUrl, "get", "crontabs.stable.example.com", "-A", "-o", "name");
        Assert.Equal(a.Store.Keys(SimulatedResource.CronTabs).Count + b.Store.Keys(SimulatedResource.CronTabs).Count, crontabs.Length);
        var table = await KubectlAsync(_resourcesUrl, "get", "deployments", "-A");
        Assert.Equal(["NAMESPACE", "CLUSTER", "NAME"], table[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(3));
        Assert.Equal(a.Store.Keys(SimulatedResource.Deployments).Count + b.Store.Keys(SimulatedResource.Deployments).Count, table.Length - 1);
    }
}
