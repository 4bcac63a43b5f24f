namespace Clusterpedia.Storage.Conformance;

/// <summary>
/// Eight pods in two clusters that the list tests search: varied labels (some missing), namespaces, creation days,
/// member resourceVersions whose text order differs from their numeric order, nodes, phases, containers, annotations.
/// </summary>
public static class PodFleet
{
    public const string C1 = "cluster-1";
    public const string C2 = "cluster-2";

    public static DateTimeOffset Day(int day) => new(2024, 1, day, 12, 0, 0, TimeSpan.Zero);

    public static readonly TestObject C1Web1 = TestObject.Pod("default", "web-1")
        .WithLabel("app", "web").WithLabel("tier", "frontend").CreatedAt(Day(1)).WithResourceVersion("100")
        .WithNodeName("node-a").WithPhase("Running").WithContainers("nginx:1.25", "envoy:1.30")
        .WithSpec("priority", "1000").WithSpec("hostNetwork", "false");

    public static readonly TestObject C1Web2 = TestObject.Pod("default", "web-2")
        .WithLabel("app", "web").WithLabel("tier", "frontend").CreatedAt(Day(2)).WithResourceVersion("20")
        .WithNodeName("node-b").WithPhase("Running").WithContainers("nginx:1.24").WithSpec("priority", "0");

    public static readonly TestObject C1Db1 = TestObject.Pod("default", "db-1")
        .WithLabel("app", "db").WithLabel("tier", "backend").CreatedAt(Day(3)).WithResourceVersion("300")
        .WithAnnotation("example.io/team", "data").WithNodeName("node-a").WithPhase("Pending").WithContainers("postgres:16");

    public static readonly TestObject C1CoreDns = TestObject.Pod("kube-system", "coredns-1")
        .WithLabel("app", "coredns").CreatedAt(Day(4)).WithResourceVersion("4")
        .WithNodeName("node-a").WithPhase("Running").WithContainers("coredns:1.11");

    public static readonly TestObject C2Web1 = TestObject.Pod("default", "web-1")
        .WithLabel("app", "web").WithLabel("tier", "frontend").CreatedAt(Day(5)).WithResourceVersion("5000")
        .WithNodeName("node-c").WithPhase("Running").WithContainers("nginx:1.25");

    public static readonly TestObject C2Api1 = TestObject.Pod("default", "api-1")
        .WithLabel("app", "api").WithLabel("tier", "backend").WithLabel("release", "3").CreatedAt(Day(6)).WithResourceVersion("60")
        .WithAnnotation("example.io/team", "platform").WithNodeName("node-c").WithPhase("Failed").WithContainers("api:2.0");

    public static readonly TestObject C2Proxy = TestObject.Pod("kube-system", "proxy-1")
        .CreatedAt(Day(7)).WithResourceVersion("7")
        .WithNodeName("node-d").WithPhase("Running").WithContainers("kube-proxy:1.30").WithSpec("hostNetwork", "true");

    public static readonly TestObject C2Canary = TestObject.Pod("other", "web-canary")
        .WithLabel("app", "web").WithLabel("tier", "frontend").WithLabel("track", "canary").CreatedAt(Day(8)).WithResourceVersion("800")
        .WithPhase("Running").WithContainers("nginx:1.26");

    public static readonly (string Cluster, TestObject Pod)[] All =
    [
        (C1, C1Web1), (C1, C1Web2), (C1, C1Db1), (C1, C1CoreDns),
        (C2, C2Web1), (C2, C2Api1), (C2, C2Proxy), (C2, C2Canary),
    ];

    /// <summary>All keys in the natural order (cluster, namespace, name).</summary>
    public static readonly string[] NaturalOrder =
    [
        "cluster-1/default/db-1", "cluster-1/default/web-1", "cluster-1/default/web-2", "cluster-1/kube-system/coredns-1",
        "cluster-2/default/api-1", "cluster-2/default/web-1", "cluster-2/kube-system/proxy-1", "cluster-2/other/web-canary",
    ];

    public static string Key(string cluster, TestObject obj) => $"{cluster}/{obj.Namespace}/{obj.Name}";

    public static string[] Keys(params (string Cluster, TestObject Pod)[] pods) =>
        pods.Select(p => Key(p.Cluster, p.Pod)).Order(StringComparer.Ordinal).ToArray();

    public static async Task SeedAsync(IResourceStorage pods, CancellationToken cancellationToken)
    {
        foreach (var (cluster, pod) in All) await pods.UpsertAsync(cluster, pod.Build(cluster), cancellationToken);
    }
}
