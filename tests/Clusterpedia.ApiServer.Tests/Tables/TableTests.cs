using System.Text.Json.Nodes;
using Clusterpedia.ApiServer.Clusters;
using Clusterpedia.ApiServer.Tests.Infrastructure;
using static Clusterpedia.ApiServer.Tests.Infrastructure.TestObjects;

namespace Clusterpedia.ApiServer.Tests.Tables;

public sealed class TableTests : IAsyncLifetime
{
    private const string Root = "/apis/clusterpedia.io/v1beta1/resources";
    // What kubectl get sends.
    private const string TableAccept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";
    private ApiServerHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await ApiServerHost.StartAsync(time: new FixedTime(Created.AddHours(3).AddMinutes(5)));
        _host.Source.Set("c1", ClusterHealth.Ready, [Pods, Deployments, Namespaces, Nodes, Widgets]);
        _host.Source.Set("c2", ClusterHealth.Ready, [Pods]);
        await _host.Storage.UpsertAsync(Pods, "c1", Pod("c1", "default", "web-1", restarts: 2), Pod("c1", "default", "web-2", phase: "Pending"));
        await _host.Storage.UpsertAsync(Pods, "c2", Pod("c2", "default", "web-1"));
        await _host.Storage.UpsertAsync(Deployments, "c1", Deployment("c1", "default", "web"));
        await _host.Storage.UpsertAsync(Nodes, "c1", Node("c1", "node-1"));
        await _host.Storage.UpsertAsync(Widgets, "c1", Object("example.io/v1", "Widget", "c1", "default", "w1"));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static string[] Cells(JsonNode row) => row["cells"]!.AsArray().Select(c => c!.ToString()).ToArray();

    [Fact]
    public async Task Pod_table_has_kubectl_columns_after_the_cluster()
    {
        var table = await _host.Client.GetOkAsync($"{Root}/api/v1/pods", TableAccept);
        Assert.Equal("Table", (string?)table["kind"]);
        Assert.Equal("meta.k8s.io/v1", (string?)table["apiVersion"]);
        var columns = table["columnDefinitions"]!.AsArray();
        Assert.Equal(["Cluster", "Name", "Ready", "Status", "Restarts", "Age", "IP", "Node", "Nominated Node", "Readiness Gates"],
            columns.Strings("name"));
        Assert.Equal([0, 0, 0, 0, 0, 0, 1, 1, 1, 1], columns.Select(c => (int)c!["priority"]!));
        Assert.Equal("name", (string?)columns[1]!["format"]);

        var rows = table["rows"]!.AsArray();
        Assert.Equal(3, rows.Count);
        Assert.Equal(["c1", "web-1", "1/1", "Running", "2", "3h5m", "10.0.0.7", "node-1", "<none>", "<none>"], Cells(rows[0]!));
        Assert.Equal(["c1", "web-2", "0/1", "ContainerCreating", "0", "3h5m", "10.0.0.7", "node-1", "<none>", "<none>"], Cells(rows[1]!));
        Assert.Equal("c2", Cells(rows[2]!)[0]);
        // kubectl's default includeObject=Metadata: the row object is a PartialObjectMetadata (for --show-labels).
        var obj = rows[0]!["object"]!;
        Assert.Equal("PartialObjectMetadata", (string?)obj["kind"]);
        Assert.Equal("web-1", (string?)obj["metadata"]!["name"]);
    }

    [Fact]
    public async Task Include_object_none_and_object()
    {
        var none = await _host.Client.GetOkAsync($"{Root}/api/v1/pods?includeObject=None", TableAccept);
        Assert.Null(none["rows"]![0]!["object"]);
        var full = await _host.Client.GetOkAsync($"{Root}/api/v1/pods?includeObject=Object", TableAccept);
        Assert.Equal("Pod", (string?)full["rows"]![0]!["object"]!["kind"]);
        await _host.Client.AssertStatusAsync($"{Root}/api/v1/pods?includeObject=All", 400, "BadRequest", accept: TableAccept);
    }

    [Fact]
    public async Task Table_metadata_carries_continue()
    {
        var table = await _host.Client.GetOkAsync($"{Root}/api/v1/pods?limit=2", TableAccept);
        Assert.Equal(2, table["rows"]!.AsArray().Count);
        var token = (string?)table["metadata"]!["continue"];
        Assert.False(string.IsNullOrEmpty(token));
        var next = await _host.Client.GetOkAsync($"{Root}/api/v1/pods?limit=2&continue={Uri.EscapeDataString(token!)}", TableAccept);
        Assert.Single(next["rows"]!.AsArray());
    }

    [Fact]
    public async Task Deployment_node_and_namespace_tables()
    {
        var deploy = await _host.Client.GetOkAsync($"{Root}/apis/apps/v1/deployments", TableAccept);
        Assert.Equal(["Cluster", "Name", "Ready", "Up-to-date", "Available", "Age", "Containers", "Images", "Selector"],
            deploy["columnDefinitions"].Strings("name"));
        Assert.Equal(["c1", "web", "2/3", "3", "2", "3h5m", "web", "nginx", "app=web"], Cells(deploy["rows"]![0]!));

        var nodes = await _host.Client.GetOkAsync($"{Root}/clusters/c1/api/v1/nodes", TableAccept);
        Assert.Equal(["c1", "node-1", "Ready", "control-plane", "3h5m", "v1.32.0"], Cells(nodes["rows"]![0]!).Take(6));
    }

    [Fact]
    public async Task Kinds_without_a_printer_get_name_and_created_at()
    {
        var table = await _host.Client.GetOkAsync($"{Root}/apis/example.io/v1/widgets", TableAccept);
        Assert.Equal(["Cluster", "Name", "Created At"], table["columnDefinitions"].Strings("name"));
        Assert.Equal(["c1", "w1", "2026-11-27T10:00:00Z"], Cells(table["rows"]![0]!));
    }

    [Fact]
    public async Task Get_as_table_has_one_row()
    {
        var table = await _host.Client.GetOkAsync($"{Root}/clusters/c1/api/v1/namespaces/default/pods/web-1", TableAccept);
        Assert.Equal("Table", (string?)table["kind"]);
        Assert.Equal("web-1", Cells(Assert.Single(table["rows"]!.AsArray())!)[1]);
    }
}
