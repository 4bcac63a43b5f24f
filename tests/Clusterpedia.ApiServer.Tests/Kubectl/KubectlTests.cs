using System.Text.Json.Nodes;
using Clusterpedia.ApiServer.Clusters;
using Clusterpedia.ApiServer.Tests.Infrastructure;
using static Clusterpedia.ApiServer.Tests.Infrastructure.TestObjects;

namespace Clusterpedia.ApiServer.Tests.Kubectl;

/// <summary>The real kubectl against the server over TLS, as the Clusterpedia docs tell users to set it up.</summary>
public sealed class KubectlTests : IAsyncLifetime
{
    private static readonly string[] ClusterNames = ["c1", "c2", "c3"];
    private ApiServerHost _host = null!;
    private Kubectl _all = null!;
    private Kubectl _c2 = null!;

    public async Task InitializeAsync()
    {
        _host = await ApiServerHost.StartAsync(https: true);
        foreach (var c in ClusterNames)
        {
            _host.Source.Set(c, ClusterHealth.Ready, [Pods, Namespaces, Deployments, Nodes]);
            for (var i = 0; i < 18; i++)
            {
                var ns = i % 3 == 0 ? "prod" : "dev";
                await _host.Storage.UpsertAsync(Pods, c, Pod(c, ns, $"pod-{i:D2}", phase: i == 4 ? "Pending" : "Running",
                    labels: new Dictionary<string, string> { ["app"] = i % 2 == 0 ? "web" : "db" }));
            }
            await _host.Storage.UpsertAsync(Namespaces, c, Namespace(c, "prod"), Namespace(c, "dev"));
            await _host.Storage.UpsertAsync(Deployments, c, Deployment(c, "prod", "web"));
            await _host.Storage.UpsertAsync(Nodes, c, Node(c, $"{c}-node"));
        }
        _all = new Kubectl(_host.ResourcesUrl);
        _c2 = new Kubectl(_host.ResourcesUrl + "/clusters/c2");
    }

    public async Task DisposeAsync()
    {
        _all.Dispose();
        _c2.Dispose();
        await _host.DisposeAsync();
    }

    private static string[][] Rows(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray();

    [Fact]
    public async Task Get_pods_all_namespaces_in_chunks_returns_every_pod_once_with_a_cluster_column()
    {
        var rows = Rows(await _all.OkAsync("get", "pods", "-A", "--chunk-size=7"));
        Assert.Equal(["NAMESPACE", "CLUSTER", "NAME", "READY", "STATUS", "RESTARTS", "AGE"], rows[0]);
        var keys = rows.Skip(1).Select(r => $"{r[1]}/{r[0]}/{r[2]}").ToArray();
        Assert.Equal(54, keys.Length);
        Assert.Equal(54, keys.Distinct().Count());
        Assert.Equal(ClusterNames, rows.Skip(1).Select(r => r[1]).Distinct().Order());
    }

    [Fact]
    public async Task Namespace_label_and_field_selectors()
    {
        var prod = Rows(await _all.OkAsync("get", "pods", "-n", "prod"));
        Assert.Equal(18, prod.Length - 1);
        Assert.All(prod.Skip(1), r => Assert.Contains(int.Parse(r[1][4..]) % 3, new[] { 0 }));

        var web = Rows(await _all.OkAsync("get", "pods", "-A", "-l", "app=web"));
        Assert.Equal(27, web.Length - 1);

        var pending = Rows(await _all.OkAsync("get", "pods", "-A", "--field-selector", "status.phase=Pending"));
        Assert.Equal(3, pending.Length - 1);
        Assert.All(pending.Skip(1), r => Assert.Equal("pod-04", r[2]));

        var inC1 = Rows(await _all.OkAsync("get", "pods", "-A", "-l", "search.clusterpedia.io/clusters=c1"));
        Assert.Equal(18, inC1.Length - 1);
    }

    [Fact]
    public async Task Output_formats_json_yaml_wide_name()
    {
        var json = JsonNode.Parse(await _c2.OkAsync("get", "pods", "-n", "dev", "-o", "json"))!;
        Assert.Equal("List", (string?)json["kind"]);
        Assert.Equal(12, json["items"]!.AsArray().Count);
        Assert.All(json["items"]!.AsArray(), i => Assert.Equal("Pod", (string?)i!["kind"]));

        var yaml = await _c2.OkAsync("get", "deploy", "web", "-n", "prod", "-o", "yaml");
        Assert.StartsWith("apiVersion: apps/v1\nkind: Deployment\n", yaml);
        Assert.Contains("shadow.clusterpedia.io/cluster-name: c2", yaml);

        var wide = Rows(await _c2.OkAsync("get", "pods", "-n", "prod", "-o", "wide"));
        Assert.Equal(["CLUSTER", "NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE", "NOMINATED", "NODE", "READINESS", "GATES"], wide[0]);
        Assert.Equal("10.0.0.7", wide[1][6]);

        var names = (await _c2.OkAsync("get", "pods", "-n", "prod", "-o", "name")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(6, names.Length);
        Assert.All(names, n => Assert.StartsWith("pod/pod-", n));
    }

    [Fact]
    public async Task Get_by_name_needs_a_cluster()
    {
        var rows = Rows(await _c2.OkAsync("get", "pod", "pod-03", "-n", "prod"));
        Assert.Equal(["c2", "pod-03", "1/1", "Running"], rows[1].Take(4));

        var node = Rows(await _c2.OkAsync("get", "no", "c2-node"));
        Assert.Equal("c2-node", node[1][1]);

        var (code, _, stderr) = await _all.RunAsync("get", "pod", "pod-03", "-n", "prod");
        Assert.NotEqual(0, code);
        Assert.Contains("please specify the cluster name when using the resource name to get a specific resource.", stderr);

        (code, _, stderr) = await _c2.RunAsync("get", "pod", "missing", "-n", "prod");
        Assert.NotEqual(0, code);
        Assert.Contains("pods \"missing\" not found", stderr);
    }

    [Fact]
    public async Task Api_resources_lists_synced_resources_with_short_names()
    {
        var rows = Rows(await _all.OkAsync("api-resources"));
        Assert.Equal(["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"], rows[0]);
        Assert.Contains(rows, r => r.SequenceEqual(["pods", "po", "v1", "true", "Pod"]));
        Assert.Contains(rows, r => r.SequenceEqual(["deployments", "deploy", "apps/v1", "true", "Deployment"]));
        Assert.Contains(rows, r => r.SequenceEqual(["namespaces", "ns", "v1", "false", "Namespace"]));
        Assert.DoesNotContain(rows, r => r[0] == "secrets");
    }

    [Fact]
    public async Task Get_deployments_and_namespaces_by_short_name()
    {
        var deploy = Rows(await _all.OkAsync("get", "deploy", "-A"));
        Assert.Equal(["NAMESPACE", "CLUSTER", "NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"], deploy[0]);
        Assert.Equal(3, deploy.Length - 1);

        var ns = Rows(await _all.OkAsync("get", "ns"));
        Assert.Equal(["CLUSTER", "NAME", "STATUS", "AGE"], ns[0]);
        Assert.Equal(6, ns.Length - 1);
    }

    [Fact]
    public async Task Raw_collection_resources()
    {
        using var root = new Kubectl(_host.BaseAddress.ToString().TrimEnd('/'));
        var list = JsonNode.Parse(await root.OkAsync("get", "--raw", "/apis/clusterpedia.io/v1beta1/collectionresources"))!;
        Assert.Equal("CollectionResourceList", (string?)list["kind"]);
        var workloads = JsonNode.Parse(await root.OkAsync("get", "--raw", "/apis/clusterpedia.io/v1beta1/collectionresources/workloads?limit=2"))!;
        Assert.Equal(2, workloads["items"]!.AsArray().Count);
        Assert.False(string.IsNullOrEmpty((string?)workloads["continue"]));
    }

    [Fact]
    public async Task Unknown_cluster_and_unsynced_resource_errors()
    {
        var (code, _, stderr) = await _all.RunAsync("get", "secrets", "-A");
        Assert.NotEqual(0, code);
        Assert.Contains("the server doesn't have a resource type \"secrets\"", stderr);

        // --raw paths are absolute on the server, not relative to the kubeconfig's server path.
        (code, _, stderr) = await _all.RunAsync("get", "--raw", "/apis/clusterpedia.io/v1beta1/resources/clusters/nope/api/v1/pods");
        Assert.NotEqual(0, code);
        Assert.Contains("the server could not find the requested cluster", stderr);
    }

    [Fact]
    public async Task Unhealthy_cluster_warning_is_printed()
    {
        _host.Source.SetHealth("c2", new ClusterHealth(false, "ClusterUnreachable"));
        try
        {
            var (code, _, stderr) = await _c2.RunAsync("get", "pods", "-n", "prod");
            Assert.Equal(0, code);
            Assert.Contains("Warning: c2 is not ready and the resources obtained may be inaccurate, reason: ClusterUnreachable", stderr);
        }
        finally
        {
            _host.Source.SetHealth("c2", ClusterHealth.Ready);
        }
    }

    [Fact]
    public async Task Get_watch_prints_new_pods_as_they_are_synced()
    {
        using var process = _c2.Start("get", "pods", "-n", "dev", "-w");
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var header = await process.StandardOutput.ReadLineAsync(timeout.Token);
            Assert.StartsWith("CLUSTER", header);
            for (var i = 0; i < 12; i++) Assert.NotNull(await process.StandardOutput.ReadLineAsync(timeout.Token));

            await _host.Storage.UpsertAsync(Pods, "c2", Pod("c2", "dev", "fresh"));
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
            Assert.Equal(["c2", "fresh", "1/1", "Running"], line!.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(4));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Get_all_uses_the_all_category_from_discovery()
    {
        var output = await _c2.OkAsync("get", "all", "-n", "prod");
        Assert.Contains("pod/pod-00", output);
        Assert.Contains("deployment.apps/web", output);
    }

    [Fact]
    public async Task Show_labels_and_sort_by_work_from_the_row_objects()
    {
        var labels = Rows(await _c2.OkAsync("get", "pods", "-n", "prod", "--show-labels"));
        Assert.Equal("LABELS", labels[0][^1]);
        Assert.Equal("app=web", labels[1][^1]);

        // --sort-by makes kubectl ask for includeObject=Object and sort client-side.
        var sorted = Rows(await _c2.OkAsync("get", "pods", "-n", "prod", "--sort-by=.metadata.name", "-l", "search.clusterpedia.io/orderby=name_desc"));
        Assert.Equal(["pod-00", "pod-03", "pod-06", "pod-09", "pod-12", "pod-15"], sorted.Skip(1).Select(r => r[1]));
        var desc = Rows(await _c2.OkAsync("get", "pods", "-n", "prod", "-l", "search.clusterpedia.io/orderby=name_desc"));
        Assert.Equal("pod-15", desc[1][1]);
    }
}
