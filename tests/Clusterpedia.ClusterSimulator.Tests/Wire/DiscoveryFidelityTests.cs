using System.Text.Json.Nodes;

namespace Clusterpedia.ClusterSimulator.Tests.Wire;

/// <summary>Discovery documents as kube-apiserver writes them (reference/kube-apiserver-wire.md, "Discovery and versions").</summary>
public sealed class DiscoveryFidelityTests : IAsyncLifetime
{
    private ClusterSimulator _cluster = null!;
    private RawHttp _http = null!;

    public async Task InitializeAsync()
    {
        _cluster = await ClusterSimulator.StartAsync();
        _http = new RawHttp(_cluster);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task CoreVersionsAndGroupsWithTheirPreferredVersion()
    {
        var api = await _http.GetObjectAsync("/api");
        Assert.Equal("APIVersions", (string?)api["kind"]);
        Assert.Equal(["v1"], api["versions"]!.AsArray().Select(v => (string?)v));

        var apis = await _http.GetObjectAsync("/apis");
        Assert.Equal(("APIGroupList", "v1"), ((string?)apis["kind"], (string?)apis["apiVersion"]));
        Assert.All(apis["groups"]!.AsArray(), g =>
        {
            Assert.Equal(["name", "versions", "preferredVersion"], g!.AsObject().Select(p => p.Key));
            Assert.Equal(g["versions"]![0]!.ToJsonString(), g["preferredVersion"]!.ToJsonString());
        });
    }

    [Fact]
    public async Task ResourceListsNameSubresourcesThatAreNotListable()
    {
        var core = await _http.GetObjectAsync("/api/v1");
        Assert.Equal(["kind", "groupVersion", "resources"], core.Select(p => p.Key));
        var resources = core["resources"]!.AsArray().Select(r => r!.AsObject()).ToList();
        var log = resources.Single(r => (string?)r["name"] == "pods/log");
        Assert.DoesNotContain("list", log["verbs"]!.AsArray().Select(v => (string?)v));
        Assert.Contains(resources, r => (string?)r["name"] == "pods/status");

        var apps = await _http.GetObjectAsync("/apis/apps/v1");
        Assert.Equal(["kind", "apiVersion", "groupVersion", "resources"], apps.Select(p => p.Key));
        var scale = apps["resources"]!.AsArray().Single(r => (string?)r!["name"] == "deployments/scale")!;
        Assert.Equal(("autoscaling", "Scale"), ((string?)scale["group"], (string?)scale["kind"]));
        Assert.All(resources.Where(r => ((string)r["name"]!).Contains('/', StringComparison.Ordinal)),
            r => Assert.DoesNotContain("list", r["verbs"]!.AsArray().Select(v => (string?)v)));
    }

    [Fact]
    public async Task ResourcesWithoutShortNamesOmitThem()
    {
        var resources = (await _http.GetObjectAsync("/apis/coordination.k8s.io/v1"))["resources"]!.AsArray();
        Assert.False(resources.Single(r => (string?)r!["name"] == "leases")!.AsObject().ContainsKey("shortNames"));
    }
}
