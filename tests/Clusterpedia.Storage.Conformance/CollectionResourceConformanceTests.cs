using Clusterpedia.Query;
using Xunit;

namespace Clusterpedia.Storage.Conformance;

/// <summary>
/// The collection resources <c>any</c>, <c>workloads</c> and <c>kuberesources</c>: which resources each covers, the list
/// filters, items carrying their resource and kind, and paging across resources (same keys in different resources
/// are different items).
/// </summary>
public abstract class CollectionResourceConformanceTests : StorageConformanceTestBase
{
    private const string C1 = "cluster-1";
    private const string C2 = "cluster-2";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SeedAsync(PodsConfig, C1, TestObject.Pod("default", "web").WithLabel("app", "web"), TestObject.Pod("default", "db").WithLabel("app", "db"));
        await SeedAsync(PodsConfig, C2, TestObject.Pod("default", "web").WithLabel("app", "web"));
        await SeedAsync(NodesConfig, C1, TestObject.Node("node-a"));
        await SeedAsync(DeploymentsConfig, C1, TestObject.Deployment("default", "web").WithLabel("app", "web"));
        await SeedAsync(ReplicaSetsConfig, C1, TestObject.ReplicaSet("default", "web-abc").WithLabel("app", "web"));
        await SeedAsync(StatefulSetsConfig, C2, TestObject.StatefulSet("default", "db").WithLabel("app", "db"));
        await SeedAsync(DaemonSetsConfig, C1, TestObject.DaemonSet("kube-system", "proxy"));
        await SeedAsync(CronJobsConfig, C1, TestObject.CronJob("default", "backup"));
        await SeedAsync(WidgetsConfig, C1, TestObject.Widget("default", "web").WithLabel("app", "web"));
    }

    /// <summary>Items as <c>resource:cluster/namespace/name</c>, sorted.</summary>
    private async Task<string[]> CollectAsync(string name, ListOptions options) =>
        (await ListCollectionAsync(name, options)).Items.Select(Describe).Order(StringComparer.Ordinal).ToArray();

    private static string Describe(ListedItem item) => $"{item.Resource.GroupResource}:{item.Key}";

    private static ListOptions Any(string? groups = null, string? resources = null)
    {
        var query = new Dictionary<string, IReadOnlyList<string>>();
        if (groups is not null) query["groups"] = [groups];
        if (resources is not null) query["resources"] = [resources];
        return Options() with { UrlQuery = query };
    }

    private static readonly string[] AllItems =
    [
        "cronjobs.batch:cluster-1/default/backup",
        "daemonsets.apps:cluster-1/kube-system/proxy",
        "deployments.apps:cluster-1/default/web",
        "nodes:cluster-1/node-a",
        "pods:cluster-1/default/db",
        "pods:cluster-1/default/web",
        "pods:cluster-2/default/web",
        "replicasets.apps:cluster-1/default/web-abc",
        "statefulsets.apps:cluster-2/default/db",
        "widgets.example.io:cluster-1/default/web",
    ];

    [Fact]
    public void Offers_any_workloads_and_kuberesources()
    {
        var names = Factory.CollectionResources.Select(c => c.Name).ToArray();
        Assert.Contains("any", names);
        Assert.Contains("workloads", names);
        Assert.Contains("kuberesources", names);
        var workloads = Factory.CollectionResources.Single(c => c.Name == "workloads");
        Assert.Equal(["daemonsets", "deployments", "statefulsets"], workloads.ResourceTypes.Select(t => t.Resource).Order(StringComparer.Ordinal));
        Assert.All(workloads.ResourceTypes, t => Assert.Equal("apps", t.Group));
        Assert.Equal("any", Factory.GetCollectionResourceStorage("any").Definition.Name);
    }

    [Fact]
    public async Task Unknown_collection_is_not_found() =>
        await AssertStorageErrorAsync(StorageErrorKind.NotFound, () => Task.FromResult(Factory.GetCollectionResourceStorage("nope")));

    [Fact]
    public async Task Workloads_are_deployments_daemonsets_and_statefulsets() =>
        Assert.Equal(["daemonsets.apps:cluster-1/kube-system/proxy", "deployments.apps:cluster-1/default/web", "statefulsets.apps:cluster-2/default/db"],
            await CollectAsync("workloads", Options()));

    [Fact]
    public async Task Kuberesources_are_every_built_in_group() =>
        Assert.Equal(AllItems.Where(i => !i.StartsWith("widgets", StringComparison.Ordinal)), await CollectAsync("kuberesources", Options()));

    /// <summary>
    /// One object in every group of <see cref="KubeResourceGroups"/> and in two groups outside it (an aggregated API and a
    /// CRD group): <c>kuberesources</c> returns exactly the built-in ones, so no storage layer keeps its own group list.
    /// </summary>
    [Fact]
    public async Task Kuberesources_cover_exactly_the_shared_built_in_groups()
    {
        const string c3 = "cluster-3";
        string[] outside = ["apiregistration.k8s.io", "stable.example.com"];
        foreach (var group in KubeResourceGroups.All.Concat(outside))
        {
            var config = new ResourceStorageConfig(new(group, "v1", "probes"), "Probe", true);
            await SeedAsync(config, c3, new TestObject { ApiVersion = config.Resource.ApiVersion, Kind = "Probe", Namespace = "default", Name = "probe" });
        }

        var items = (await ListCollectionAsync("kuberesources", Options() with { Clusters = [c3] })).Items;
        var groups = items.Select(i => i.Resource.Group).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(KubeResourceGroups.All.Order(StringComparer.Ordinal), groups);
        Assert.Contains("", groups);
        Assert.Contains("apps", groups);
        Assert.DoesNotContain("apiregistration.k8s.io", groups);
        Assert.DoesNotContain("stable.example.com", groups);

        var definition = Factory.CollectionResources.Single(c => c.Name == "kuberesources");
        Assert.Equal(KubeResourceGroups.All, definition.ResourceTypes.Select(t => t.Group));
        Assert.All(definition.ResourceTypes, t => Assert.Equal(("", ""), (t.Version, t.Resource)));
    }

    [Fact]
    public async Task Any_requires_groups_or_resources()
    {
        var e = await AssertStorageErrorAsync(StorageErrorKind.Invalid, () => ListCollectionAsync("any", Options()));
        Assert.Contains("`groups` or `resources` is required", e.Message);
    }

    [Fact]
    public async Task Any_by_groups()
    {
        Assert.Equal(AllItems, await CollectAsync("any", Any(groups: "*")));
        string[] apps =
        [
            "daemonsets.apps:cluster-1/kube-system/proxy", "deployments.apps:cluster-1/default/web",
            "replicasets.apps:cluster-1/default/web-abc", "statefulsets.apps:cluster-2/default/db",
        ];
        Assert.Equal(apps, await CollectAsync("any", Any(groups: "apps")));
        Assert.Equal(apps, await CollectAsync("any", Any(groups: "apps/v1")));
        Assert.Empty(await CollectAsync("any", Any(groups: "apps/v2")));
        Assert.Equal(["nodes:cluster-1/node-a", "pods:cluster-1/default/db", "pods:cluster-1/default/web", "pods:cluster-2/default/web"],
            await CollectAsync("any", Any(groups: "")));
        Assert.Equal(["cronjobs.batch:cluster-1/default/backup", "widgets.example.io:cluster-1/default/web"],
            await CollectAsync("any", Any(groups: "batch,example.io")));
    }

    [Fact]
    public async Task Any_by_resources()
    {
        Assert.Equal(["deployments.apps:cluster-1/default/web", "pods:cluster-1/default/db", "pods:cluster-1/default/web", "pods:cluster-2/default/web"],
            await CollectAsync("any", Any(resources: "apps/deployments,/pods")));
        Assert.Equal(["deployments.apps:cluster-1/default/web"], await CollectAsync("any", Any(resources: "apps/v1/deployments")));
        Assert.Equal(["cronjobs.batch:cluster-1/default/backup", "nodes:cluster-1/node-a"],
            await CollectAsync("any", Any(groups: "batch", resources: "/nodes")));
    }

    [Fact]
    public async Task Items_carry_their_resource_and_kind()
    {
        var sink = await ListCollectionAsync("any", Any(groups: "*") with { Names = ["web"], Clusters = [C1] });
        var kinds = sink.Items.Select(i => $"{i.Resource}|{i.Kind}").Order(StringComparer.Ordinal);
        Assert.Equal(["apps/v1/deployments|Deployment", "example.io/v1/widgets|Widget", "v1/pods|Pod"], kinds);
    }

    [Fact]
    public async Task List_filters_apply()
    {
        var web = new LabelRequirement("app", SelectorOperator.Equals, ["web"]);
        Assert.Equal(["deployments.apps:cluster-1/default/web", "pods:cluster-1/default/web", "replicasets.apps:cluster-1/default/web-abc"],
            await CollectAsync("kuberesources", Options() with { Clusters = [C1], LabelSelector = [web] }));
        Assert.Equal(["daemonsets.apps:cluster-1/kube-system/proxy"], await CollectAsync("workloads", Options() with { Namespaces = ["kube-system"] }));
        Assert.Equal(["pods:cluster-1/default/db", "statefulsets.apps:cluster-2/default/db"], await CollectAsync("any", Any(groups: "*") with { FuzzyNames = ["d"], Namespaces = ["default"] }));
        Assert.Equal(["statefulsets.apps:cluster-2/default/db"],
            await CollectAsync("workloads", Options() with { FieldSelector = [FieldSelectors.Require(SelectorOperator.Equals, ["kind"], "StatefulSet")] }));
    }

    [Fact]
    public async Task Only_metadata()
    {
        var sink = await ListCollectionAsync("workloads", Options() with { OnlyMetadata = true });
        Assert.Equal(3, sink.Items.Count);
        foreach (var item in sink.Items)
        {
            using var doc = item.Parse();
            Assert.Equal(["apiVersion", "kind", "metadata"], doc.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task Pages_cover_every_item_once_across_resources()
    {
        foreach (var order in new[] { Array.Empty<OrderBy>(), [new OrderBy("name", true)], [new OrderBy("created_at", false)] })
        {
            var options = Any(groups: "*") with { OrderBy = order };
            var all = (await ListCollectionAsync("any", options)).Items.Select(Describe).ToArray();
            Assert.Equal(AllItems.Length, all.Length);
            var keys = new List<string>();
            ContinueToken? next = null;
            do
            {
                var page = await ListCollectionAsync("any", options with { Limit = 3, Continue = next, WithRemainingCount = true });
                keys.AddRange(page.Items.Select(Describe));
                Assert.True(page.Result.RemainingItemCount >= 0);
                Assert.Equal(all.Length - keys.Count, page.Result.RemainingItemCount);
                next = page.Result.Continue is { } t ? Token(t) : null;
            }
            while (next is not null);
            Assert.Equal(all, keys);
        }
    }

    [Fact]
    public async Task Limit_offset_and_with_continue_false()
    {
        var page = await ListCollectionAsync("kuberesources", Options() with { Limit = 2, Continue = ContinueToken.FromOffset(7) });
        Assert.Equal(2, page.Items.Count);
        Assert.Null(page.Result.Continue);
        var suppressed = await ListCollectionAsync("kuberesources", Options() with { Limit = 2, WithContinue = false });
        Assert.Equal(2, suppressed.Items.Count);
        Assert.Null(suppressed.Result.Continue);
    }
}
