using System.Text.Json.Nodes;
using Clusterpedia.ClusterSimulator;

namespace Clusterpedia.EndToEnd.Tests.KubectlSuite;

/// <summary>Discovery as kubectl reads it, and the collection resources through <c>kubectl get --raw</c>.</summary>
[Collection(KubectlSuiteCollection.Name)]
public sealed class KubectlDiscoveryTests(ThreeClusterBindingApiServer server) : IAsyncLifetime
{
    private const string CollectionResources = "/apis/clusterpedia.io/v1beta1/collectionresources";

    public Task InitializeAsync() => server.WaitUntilSyncedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>
    /// The api-resources row of a synced resource: built-ins with their short names, custom resources without (as upstream
    /// serves CRDs, whatever the CRD declares).
    /// </summary>
    private static string Row(SimulatedResource r)
    {
        var shortNames = r == SimulatedResource.CronTabs ? "" : string.Join(',', r.ShortNames);
        return $"{r.Resource}|{shortNames}|{r.ApiVersion}|{r.Namespaced.ToString().ToLowerInvariant()}|{r.Kind}";
    }

    [Theory]
    [InlineData(null)]
    [InlineData("c2")]
    public async Task ApiResourcesListsTheSyncedResourcesAndNothingElse(string? cluster)
    {
        var kubectl = cluster is null ? server.All : server.InCluster(cluster);
        var stdout = await kubectl.OkAsync("api-resources");
        Assert.Equal(["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"], Kubectl.Header(stdout));
        Assert.Equal(ThreeClusterBindingApiServer.SyncedResources.Select(Row).Order(StringComparer.Ordinal),
            Kubectl.ParseTable(stdout).Select(r => $"{r["NAME"]}|{r["SHORTNAMES"]}|{r["APIVERSION"]}|{r["NAMESPACED"]}|{r["KIND"]}").Order(StringComparer.Ordinal));

        var versions = (await kubectl.OkAsync("api-versions")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ThreeClusterBindingApiServer.SyncedResources.Select(r => r.ApiVersion).Distinct().Order(StringComparer.Ordinal), versions.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ShortNamesResolveThroughDiscovery()
    {
        var byShortName = Kubectl.ParseTable(await server.InCluster("c1").OkAsync("get", "rs", "-n", "ns-2"));
        Assert.Equal(server.Objects(SimulatedResource.ReplicaSets, "c1").Where(r => r.Namespace == "ns-2").Select(r => r.Name).Order(StringComparer.Ordinal),
            byShortName.Select(r => r["NAME"]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task CollectionResourcesAreListed()
    {
        var list = JsonNode.Parse(await server.All.OkAsync("get", "--raw", CollectionResources))!;
        Assert.Equal("CollectionResourceList", (string?)list["kind"]);
        Assert.Equal(["any", "kuberesources", "workloads"], list["items"]!.AsArray().Select(i => (string)i!["metadata"]!["name"]!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task WorkloadsPageByLimitAndContinueThroughEveryClustersDeployments()
    {
        var expected = server.Objects(SimulatedResource.Deployments).Select(d => d.Key).Order(StringComparer.Ordinal).ToList();
        const int limit = 7;
        var listed = new List<string>();
        string? next = null;
        var pages = 0;
        do
        {
            var query = $"limit={limit}" + (next is null ? "" : $"&continue={Uri.EscapeDataString(next)}");
            var page = JsonNode.Parse(await server.All.OkAsync("get", "--raw", $"{CollectionResources}/workloads?{query}"))!;
            Assert.Equal("CollectionResource", (string?)page["kind"]);
            var items = page["items"]!.AsArray();
            Assert.InRange(items.Count, 1, limit);
            Assert.All(items, i => Assert.Equal(("apps/v1", "Deployment"), ((string?)i!["apiVersion"], (string?)i["kind"])));
            listed.AddRange(items.Select(i => i!["metadata"]!).Select(m =>
                $"{(string?)m["annotations"]![ThreeClusterBindingApiServer.ClusterNameAnnotation]}/{(string?)m["namespace"]}/{(string?)m["name"]}"));
            next = (string?)page["continue"] is { Length: > 0 } token ? token : null;
            pages++;
            Assert.True(pages <= expected.Count, "the continue tokens do not end");
        }
        while (next is not null);
        Assert.Equal(expected, listed.Order(StringComparer.Ordinal));
        Assert.Equal((expected.Count + limit - 1) / limit, pages);
    }
}
