using System.Text;
using Clusterpedia.ClusterSimulator;
using Clusterpedia.Kube.Api;
using Clusterpedia.Kube.Connection;

namespace Clusterpedia.Synchro.Tests.Kube;

/// <summary>Our list/watch/discovery/health client against the simulated member cluster over real HTTPS.</summary>
public sealed class KubeClientTests : IAsyncLifetime
{
    private static readonly ApiResourcePath Pods = new("", "v1", "pods");
    private ClusterSimulator.ClusterSimulator _cluster = null!;

    public async Task InitializeAsync() =>
        _cluster = await ClusterSimulator.ClusterSimulator.StartAsync(new SimulatorOptions { RequiredToken = "secret-token", BookmarkInterval = TimeSpan.FromMilliseconds(200) });

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private KubeClient Client(string token = "secret-token") =>
        new(KubeConnection.Create(new KubeCredentials { Server = _cluster.Url.ToString(), Token = Encoding.UTF8.GetBytes(token) }));

    [Fact]
    public async Task PagedListReturnsEveryObjectWithKeyAndResourceVersion()
    {
        using var client = Client();
        var seen = new Dictionary<string, string>();
        var pages = 0;
        await foreach (var page in client.ListAsync(Pods, 5, null, CancellationToken.None))
        {
            pages++;
            foreach (var item in page.Items)
            {
                seen.Add(item.Key.Key, item.Key.ResourceVersion);
                Assert.Equal(item.Key, ObjectKey.Read(item.Json.Span));
            }
        }
        Assert.Equal(_cluster.Store.Snapshot(SimulatedResource.Pods), seen);
        Assert.Equal((seen.Count + 4) / 5, pages);
    }

    [Fact]
    public async Task WatchStreamsEventsAndBookmarksFromAResourceVersion()
    {
        using var client = Client();
        var from = _cluster.Store.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var key = _cluster.Store.Keys(SimulatedResource.Pods)[0];
        _cluster.Store.Update(SimulatedResource.Pods, key);
        _cluster.Store.Delete(SimulatedResource.Pods, key);
        var events = new List<KubeWatchEvent>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await foreach (var e in client.WatchAsync(Pods, from, 60, cts.Token))
        {
            events.Add(e);
            if (e.Type == KubeWatchEventType.Bookmark) break;
        }
        Assert.Equal([KubeWatchEventType.Modified, KubeWatchEventType.Deleted, KubeWatchEventType.Bookmark], events.Select(e => e.Type));
        Assert.Equal(key, events[0].Key.Key);
        Assert.Equal(_cluster.Store.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), events[2].Key.ResourceVersion);
    }

    [Fact]
    public async Task WatchFromACompactedVersionThrowsExpired()
    {
        using var client = Client();
        var from = _cluster.Store.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _cluster.Store.Update(SimulatedResource.Pods, _cluster.Store.Keys(SimulatedResource.Pods)[0]);
        _cluster.Compact();
        var e = await Assert.ThrowsAsync<KubeApiException>(async () =>
        {
            await foreach (var _ in client.WatchAsync(Pods, from, 60, CancellationToken.None)) { }
        });
        Assert.True(e.IsExpired);
    }

    [Fact]
    public async Task DiscoveryFindsBuiltInsAndTheCustomResource()
    {
        using var client = Client();
        var discovery = await client.DiscoverAsync(CancellationToken.None);
        Assert.Contains(discovery.Resources, r => r is { Group: "", Resource: "pods", Kind: "Pod", Namespaced: true } && r.CanListAndWatch);
        Assert.Contains(discovery.Resources, r => r is { Group: "stable.example.com", Version: "v1", Resource: "crontabs", SingularName: "crontab" });
        Assert.Contains(discovery.Groups, g => g.Name == "apps" && g.Versions.SequenceEqual(["v1"]));
        Assert.Equal("v1.32.0-simulated", (await client.GetVersionAsync(CancellationToken.None)).GitVersion);
    }

    [Fact]
    public async Task HealthIsHealthyUnhealthyOrNotReachable()
    {
        using var client = Client();
        Assert.Equal(ClusterHealthState.Healthy, (await client.CheckHealthAsync(CancellationToken.None)).State);
        _cluster.Unhealthy = true;
        Assert.Equal(ClusterHealthState.Unhealthy, (await client.CheckHealthAsync(CancellationToken.None)).State);
        _cluster.Unhealthy = false;
        _cluster.Unreachable = true;
        var unreachable = await client.CheckHealthAsync(CancellationToken.None);
        Assert.Equal(ClusterHealthState.NotReachable, unreachable.State);
        Assert.StartsWith("Get \"https://", unreachable.Message);
        Assert.Contains("/readyz\": ", unreachable.Message);
    }

    [Fact]
    public async Task WrongTokenIsUnauthorized()
    {
        using var client = Client("wrong");
        var e = await Assert.ThrowsAsync<KubeApiException>(() => client.GetVersionAsync(CancellationToken.None));
        Assert.Equal(401, e.StatusCode);
    }

    [Fact]
    public async Task CaDataVerifiesTheServerAndAWrongCaIsRejected()
    {
        var pem = Encoding.UTF8.GetBytes(_cluster.Certificate.ExportCertificatePem());
        using var trusted = new KubeClient(KubeConnection.Create(new KubeCredentials
        {
            Server = _cluster.Url.ToString(), Token = Encoding.UTF8.GetBytes("secret-token"), CaData = pem,
        }));
        Assert.Equal("1", (await trusted.GetVersionAsync(CancellationToken.None)).Major);

        await using var other = await ClusterSimulator.ClusterSimulator.StartAsync(new SimulatorOptions { Name = "other" });
        var otherPem = Encoding.UTF8.GetBytes(other.Certificate.ExportCertificatePem());
        using var untrusted = new KubeClient(KubeConnection.Create(new KubeCredentials
        {
            Server = _cluster.Url.ToString(), Token = Encoding.UTF8.GetBytes("secret-token"), CaData = otherPem,
        }));
        await Assert.ThrowsAsync<HttpRequestException>(() => untrusted.GetVersionAsync(CancellationToken.None));
    }

    [Fact]
    public async Task KubeconfigFromTheSimulatorConnects()
    {
        using var client = new KubeClient(KubeConnection.Create(new KubeCredentials { Kubeconfig = Encoding.UTF8.GetBytes(_cluster.Kubeconfig()) }));
        Assert.True((await client.CheckHealthAsync(CancellationToken.None)).IsHealthy);
        Assert.Equal("v1.32.0-simulated", (await client.GetVersionAsync(CancellationToken.None)).GitVersion);
    }

    [Theory]
    [InlineData(null, "tok", null, "apiserver is required")]
    [InlineData("ftp://x", "tok", null, "is not an http(s) URL")]
    [InlineData("https://127.0.0.1:1", null, "cert", "certData needs keyData")]
    public void IncompleteCredentialsAreRejectedWithTheReason(string? server, string? token, string? cert, string expected)
    {
        var e = Assert.Throws<KubeConfigException>(() => KubeConnection.Create(new KubeCredentials
        {
            Server = server, Token = token is null ? null : Encoding.UTF8.GetBytes(token), CertData = cert is null ? null : Encoding.UTF8.GetBytes(cert),
        }));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("invalid cluster config:", e.Message, StringComparison.Ordinal);
    }
}
