using System.Text.Json.Nodes;
using Clusterpedia.ClusterSimulator;

namespace Clusterpedia.EndToEnd.Tests.KubectlSuite;

/// <summary>Output formats and the tables of every synced resource type, checked against the members' objects.</summary>
[Collection(KubectlSuiteCollection.Name)]
public sealed class KubectlOutputTests(ThreeClusterBindingApiServer server) : IAsyncLifetime
{
    public Task InitializeAsync() => server.WaitUntilSyncedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private List<SimulatedObject> C2PodsInNs1() => server.Objects(SimulatedResource.Pods, "c2").Where(p => p.Namespace == "ns-1").ToList();

    private static List<string> Sorted(IEnumerable<string> values) => values.Order(StringComparer.Ordinal).ToList();

    [Fact]
    public async Task OutputJsonIsAListOfTheMembersObjects()
    {
        var expected = C2PodsInNs1();
        Assert.NotEmpty(expected);
        var list = JsonNode.Parse(await server.InCluster("c2").OkAsync("get", "pods", "-n", "ns-1", "-o", "json"))!;
        Assert.Equal("List", (string?)list["kind"]);
        var items = list["items"]!.AsArray();
        Assert.All(items, i => Assert.Equal(("v1", "Pod", "c2"),
            ((string?)i!["apiVersion"], (string?)i["kind"], (string?)i["metadata"]!["annotations"]![ThreeClusterBindingApiServer.ClusterNameAnnotation])));
        Assert.Equal(Sorted(expected.Select(p => $"{p.Name} {p.Field("metadata", "uid")} {p.Field("status", "podIP")}")),
            Sorted(items.Select(i => $"{(string?)i!["metadata"]!["name"]} {(string?)i["metadata"]!["uid"]} {(string?)i["status"]!["podIP"]}")));
    }

    [Fact]
    public async Task OutputYamlOfOneDeployment()
    {
        var deployment = server.Objects(SimulatedResource.Deployments, "c2")[1];
        var yaml = await server.InCluster("c2").OkAsync("get", "deploy", deployment.Name, "-n", deployment.Namespace, "-o", "yaml");
        Assert.StartsWith("apiVersion: apps/v1\nkind: Deployment\n", yaml);
        Assert.Contains($"\n  name: {deployment.Name}\n", yaml);
        Assert.Contains($"\n  namespace: {deployment.Namespace}\n", yaml);
        Assert.Contains($"\n  uid: {deployment.Field("metadata", "uid")}\n", yaml);
        Assert.Contains($"\n    {ThreeClusterBindingApiServer.ClusterNameAnnotation}: c2\n", yaml);
    }

    // The members list built-in types without apiVersion/kind on the items, as a kube-apiserver does: kubectl refuses a
    // single object without them ("Object 'Kind' is missing"), so these prove the stored objects carry both.
    [Theory]
    [InlineData("pods", "yaml")]
    [InlineData("pods", "json")]
    [InlineData("deployments", "yaml")]
    [InlineData("deployments", "json")]
    [InlineData("crontabs", "yaml")]
    [InlineData("crontabs", "json")]
    public async Task GetOneObjectAsYamlOrJsonCarriesItsApiVersionAndKind(string resource, string format)
    {
        var type = ThreeClusterBindingApiServer.SyncedResources.Single(r => r.Resource == resource);
        var o = server.Objects(type, "c3")[0];
        var stdout = await server.InCluster("c3").OkAsync("get", resource, o.Name, "-n", o.Namespace, "-o", format);
        if (format == "yaml")
        {
            Assert.Contains($"\napiVersion: {type.ApiVersion}\n", "\n" + stdout);
            Assert.Contains($"\nkind: {type.Kind}\n", "\n" + stdout);
            Assert.Contains($"\n  uid: {o.Field("metadata", "uid")}\n", stdout);
            return;
        }
        var json = JsonNode.Parse(stdout)!;
        Assert.Equal((type.ApiVersion, type.Kind, o.Field("metadata", "uid")),
            ((string?)json["apiVersion"], (string?)json["kind"], (string?)json["metadata"]!["uid"]));
    }

    [Fact]
    public async Task OutputWideShowsEachPodsIpAndNode()
    {
        var stdout = await server.InCluster("c2").OkAsync("get", "pods", "-n", "ns-1", "-o", "wide");
        Assert.Equal(["CLUSTER", "NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE", "NOMINATED NODE", "READINESS GATES"], Kubectl.Header(stdout));
        Assert.Equal(Sorted(C2PodsInNs1().Select(p => $"c2 {p.Name} {p.Field("status", "podIP")} {p.Field("spec", "nodeName")} <none> <none>")),
            Sorted(Kubectl.ParseTable(stdout).Select(r => $"{r["CLUSTER"]} {r["NAME"]} {r["IP"]} {r["NODE"]} {r["NOMINATED NODE"]} {r["READINESS GATES"]}")));
    }

    [Fact]
    public async Task OutputNameAndCustomColumns()
    {
        var names = (await server.InCluster("c2").OkAsync("get", "pods", "-n", "ns-1", "-o", "name")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Sorted(C2PodsInNs1().Select(p => $"pod/{p.Name}")), Sorted(names));

        var columns = await server.InCluster("c2").OkAsync("get", "pods", "-n", "ns-1", "-o", "custom-columns=NAME:.metadata.name,UID:.metadata.uid");
        Assert.Equal(Sorted(C2PodsInNs1().Select(p => $"{p.Name} {p.Field("metadata", "uid")}")),
            Sorted(Kubectl.ParseTable(columns).Select(r => $"{r["NAME"]} {r["UID"]}")));
    }

    [Fact]
    public async Task ShowLabelsAndSortByWorkFromTheRowObjects()
    {
        var pods = C2PodsInNs1();
        var labels = Kubectl.ParseTable(await server.InCluster("c2").OkAsync("get", "pods", "-n", "ns-1", "--show-labels"));
        Assert.Equal(Sorted(pods.Select(p => $"{p.Name} {string.Join(',', p.Spec.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"))}")),
            Sorted(labels.Select(r => $"{r["NAME"]} {r["LABELS"]}")));

        // --sort-by makes kubectl ask for the objects in the rows and sort on the client, over the server's order.
        var sorted = Kubectl.ParseTable(await server.InCluster("c2").OkAsync(
            "get", "pods", "-n", "ns-1", "--sort-by=.metadata.name", "-l", "search.clusterpedia.io/orderby=name_desc"));
        Assert.Equal(Sorted(pods.Select(p => p.Name)), sorted.Select(r => r["NAME"]));
    }

    [Fact]
    public async Task DeploymentsAndReplicaSetsPrintTheirReplicas()
    {
        var deployments = Kubectl.ParseTable(await server.All.OkAsync("get", "deploy", "-A"));
        Assert.Equal(Sorted(server.Objects(SimulatedResource.Deployments).Select(d =>
                $"{d.Key} {d.Field("status", "readyReplicas")}/{d.Field("spec", "replicas")} {d.Field("status", "availableReplicas")}")),
            Sorted(deployments.Select(r => $"{r["CLUSTER"]}/{r["NAMESPACE"]}/{r["NAME"]} {r["READY"]} {r["AVAILABLE"]}")));

        var stdout = await server.All.OkAsync("get", "rs", "-A");
        Assert.Equal(["NAMESPACE", "CLUSTER", "NAME", "DESIRED", "CURRENT", "READY", "AGE"], Kubectl.Header(stdout));
        Assert.Equal(Sorted(server.Objects(SimulatedResource.ReplicaSets).Select(r => $"{r.Key} {r.Field("spec", "replicas")}")),
            Sorted(Kubectl.ParseTable(stdout).Select(r => $"{r["CLUSTER"]}/{r["NAMESPACE"]}/{r["NAME"]} {r["DESIRED"]}")));
    }

    [Fact]
    public async Task NamespacesEventsAndCustomResourceDefinitions()
    {
        var namespaces = await server.All.OkAsync("get", "ns");
        Assert.Equal(["CLUSTER", "NAME", "STATUS", "AGE"], Kubectl.Header(namespaces));
        Assert.Equal(Sorted(server.Objects(SimulatedResource.Namespaces).Select(n => $"{n.Key} {n.Field("status", "phase")}")),
            Sorted(Kubectl.ParseTable(namespaces).Select(r => $"{r["CLUSTER"]}/{r["NAME"]} {r["STATUS"]}")));

        var events = await server.All.OkAsync("get", "events", "-A");
        Assert.Equal(["NAMESPACE", "CLUSTER", "LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"], Kubectl.Header(events));
        Assert.Equal(Sorted(server.Objects(SimulatedResource.Events).Select(e =>
                $"{e.Cluster}/{e.Namespace} {e.Field("reason")} {e.Field("involvedObject", "kind").ToLowerInvariant()}/{e.Field("involvedObject", "name")} {e.Field("message")}")),
            Sorted(Kubectl.ParseTable(events).Select(r => $"{r["CLUSTER"]}/{r["NAMESPACE"]} {r["REASON"]} {r["OBJECT"]} {r["MESSAGE"]}")));

        var crds = Kubectl.ParseTable(await server.All.OkAsync("get", "crd"));
        Assert.Equal(Sorted(server.Objects(SimulatedResource.CustomResourceDefinitions).Select(c => $"{c.Cluster}/{c.Name} {c.Field("metadata", "creationTimestamp")}")),
            Sorted(crds.Select(r => $"{r["CLUSTER"]}/{r["NAME"]} {r["CREATED AT"]}")));
    }

    [Fact]
    public async Task CronTabsPrintTheDefaultColumnsAsUpstreamDoesForCustomResources()
    {
        // Upstream serves custom resources with the default Name / Created At table, not the CRD's additionalPrinterColumns.
        var stdout = await server.All.OkAsync("get", "crontabs.stable.example.com", "-A");
        Assert.Equal(["NAMESPACE", "CLUSTER", "NAME", "CREATED AT"], Kubectl.Header(stdout));
        Assert.Equal(Sorted(server.Objects(SimulatedResource.CronTabs).Select(c => $"{c.Key} {c.Field("metadata", "creationTimestamp")}")),
            Sorted(Kubectl.ParseTable(stdout).Select(r => $"{r["CLUSTER"]}/{r["NAMESPACE"]}/{r["NAME"]} {r["CREATED AT"]}")));

        var json = JsonNode.Parse(await server.InCluster("c3").OkAsync("get", "crontabs", "-A", "-o", "json"))!;
        Assert.Equal(Sorted(server.Objects(SimulatedResource.CronTabs, "c3").Select(c => $"{c.Name} {c.Field("spec", "cronSpec")}")),
            Sorted(json["items"]!.AsArray().Select(i => $"{(string?)i!["metadata"]!["name"]} {(string?)i["spec"]!["cronSpec"]}")));
    }
}
