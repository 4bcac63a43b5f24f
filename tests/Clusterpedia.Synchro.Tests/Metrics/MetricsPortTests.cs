using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Clusterpedia.ClusterSimulator;
using Clusterpedia.Hosting;
using Clusterpedia.Hosting.Serving;
using Clusterpedia.Synchro.Api;
using Clusterpedia.Synchro.Manager;
using Clusterpedia.Synchro.Metrics;
using Clusterpedia.Synchro.Tests.Sync;

namespace Clusterpedia.Synchro.Tests.Metrics;

/// <summary>The host server with --metrics-port: plain-HTTP /metrics on its own port, nothing else there, and not on HTTPS.</summary>
public sealed class MetricsPortTests : IAsyncLifetime
{
    private readonly SyncHarness _harness = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("clusterpedia-metrics-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task MetricsAnswerOnTheMetricsPortOnly()
    {
        var cluster = await _harness.AddClusterAsync("served", seed: 5);
        File.WriteAllText(Path.Combine(_dir, "served.json"),
            JsonSerializer.Serialize(SyncHarness.PediaClusterFor(cluster), SynchroJsonContext.Default.PediaCluster));
        var (securePort, metricsPort) = (FreePort(), FreePort());
        var options = new HostOptions(
            new StorageOptions("memory", null),
            new ServingOptions(IPAddress.Loopback, securePort, null, null, null),
            Synchro: new SynchroHostOptions(_dir, null, false, SyncHarness.FastOptions(), new MetricsEndpointOptions(IPAddress.Loopback, metricsPort)));
        var version = new VersionInfo("0", "1", "v0.1.0-test", "", "", "", "", "dotnet", "linux/amd64", "clustersynchro-manager", "1.0", ["memory"]);
        await using var app = HostServer.Build(HostComponent.ClusterSynchroManager, options, ServingCertificate.Load(options.Serving), _harness.Storage, version);
        await app.StartAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{metricsPort}"), Timeout = TimeSpan.FromSeconds(10) };
            var pods = cluster.Store.Keys(SimulatedResource.Pods).Count;
            var expected = $"clustersynchro_resourcesynchro_storaged_resource_total{{cluster=\"served\",group=\"\",version=\"v1\",resource=\"pods\"}} {pods}\n";
            string text = "";
            await Eventually.TrueAsync(() =>
            {
                text = http.GetStringAsync("/metrics").GetAwaiter().GetResult();
                return text.Contains(expected, StringComparison.Ordinal);
            }, "the served metrics count the synced pods");
            Assert.Contains("clusterpedia_build_info{version=\"v0.1.0-test\"} 1\n", text, StringComparison.Ordinal);

            using var response = await http.GetAsync("/metrics");
            Assert.Equal(PrometheusText.ContentType, response.Content.Headers.ContentType?.ToString());
            using var health = await http.GetAsync("/healthz");
            Assert.Equal(HttpStatusCode.NotFound, health.StatusCode);

            using var https = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true })
            {
                BaseAddress = new Uri($"https://127.0.0.1:{securePort}"), Timeout = TimeSpan.FromSeconds(10),
            };
            Assert.Equal(HttpStatusCode.OK, (await https.GetAsync("/healthz")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await https.GetAsync("/metrics")).StatusCode);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
