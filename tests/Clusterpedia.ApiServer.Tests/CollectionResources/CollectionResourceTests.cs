using Clusterpedia.ApiServer.Clusters;
using Clusterpedia.ApiServer.Tests.Infrastructure;
using static Clusterpedia.ApiServer.Tests.Infrastructure.TestObjects;

namespace Clusterpedia.ApiServer.Tests.CollectionResources;

public sealed class CollectionResourceTests : IAsyncLifetime
{
    private const string Root = "/apis/clusterpedia.io/v1beta1/collectionresources";
    private const string TableAccept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";
    private ApiServerHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await ApiServerHost.StartAsync();
        _host.Source.Set("c1", ClusterHealth.Ready, [Pods, Deployments]);
        _host.Source.Set("c2", ClusterHealth.Ready, [Pods, Deployments]);
        await _host.Storage.UpsertAsync(Deployments, "c1", Deployment("c1", "default", "web"), Deployment("c1", "default", "api"));
        await _host.Storage.UpsertAsync(Deployments, "c2", Deployment("c2", "prod", "web"));
        await _host.Storage.UpsertAsync(Pods, "c1", Pod("c1", "default", "web-1"));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Definitions_are_listed()
    {
        var list = await _host.Client.GetOkAsync(Root);
        Assert.Equal("CollectionResourceList", (string?)list["kind"]);
        Assert.Equal("clusterpedia.io/v1beta1", (string?)list["apiVersion"]);
        Assert.Equal(["any", "workloads", "kuberesources"], list["items"]!.AsArray().Select(i => (string?)i!["metadata"]!["name"]));
        var workloads = list["items"]!.AsArray().Single(i => (string?)i!["metadata"]!["name"] == "workloads")!;
        Assert.Equal(["deployments", "daemonsets", "statefulsets"], workloads["resourceTypes"].Strings("resource"));

        var table = await _host.Client.GetOkAsync(Root, TableAccept);
        Assert.Equal(["Name", "Resources"], table["columnDefinitions"].Strings("name"));
        var row = table["rows"]!.AsArray().Single(r => (string?)r!["cells"]![0] == "workloads")!;
        Assert.Equal("deployments.apps,daemonsets.apps,statefulsets.apps", (string?)row["cells"]![1]);
        Assert.Equal("*", (string?)table["rows"]!.AsArray().Single(r => (string?)r!["cells"]![0] == "any")!["cells"]![1]);
    }

    [Fact]
    public async Task Workloads_returns_items_with_their_resource_types()
    {
        var collection = await _host.Client.GetOkAsync($"{Root}/workloads");
        Assert.Equal("CollectionResource", (string?)collection["kind"]);
        Assert.Equal("workloads", (string?)collection["metadata"]!["name"]);
        Assert.Equal(3, collection["items"]!.AsArray().Count);
        var type = Assert.Single(collection["resourceTypes"]!.AsArray())!;
        Assert.Equal("apps", (string?)type["group"]);
        Assert.Equal("v1", (string?)type["version"]);
        Assert.Equal("deployments", (string?)type["resource"]);

        var c2 = await _host.Client.GetOkAsync($"{Root}/workloads?clusters=c2");
        Assert.Single(c2["items"]!.AsArray());
    }

    [Fact]
    public async Task Pages_carry_continue()
    {
        var page = await _host.Client.GetOkAsync($"{Root}/workloads?limit=2");
        Assert.Equal(2, page["items"]!.AsArray().Count);
        var token = (string?)page["continue"];
        Assert.False(string.IsNullOrEmpty(token));
        var next = await _host.Client.GetOkAsync($"{Root}/workloads?limit=2&continue={Uri.EscapeDataString(token!)}");
        Assert.Single(next["items"]!.AsArray());
    }

    [Fact]
    public async Task Any_mixes_resources_and_needs_groups_or_resources()
    {
        var any = await _host.Client.GetOkAsync($"{Root}/any?resources=apps/deployments,/pods");
        Assert.Equal(4, any["items"]!.AsArray().Count);
        Assert.Equal(["deployments", "pods"], any["resourceTypes"].Strings("resource").Order());
        await _host.Client.AssertStatusAsync($"{Root}/any", 400, "BadRequest");
    }

    [Fact]
    public async Task Item_table_has_cluster_group_version_kind_namespace_name_age()
    {
        var table = await _host.Client.GetOkAsync($"{Root}/workloads", TableAccept);
        Assert.Equal(["Cluster", "Group", "Version", "Kind", "Namespace", "Name", "Age"], table["columnDefinitions"].Strings("name"));
        var cells = table["rows"]![0]!["cells"]!.AsArray().Select(c => c!.ToString()).Take(6);
        Assert.Equal(["c1", "apps", "v1", "Deployment", "default", "api"], cells);
    }

    [Fact]
    public Task Unknown_collection_is_404() =>
        _host.Client.AssertStatusAsync($"{Root}/nope", 404, "NotFound", "collectionresources.clusterpedia.io \"nope\" not found");

    [Fact]
    public Task Collection_resources_are_read_only() =>
        _host.Client.AssertStatusAsync(HttpMethod.Post, Root, 405, "MethodNotAllowed",
            "create is not supported on resources of kind \"collectionresources.clusterpedia.io\"");
}
