using System.Text.Json.Nodes;
using Clusterpedia.ApiServer.Clusters;
using Clusterpedia.ApiServer.Tests.Infrastructure;
using static Clusterpedia.ApiServer.Tests.Infrastructure.TestObjects;

namespace Clusterpedia.ApiServer.Tests.Resources;

public sealed class ListAndGetTests : IAsyncLifetime
{
    private ApiServerHost _host = null!;
    private const string Root = "/apis/clusterpedia.io/v1beta1/resources";
    private static readonly string[] Clusters = ["c1", "c2", "c3"];

    public async Task InitializeAsync()
    {
        _host = await ApiServerHost.StartAsync();
        foreach (var c in Clusters)
        {
            _host.Source.Set(c, ClusterHealth.Ready, [Pods, Namespaces, Deployments]);
            for (var i = 0; i < 20; i++)
            {
                var ns = i % 2 == 0 ? "default" : "kube-system";
                await _host.Storage.UpsertAsync(Pods, c, Pod(c, ns, $"pod-{i:D2}", labels: new Dictionary<string, string> { ["app"] = i < 5 ? "web" : "db" }));
            }
            await _host.Storage.UpsertAsync(Namespaces, c, Namespace(c, "default"), Namespace(c, "kube-system"));
            await _host.Storage.UpsertAsync(Deployments, c, Deployment(c, "default", "web"));
        }
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static IEnumerable<string> Keys(JsonNode list) =>
        list["items"]!.AsArray().Select(i => $"{(string?)i!["metadata"]!["annotations"]![Objects.WellKnown.ClusterNameAnnotation]}/{(string?)i["metadata"]!["namespace"]}/{(string?)i["metadata"]!["name"]}");

    [Fact]
    public async Task List_across_all_clusters_is_a_kubernetes_list()
    {
        var list = await _host.Client.GetOkAsync($"{Root}/api/v1/pods");
        Assert.Equal("PodList", (string?)list["kind"]);
        Assert.Equal("v1", (string?)list["apiVersion"]);
        Assert.NotNull(list["metadata"]);
        Assert.Equal(60, list["items"]!.AsArray().Count);
        Assert.Equal("Pod", (string?)list["items"]![0]!["kind"]);
        Assert.Equal("nginx:1.27", (string?)list["items"]![0]!["spec"]!["containers"]![0]!["image"]);
    }

    [Fact]
    public async Task Path_cluster_and_namespace_narrow_the_list_and_win_over_the_query()
    {
        var list = await _host.Client.GetOkAsync($"{Root}/clusters/c2/api/v1/namespaces/kube-system/pods?clusters=c1&namespaces=default");
        var keys = Keys(list).ToArray();
        Assert.Equal(10, keys.Length);
        Assert.All(keys, k => Assert.StartsWith("c2/kube-system/", k));

        var deployments = await _host.Client.GetOkAsync($"{Root}/apis/apps/v1/namespaces/default/deployments?clusters=c1,c3");
        Assert.Equal("DeploymentList", (string?)deployments["kind"]);
        Assert.Equal("apps/v1", (string?)deployments["apiVersion"]);
        Assert.Equal(["c1/default/web", "c3/default/web"], Keys(deployments).Order());
    }

    [Fact]
    public async Task Label_selector_filters()
    {
        var list = await _host.Client.GetOkAsync($"{Root}/api/v1/pods?labelSelector=app%3Dweb");
        Assert.Equal(15, list["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task Pages_return_every_object_exactly_once()
    {
        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var url = $"{Root}/api/v1/pods?limit=7" + (token is null ? "" : "&continue=" + Uri.EscapeDataString(token));
            var page = await _host.Client.GetOkAsync(url);
            var items = Keys(page).ToArray();
            Assert.True(items.Length <= 7);
            seen.AddRange(items);
            token = (string?)page["metadata"]!["continue"];
            pages++;
            Assert.True(pages < 20, "pagination does not end");
        } while (!string.IsNullOrEmpty(token));

        Assert.Equal(60, seen.Count);
        Assert.Equal(60, seen.Distinct().Count());
        Assert.Equal(9, pages);
    }

    [Fact]
    public async Task Remaining_item_count_when_asked()
    {
        var page = await _host.Client.GetOkAsync($"{Root}/clusters/c1/api/v1/pods?limit=5&withRemainingCount=true");
        Assert.Equal(15, (long)page["metadata"]!["remainingItemCount"]!);
        Assert.NotNull((string?)page["metadata"]!["continue"]);
    }

    [Fact]
    public async Task Partial_object_metadata_list_carries_only_metadata()
    {
        var list = await _host.Client.GetOkAsync($"{Root}/clusters/c1/api/v1/namespaces/default/pods",
            "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json");
        Assert.Equal("PartialObjectMetadataList", (string?)list["kind"]);
        Assert.Equal("meta.k8s.io/v1", (string?)list["apiVersion"]);
        var first = list["items"]![0]!;
        Assert.Equal("PartialObjectMetadata", (string?)first["kind"]);
        Assert.Equal("meta.k8s.io/v1", (string?)first["apiVersion"]);
        Assert.Equal("pod-00", (string?)first["metadata"]!["name"]);
        Assert.Null(first["spec"]);
        Assert.Equal(10, list["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task Protobuf_accept_falls_back_to_json()
    {
        var list = await _host.Client.GetOkAsync($"{Root}/clusters/c1/api/v1/namespaces", "application/vnd.kubernetes.protobuf, */*");
        Assert.Equal("NamespaceList", (string?)list["kind"]);
        Assert.Equal(2, list["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task Namespaces_are_objects_named_by_their_path()
    {
        var ns = await _host.Client.GetOkAsync($"{Root}/clusters/c1/api/v1/namespaces/kube-system");
        Assert.Equal("Namespace", (string?)ns["kind"]);
        Assert.Equal("kube-system", (string?)ns["metadata"]!["name"]);
    }

    [Fact]
    public async Task Get_returns_the_stored_object_as_is()
    {
        var pod = await _host.Client.GetOkAsync($"{Root}/clusters/c3/api/v1/namespaces/kube-system/pods/pod-03");
        Assert.Equal("Pod", (string?)pod["kind"]);
        Assert.Equal("pod-03", (string?)pod["metadata"]!["name"]);
        Assert.Equal("c3", (string?)pod["metadata"]!["annotations"]![Objects.WellKnown.ClusterNameAnnotation]);

        var partial = await _host.Client.GetOkAsync($"{Root}/clusters/c3/api/v1/namespaces/kube-system/pods/pod-03",
            "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1");
        Assert.Equal("PartialObjectMetadata", (string?)partial["kind"]);
        Assert.Null(partial["spec"]);
    }

    [Fact]
    public async Task Yaml_lists_and_objects()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"{Root.TrimStart('/')}/clusters/c1/api/v1/namespaces/default") { Headers = { { "Accept", "application/yaml" } } };
        var response = await _host.Client.SendAsync(request);
        Assert.Equal("application/yaml", response.Content.Headers.ContentType?.MediaType);
        var yaml = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("apiVersion: v1\nkind: Namespace\nmetadata:\n", yaml);
        Assert.Contains("\n  name: default\n", yaml);

        request = new HttpRequestMessage(HttpMethod.Get, $"{Root.TrimStart('/')}/clusters/c1/api/v1/namespaces") { Headers = { { "Accept", "application/yaml" } } };
        yaml = await (await _host.Client.SendAsync(request)).Content.ReadAsStringAsync();
        Assert.StartsWith("kind: NamespaceList\napiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Namespace\n", yaml);
    }

    [Fact]
    public async Task Large_lists_stream_in_chunks()
    {
        var big = Enumerable.Range(0, 400).Select(i => Pod("c1", "bulk", $"bulk-{i:D4}")).ToArray();
        await _host.Storage.UpsertAsync(Pods, "c1", big);
        var response = await _host.Client.GetAsync($"{Root.TrimStart('/')}/clusters/c1/api/v1/namespaces/bulk/pods", HttpCompletionOption.ResponseHeadersRead);
        Assert.Null(response.Content.Headers.ContentLength);
        var list = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(400, list["items"]!.AsArray().Count);
    }
}
