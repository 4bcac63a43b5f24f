using System.Text.Json.Nodes;

namespace Clusterpedia.ClusterSimulator.Tests.Wire;

/// <summary>Lists as kube-apiserver sends them (reference/kube-apiserver-wire.md, "Lists").</summary>
public sealed class ListFidelityTests : IAsyncLifetime
{
    private ClusterSimulator _cluster = null!;
    private RawHttp _http = null!;

    public async Task InitializeAsync()
    {
        _cluster = await ClusterSimulator.StartAsync(new SimulatorOptions { Namespaces = 2, Deployments = 4, PodsPerReplicaSet = 3, CronTabs = 3 });
        _http = new RawHttp(_cluster);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _cluster.DisposeAsync();
    }

    private static JsonArray Items(JsonObject list) => list["items"]!.AsArray();

    [Theory]
    [InlineData("/api/v1/pods", "PodList", "v1")]
    [InlineData("/api/v1/events", "EventList", "v1")]
    [InlineData("/api/v1/namespaces", "NamespaceList", "v1")]
    [InlineData("/apis/apps/v1/deployments", "DeploymentList", "apps/v1")]
    [InlineData("/apis/apps/v1/replicasets", "ReplicaSetList", "apps/v1")]
    [InlineData("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", "CustomResourceDefinitionList", "apiextensions.k8s.io/v1")]
    public async Task BuiltInListItemsCarryNoKindButTheListDoes(string url, string listKind, string apiVersion)
    {
        var list = await _http.GetObjectAsync(url);
        Assert.Equal(["kind", "apiVersion", "metadata", "items"], list.Select(p => p.Key));
        Assert.Equal((listKind, apiVersion), ((string?)list["kind"], (string?)list["apiVersion"]));
        Assert.NotEmpty(Items(list));
        Assert.All(Items(list), item =>
        {
            Assert.False(item!.AsObject().ContainsKey("kind"));
            Assert.False(item.AsObject().ContainsKey("apiVersion"));
            Assert.Equal("metadata", item.AsObject().First().Key);
        });
    }

    [Fact]
    public async Task WrittenBuiltInObjectsAreListedWithoutKindToo()
    {
        using var created = await _http.Client.PostAsync("/api/v1/namespaces/ns-0/secrets",
            new StringContent("""{"metadata":{"name":"s1"},"data":{"k":"dg=="}}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(201, (int)created.StatusCode);
        var written = JsonNode.Parse(await created.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal(["kind", "apiVersion", "metadata", "data"], written.Select(p => p.Key));

        var item = Assert.Single(Items(await _http.GetObjectAsync("/api/v1/secrets")))!.AsObject();
        Assert.False(item.ContainsKey("kind"));
        Assert.Equal("s1", (string?)item["metadata"]!["name"]);
    }

    [Theory]
    [InlineData("/apis/stable.example.com/v1/crontabs", "CronTab", "stable.example.com/v1")]
    [InlineData("/apis/cluster.clusterpedia.io/v1alpha2/pediaclusters", "PediaCluster", "cluster.clusterpedia.io/v1alpha2")]
    public async Task CustomResourceListItemsCarryApiVersionAndKind(string url, string kind, string apiVersion)
    {
        if (url.Contains("pediaclusters", StringComparison.Ordinal))
        {
            using var created = await _http.Client.PostAsync(url, new StringContent("""{"metadata":{"name":"member"},"spec":{}}"""));
            Assert.Equal(201, (int)created.StatusCode);
        }
        var list = await _http.GetObjectAsync(url);
        Assert.Equal(kind + "List", (string?)list["kind"]);
        Assert.NotEmpty(Items(list));
        Assert.All(Items(list), item =>
        {
            // Unstructured objects are encoded with sorted keys: apiVersion, kind, metadata, spec.
            Assert.Equal(["apiVersion", "kind", "metadata", "spec"], item!.AsObject().Select(p => p.Key).Take(4));
            Assert.Equal((apiVersion, kind), ((string?)item["apiVersion"], (string?)item["kind"]));
        });
    }

    [Fact]
    public async Task GetCarriesKindAndApiVersion()
    {
        var key = _cluster.Store.Keys(SimulatedResource.Pods)[0].Split('/');
        var pod = await _http.GetObjectAsync($"/api/v1/namespaces/{key[0]}/pods/{key[1]}");
        Assert.Equal(["kind", "apiVersion", "metadata"], pod.Select(p => p.Key).Take(3));
        Assert.Equal(("Pod", "v1"), ((string?)pod["kind"], (string?)pod["apiVersion"]));
    }

    [Fact]
    public async Task PagesCarryContinueAndRemainingItemCountUntilTheLastPage()
    {
        var seen = new List<string>();
        var remaining = new List<long?>();
        string? token = null;
        do
        {
            var page = await _http.GetObjectAsync("/api/v1/pods?limit=5" + (token is null ? "" : "&continue=" + Uri.EscapeDataString(token)));
            seen.AddRange(Items(page).Select(i => (string)i!["metadata"]!["name"]!));
            var metadata = page["metadata"]!.AsObject();
            token = (string?)metadata["continue"];
            remaining.Add((long?)metadata["remainingItemCount"]);
            Assert.Equal(token is null, !metadata.ContainsKey("continue"));
        }
        while (token != null);
        Assert.Equal(12, seen.Distinct().Count());
        Assert.Equal([7, 2, null], remaining);
    }

    [Theory]
    [InlineData("labelSelector=tier%3Dweb")]
    [InlineData("fieldSelector=metadata.namespace%3Dns-0")]
    public async Task SelectedPagesHaveNoRemainingItemCount(string selector)
    {
        var page = await _http.GetObjectAsync($"/api/v1/pods?limit=2&{selector}");
        Assert.Equal(2, Items(page).Count);
        Assert.NotNull((string?)page["metadata"]!["continue"]);
        Assert.False(page["metadata"]!.AsObject().ContainsKey("remainingItemCount"));
    }

    [Theory]
    [InlineData("labelSelector=tier%3Dweb", 6)]
    [InlineData("labelSelector=tier%21%3Dweb", 6)]
    [InlineData("labelSelector=app%20in%20(app-0,app-1),tier", 6)]
    [InlineData("labelSelector=app%20notin%20(app-0)", 9)]
    [InlineData("labelSelector=!pod-template-hash", 0)]
    [InlineData("fieldSelector=metadata.namespace%3Dns-1", 6)]
    public async Task SelectorsFilterAsKubeDoes(string selector, int count) =>
        Assert.Equal(count, Items(await _http.GetObjectAsync($"/api/v1/pods?{selector}")).Count);

    [Fact]
    public async Task AnUnsupportedFieldIsABadRequest()
    {
        var (code, body, _) = await _http.GetAsync("/api/v1/pods?fieldSelector=spec.color%3Dred");
        Assert.Equal(400, code);
        Assert.Equal("""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"field label not supported: spec.color","reason":"BadRequest","code":400}""", body);
    }

    [Theory]
    [InlineData("resourceVersion=0&limit=2")]
    [InlineData("resourceVersion=1&resourceVersionMatch=NotOlderThan&limit=2")]
    public async Task TheWatchCacheIgnoresLimitAndSendsOnePage(string query)
    {
        var list = await _http.GetObjectAsync($"/api/v1/pods?{query}");
        Assert.Equal(12, Items(list).Count);
        Assert.Equal(["resourceVersion"], list["metadata"]!.AsObject().Select(p => p.Key));
        Assert.Equal(_cluster.Store.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)list["metadata"]!["resourceVersion"]);
    }

    [Fact]
    public async Task AnExpiredContinueTokenIs410Expired()
    {
        var token = (string)(await _http.GetObjectAsync("/api/v1/pods?limit=2"))["metadata"]!["continue"]!;
        _cluster.Store.Update(SimulatedResource.Pods, _cluster.Store.Keys(SimulatedResource.Pods)[0]);
        _cluster.Compact();
        var (code, body, _) = await _http.GetAsync($"/api/v1/pods?limit=2&continue={Uri.EscapeDataString(token)}");
        Assert.Equal(410, code);
        Assert.Equal("""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.","reason":"Expired","code":410}""", body);
    }

    [Fact]
    public async Task AnExactListAtACompactedVersionIs410Expired()
    {
        var old = _cluster.Store.ResourceVersion;
        _cluster.Store.Update(SimulatedResource.Pods, _cluster.Store.Keys(SimulatedResource.Pods)[0]);
        _cluster.Compact();
        var (code, body, _) = await _http.GetAsync($"/api/v1/pods?limit=5&resourceVersion={old}&resourceVersionMatch=Exact");
        Assert.Equal(410, code);
        Assert.Contains("\"reason\":\"Expired\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AVersionWithAContinueTokenIsABadRequest()
    {
        var token = (string)(await _http.GetObjectAsync("/api/v1/pods?limit=2"))["metadata"]!["continue"]!;
        var (code, body, _) = await _http.GetAsync($"/api/v1/pods?limit=2&resourceVersion=5&continue={Uri.EscapeDataString(token)}");
        Assert.Equal(400, code);
        Assert.Contains("specifying resource version is not allowed when using continue", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(EmptyListItems.Array, "\"items\":[]")]
    [InlineData(EmptyListItems.Null, "\"items\":null")]
    [InlineData(EmptyListItems.Missing, null)]
    public async Task AnEmptyListsItemsAreAsConfigured(EmptyListItems items, string? expected)
    {
        await using var cluster = await ClusterSimulator.StartAsync(new SimulatorOptions { EmptyListItems = items });
        using var http = new RawHttp(cluster);
        var (code, body, _) = await http.GetAsync("/api/v1/secrets");
        Assert.Equal(200, code);
        if (expected is null) Assert.DoesNotContain("\"items\"", body, StringComparison.Ordinal);
        else Assert.EndsWith(expected + "}", body, StringComparison.Ordinal);
    }
}
