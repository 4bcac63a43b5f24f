using Clusterpedia.ClusterSimulator;

namespace Clusterpedia.EndToEnd.Tests.KubectlSuite;

/// <summary><c>kubectl get</c> across every cluster and in one: scopes, chunks, selectors and search labels.</summary>
[Collection(KubectlSuiteCollection.Name)]
public sealed class KubectlGetTests(ThreeClusterBindingApiServer server) : IAsyncLifetime
{
    private static readonly string[] PodColumns = ["NAMESPACE", "CLUSTER", "NAME", "READY", "STATUS", "RESTARTS", "AGE"];

    public Task InitializeAsync() => server.WaitUntilSyncedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private List<SimulatedObject> Pods(string? cluster = null) => server.Objects(SimulatedResource.Pods, cluster);

    private static List<string> Keys(IEnumerable<SimulatedObject> objects) => objects.Select(o => o.Key).Order(StringComparer.Ordinal).ToList();

    /// <summary>Runs <c>kubectl get pods</c> with the arguments and returns the listed pods as <c>cluster/namespace/name</c>.</summary>
    private static async Task<List<string>> ListedPodsAsync(Kubectl kubectl, params string[] arguments)
    {
        var stdout = await kubectl.OkAsync(["get", "pods", .. arguments]);
        if (stdout.Length == 0) return []; // "No resources found" goes to stderr.
        Assert.Equal(PodColumns, Kubectl.Header(stdout));
        return PodListing.ListedKeys(Kubectl.ParseTable(stdout));
    }

    [Fact]
    public async Task GetPodsAllNamespacesInChunksOf7ListsEveryPodOfEveryClusterOnceWithTheClusterColumn()
    {
        var expected = PodListing.ExpectedKeys(server.Clusters);
        Assert.True(expected.Count >= 50, $"the simulated clusters hold {expected.Count} pods");

        // -v=6 logs each request kubectl makes, so the chunks can be counted.
        var (exitCode, stdout, stderr) = await server.All.RunAsync("get", "pods", "-A", "--chunk-size=7", "-v=6");
        Assert.True(exitCode == 0, stderr);
        Assert.Equal(PodColumns, Kubectl.Header(stdout));
        var rows = Kubectl.ParseTable(stdout);
        Assert.Equal(expected, PodListing.ListedKeys(rows));
        Assert.Equal(ThreeClusterBindingApiServer.ClusterNames, rows.Select(r => r["CLUSTER"]).Distinct().Order(StringComparer.Ordinal));
        var pages = stderr.Split('\n').Count(l => l.Contains("/api/v1/pods?", StringComparison.Ordinal) && l.Contains("limit=7", StringComparison.Ordinal));
        Assert.Equal((expected.Count + 6) / 7, pages);
    }

    [Fact]
    public async Task AClusterScopedKubeconfigListsOnlyThatCluster()
    {
        Assert.Equal(Keys(Pods("c2")), await ListedPodsAsync(server.InCluster("c2"), "-A"));
        Assert.Equal(Keys(Pods("c2")), await ListedPodsAsync(server.InCluster("c2"), "-A", "--chunk-size=4"));

        var namespaces = Kubectl.ParseTable(await server.InCluster("c3").OkAsync("get", "namespaces"));
        Assert.Equal(Keys(server.Objects(SimulatedResource.Namespaces, "c3")), namespaces.Select(r => $"{r["CLUSTER"]}/{r["NAME"]}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task NamespaceFlagListsThatNamespaceInEveryCluster()
    {
        var stdout = await server.All.OkAsync("get", "pods", "-n", "ns-1");
        Assert.Equal(["CLUSTER", "NAME", "READY", "STATUS", "RESTARTS", "AGE"], Kubectl.Header(stdout));
        var listed = Kubectl.ParseTable(stdout).Select(r => $"{r["CLUSTER"]}/ns-1/{r["NAME"]}").Order(StringComparer.Ordinal);
        var expected = Keys(Pods().Where(p => p.Namespace == "ns-1"));
        Assert.NotEmpty(expected);
        Assert.Equal(expected, listed);
    }

    [Fact]
    public async Task LabelSelectorsMatchTheMembersLabels()
    {
        var web = Keys(Pods().Where(p => p.Label("tier") == "web"));
        Assert.NotEmpty(web);
        Assert.Equal(web, await ListedPodsAsync(server.All, "-A", "-l", "tier=web"));

        var app3 = Keys(Pods().Where(p => p.Label("app") is "app-0" or "app-3" && p.Label("tier") != "web"));
        Assert.NotEmpty(app3);
        Assert.Equal(app3, await ListedPodsAsync(server.All, "-A", "-l", "app in (app-0,app-3),tier!=web"));

        var hashes = Pods("c1").Select(p => p.Label("pod-template-hash")).Distinct().ToList();
        var withC1Hashes = Keys(Pods().Where(p => hashes.Contains(p.Label("pod-template-hash"))));
        Assert.Equal(Keys(Pods("c1")), withC1Hashes.Where(k => k.StartsWith("c1/", StringComparison.Ordinal)));
        Assert.Equal(withC1Hashes, await ListedPodsAsync(server.All, "-A", "-l", $"pod-template-hash in ({string.Join(',', hashes)})"));
        Assert.Empty(await ListedPodsAsync(server.All, "-A", "-l", "app=no-such-app"));
    }

    [Fact]
    public async Task FieldSelectorsMatchTheMembersObjects()
    {
        var node = Pods("c1")[0].Field("spec", "nodeName");
        var onNode = Keys(Pods().Where(p => p.Field("spec", "nodeName") == node));
        Assert.Equal(onNode, await ListedPodsAsync(server.All, "-A", "--field-selector", $"spec.nodeName={node}"));

        var notNs0 = Keys(Pods().Where(p => p.Namespace != "ns-0" && p.Field("status", "phase") == "Running"));
        Assert.NotEmpty(notNs0);
        Assert.Equal(notNs0, await ListedPodsAsync(server.All, "-A", "--field-selector", "metadata.namespace!=ns-0,status.phase=Running"));
    }

    [Fact]
    public async Task SearchLabelsChooseClustersAndNamespaces()
    {
        Assert.Equal(Keys(Pods("c1")), await ListedPodsAsync(server.All, "-A", "-l", "search.clusterpedia.io/clusters=c1"));

        var c1AndC3Web = Keys(Pods().Where(p => p.Cluster != "c2" && p.Label("tier") == "web"));
        Assert.Equal(c1AndC3Web, await ListedPodsAsync(server.All, "-A", "-l", "search.clusterpedia.io/clusters in (c1,c3),tier=web"));

        var ns2 = Keys(Pods().Where(p => p.Namespace == "ns-2"));
        Assert.Equal(ns2, await ListedPodsAsync(server.All, "-A", "-l", "search.clusterpedia.io/namespaces=ns-2"));
    }

    [Fact]
    public async Task OrderBySearchLabelSortsOnTheServer()
    {
        var c2 = server.InCluster("c2");
        var desc = Kubectl.ParseTable(await c2.OkAsync("get", "pods", "-n", "ns-1", "-l", "search.clusterpedia.io/orderby=name_desc"));
        var names = Pods("c2").Where(p => p.Namespace == "ns-1").Select(p => p.Name).ToList();
        Assert.Equal(names.OrderDescending(StringComparer.Ordinal), desc.Select(r => r["NAME"]));

        // Ties (one cluster's pods) keep the natural order: namespace, then name.
        var byCluster = Kubectl.ParseTable(await server.All.OkAsync("get", "pods", "-A", "-l", "search.clusterpedia.io/orderby=cluster_desc"));
        var expected = Pods().OrderByDescending(p => p.Cluster, StringComparer.Ordinal)
            .ThenBy(p => p.Namespace, StringComparer.Ordinal).ThenBy(p => p.Name, StringComparer.Ordinal).Select(p => p.Key);
        Assert.Equal(expected, byCluster.Select(r => $"{r["CLUSTER"]}/{r["NAMESPACE"]}/{r["NAME"]}"));
    }

    [Fact]
    public async Task OwnerSearchListsADeploymentsPodsInOneCluster()
    {
        var replicaSets = server.Objects(SimulatedResource.ReplicaSets, "c2").Where(r => r.Spec.Owner?.Name == "app-1").Select(r => r.Name).ToHashSet();
        var expected = Keys(Pods("c2").Where(p => p.Spec.Owner is { } owner && replicaSets.Contains(owner.Name)));
        Assert.NotEmpty(expected);
        Assert.Equal(expected, await ListedPodsAsync(server.InCluster("c2"), "-A", "-l",
            "search.clusterpedia.io/owner-name=app-1,search.clusterpedia.io/owner-seniority=1,search.clusterpedia.io/owner-gr=deployments.apps"));
    }

    [Fact]
    public async Task GetByNameWorksInAClusterAndAsksForOneWithout()
    {
        var pod = Pods("c2")[3];
        var rows = Kubectl.ParseTable(await server.InCluster("c2").OkAsync("get", "pod", pod.Name, "-n", pod.Namespace));
        var row = Assert.Single(rows);
        Assert.Equal(("c2", pod.Name, "1/1", "Running"), (row["CLUSTER"], row["NAME"], row["READY"], row["STATUS"]));

        var ns = Assert.Single(Kubectl.ParseTable(await server.InCluster("c2").OkAsync("get", "ns", "ns-0")));
        Assert.Equal(("c2", "ns-0", "Active"), (ns["CLUSTER"], ns["NAME"], ns["STATUS"]));

        var stderr = await server.All.FailAsync("get", "pod", pod.Name, "-n", pod.Namespace);
        Assert.Contains("Error from server (BadRequest): please specify the cluster name when using the resource name to get a specific resource.", stderr);

        stderr = await server.InCluster("c2").FailAsync("get", "pod", "missing", "-n", pod.Namespace);
        Assert.Contains("Error from server (NotFound): pods \"missing\" not found", stderr);
    }

    [Fact]
    public async Task GetAllUsesTheAllCategory()
    {
        var output = await server.InCluster("c2").OkAsync("get", "all", "-n", "ns-0");
        var expected = Pods("c2").Where(p => p.Namespace == "ns-0").Select(p => $"pod/{p.Name}")
            .Concat(server.Objects(SimulatedResource.Deployments, "c2").Where(d => d.Namespace == "ns-0").Select(d => $"deployment.apps/{d.Name}"))
            .Concat(server.Objects(SimulatedResource.ReplicaSets, "c2").Where(r => r.Namespace == "ns-0").Select(r => $"replicaset.apps/{r.Name}"))
            .ToList();
        Assert.True(expected.Count > 3);
        var listed = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(c => c.Length > 1 && c[1].Contains('/')).Select(c => c[1]);
        Assert.Equal(expected.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
    }
}
