using Clusterpedia.ApiServer.Clusters;
using Clusterpedia.ApiServer.Tests.Infrastructure;
using static Clusterpedia.ApiServer.Tests.Infrastructure.TestObjects;

namespace Clusterpedia.ApiServer.Tests.Discovery;

public sealed class DiscoveryTests : IAsyncLifetime
{
    private ApiServerHost _host = null!;
    private const string Root = "/apis/clusterpedia.io/v1beta1/resources";

    public async Task InitializeAsync()
    {
        _host = await ApiServerHost.StartAsync();
        _host.Source.Set("c1", ClusterHealth.Ready, [Pods, Deployments, Namespaces, WidgetsBeta]);
        _host.Source.Set("c2", ClusterHealth.Ready, [Pods, Nodes, Widgets]);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_clusterpedia_group_lists_v1beta1_with_resources_and_collectionresources()
    {
        var group = await _host.Client.GetOkAsync("/apis/clusterpedia.io");
        Assert.Equal("APIGroup", (string?)group["kind"]);
        Assert.Equal("clusterpedia.io", (string?)group["name"]);
        Assert.Equal("clusterpedia.io/v1beta1", (string?)group["preferredVersion"]!["groupVersion"]);

        var list = await _host.Client.GetOkAsync("/apis/clusterpedia.io/v1beta1");
        Assert.Equal("APIResourceList", (string?)list["kind"]);
        Assert.Equal(["collectionresources", "resources"], list["resources"].Strings("name"));
    }

    [Fact]
    public async Task Core_discovery_is_the_union_of_all_clusters_or_one_cluster()
    {
        var versions = await _host.Client.GetOkAsync($"{Root}/api");
        Assert.Equal("APIVersions", (string?)versions["kind"]);
        Assert.Equal(["v1"], versions["versions"].Strings());

        var all = await _host.Client.GetOkAsync($"{Root}/api/v1");
        Assert.Equal("v1", (string?)all["groupVersion"]);
        Assert.Equal(["namespaces", "nodes", "pods"], all["resources"].Strings("name"));

        var c1 = await _host.Client.GetOkAsync($"{Root}/clusters/c1/api/v1");
        Assert.Equal(["namespaces", "pods"], c1["resources"].Strings("name"));
        var pods = c1["resources"]!.AsArray().Single(r => (string?)r!["name"] == "pods")!;
        Assert.Equal("Pod", (string?)pods["kind"]);
        Assert.Equal("pod", (string?)pods["singularName"]);
        Assert.True((bool)pods["namespaced"]!);
        Assert.Equal(["po"], pods["shortNames"].Strings());
        Assert.Equal(["all"], pods["categories"].Strings());
        // The memory storage serves get, list and watch: discovery advertises exactly these verbs.
        Assert.Equal(["get", "list", "watch"], pods["verbs"].Strings());
        var ns = c1["resources"]!.AsArray().Single(r => (string?)r!["name"] == "namespaces")!;
        Assert.False((bool)ns["namespaced"]!);
        Assert.Equal(["ns"], ns["shortNames"].Strings());
    }

    [Fact]
    public async Task Group_discovery_sorts_groups_and_puts_the_newest_version_first()
    {
        var groups = await _host.Client.GetOkAsync($"{Root}/apis");
        Assert.Equal("APIGroupList", (string?)groups["kind"]);
        Assert.Equal(["apps", "example.io"], groups["groups"].Strings("name"));
        var example = groups["groups"]!.AsArray().Single(g => (string?)g!["name"] == "example.io")!;
        Assert.Equal(["example.io/v1", "example.io/v1beta1"], example["versions"].Strings("groupVersion"));
        Assert.Equal("v1", (string?)example["preferredVersion"]!["version"]);

        var c1Group = await _host.Client.GetOkAsync($"{Root}/clusters/c1/apis/example.io");
        Assert.Equal("APIGroup", (string?)c1Group["kind"]);
        Assert.Equal(["v1beta1"], c1Group["versions"].Strings("version"));

        var apps = await _host.Client.GetOkAsync($"{Root}/apis/apps/v1");
        var deploy = apps["resources"]!.AsArray().Single()!;
        Assert.Equal("deployments", (string?)deploy["name"]);
        Assert.Equal(["deploy"], deploy["shortNames"].Strings());

        // A CRD has no short names, as upstream serves it.
        var widgets = await _host.Client.GetOkAsync($"{Root}/apis/example.io/v1");
        Assert.Null(widgets["resources"]![0]!["shortNames"]);
    }

    [Theory]
    [InlineData("/apis/clusterpedia.io/v1beta1/resources/apis/nothing.io")]
    [InlineData("/apis/clusterpedia.io/v1beta1/resources/apis/apps/v2")]
    [InlineData("/apis/clusterpedia.io/v1beta1/resources/clusters/c2/apis/apps")]
    [InlineData("/apis/clusterpedia.io/v1beta1/resources/clusters/c2/apis/apps/v1")]
    [InlineData("/apis/clusterpedia.io/v1beta1/resources/clusters/nope/api/v1")]
    [InlineData("/apis/clusterpedia.io/v1beta1/resources/clusters/nope/apis")]
    [InlineData("/apis/clusterpedia.io/v1beta1/resources/clusters")]
    [InlineData("/apis/clusterpedia.io/v1beta1/resources/clusters/")]
    [InlineData("/apis/clusterpedia.io/v1beta1/resources/clusters/c1")]
    [InlineData("/apis/clusterpedia.io/v1beta1/resources/clusters/c1/")]
    [InlineData("/apis/clusterpedia.io/v1beta1/resources")]
    [InlineData("/apis/clusterpedia.io/v1beta1/resources/healthz")]
    [InlineData("/apis/clusterpedia.io/v1")]
    [InlineData("/apis/clusterpedia.io/v1beta1/resourcesx/api")]
    public async Task Unknown_discovery_paths_are_404(string path) =>
        await _host.Client.AssertStatusAsync(path, 404, "NotFound", "the server could not find the requested resource");

    [Fact]
    public async Task Discovery_follows_cluster_changes()
    {
        await _host.Client.AssertStatusAsync($"{Root}/clusters/c3/api/v1", 404, "NotFound");
        _host.Source.Set("c3", ClusterHealth.Ready, [Nodes]);
        var c3 = await _host.Client.GetOkAsync($"{Root}/clusters/c3/api/v1");
        Assert.Equal(["nodes"], c3["resources"].Strings("name"));
        _host.Source.Remove("c2");
        var all = await _host.Client.GetOkAsync($"{Root}/apis");
        Assert.Equal(["apps", "example.io"], all["groups"].Strings("name"));
        var example = all["groups"]!.AsArray().Single(g => (string?)g!["name"] == "example.io")!;
        Assert.Equal(["v1beta1"], example["versions"].Strings("version"));
    }

    [Fact]
    public async Task Version_is_served_inside_the_resources_prefix()
    {
        var version = await _host.Client.GetOkAsync($"{Root}/version");
        Assert.Equal("1", (string?)version["major"]);
        Assert.Equal("32", (string?)version["minor"]);
        Assert.Equal("v1.32.0", (string?)version["gitVersion"]);
    }

    [Fact]
    public async Task Discovery_answers_yaml_when_asked()
    {
        var response = await _host.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"{Root.TrimStart('/')}/api")
        {
            Headers = { { "Accept", "application/yaml" } },
        });
        Assert.Equal("application/yaml", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal("kind: APIVersions\nversions:\n- v1\nserverAddressByClientCIDRs:\n- clientCIDR: 0.0.0.0/0\n  serverAddress: \"\"\n", text);
    }
}
