using Clusterpedia.Objects;
using Clusterpedia.Storage.Internal.Tests.Servers;
using static Clusterpedia.Storage.Internal.Tests.TestObjects;

namespace Clusterpedia.Storage.Internal.Tests;

/// <summary>Every list option translated to SQL, checked against real data on each engine.</summary>
public abstract class QueryTests(IDatabaseServer server) : StorageTestBase(server)
{
    private static DateTimeOffset Day(int year, int month, int day) => new(year, month, day, 0, 0, 0, TimeSpan.Zero);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Upsert(Pods, "c1",
            Pod("c1", "default", "web-1", Labels("app=web", "tier=front", "app.kubernetes.io/name=nginx", "rank=3"), "9", Day(2024, 1, 1), nodeName: "n1", priority: 5),
            Pod("c1", "default", "web-2", Labels("app=web", "rank=10"), "10", Day(2024, 1, 2), nodeName: "n2"),
            Pod("c1", "default", "db-1", Labels("app=db", "tier=back", "rank=x"), "100", Day(2024, 1, 3)),
            Pod("c1", "kube-system", "dns", null, "2", Day(2023, 12, 1)));
        await Upsert(Pods, "c2",
            Pod("c2", "default", "web-1", Labels("app=web"), "5", Day(2024, 2, 1)),
            Pod("c2", "default", "lab_1", Labels("tier=front"), "6", Day(2024, 2, 2)));
    }

    private Task<CollectingSink> ListPods(params (string, string)[] query) => List(Pods, query);

    private static readonly string[] All = ["c1/default/db-1", "c1/default/web-1", "c1/default/web-2", "c1/kube-system/dns", "c2/default/lab_1", "c2/default/web-1"];

    [Fact]
    public async Task Without_orderby_items_come_in_cluster_namespace_name_order() =>
        Assert.Equal(All, (await ListPods()).Keys);

    [Theory]
    [InlineData("clusters", "c1", 4)]
    [InlineData("clusters", "c1,c2", 6)]
    [InlineData("clusters", "c3", 0)]
    [InlineData("namespaces", "default", 5)]
    [InlineData("namespaces", "default,kube-system", 6)]
    [InlineData("names", "web-1", 2)]
    [InlineData("names", "web-1,dns", 3)]
    public async Task Clusters_namespaces_and_names_filter(string key, string value, int count) =>
        Assert.Equal(count, (await ListPods((key, value))).Items.Count);

    [Fact]
    public async Task Since_is_inclusive_and_before_exclusive()
    {
        Assert.Equal(["c1/default/web-2", "c1/default/db-1", "c2/default/web-1", "c2/default/lab_1"],
            (await ListPods(("since", "2024-01-02"), ("orderby", "created_at"))).Keys);
        Assert.Equal(["c1/default/web-1", "c1/kube-system/dns"], (await ListPods(("before", "2024-01-02"))).Keys);
        Assert.Equal(["c1/default/web-2"], (await ListPods(("since", "2024-01-02"), ("before", "2024-01-03"))).Keys);
    }

    [Theory]
    [InlineData("app=web", "c1/default/web-1,c1/default/web-2,c2/default/web-1")]
    [InlineData("app==web", "c1/default/web-1,c1/default/web-2,c2/default/web-1")]
    [InlineData("app!=web", "c1/default/db-1,c1/kube-system/dns,c2/default/lab_1")]
    [InlineData("app in (web,db)", "c1/default/db-1,c1/default/web-1,c1/default/web-2,c2/default/web-1")]
    [InlineData("app notin (web)", "c1/default/db-1,c1/kube-system/dns,c2/default/lab_1")]
    [InlineData("app notin (web,db)", "c1/kube-system/dns,c2/default/lab_1")]
    [InlineData("tier", "c1/default/db-1,c1/default/web-1,c2/default/lab_1")]
    [InlineData("!tier", "c1/default/web-2,c1/kube-system/dns,c2/default/web-1")]
    [InlineData("app.kubernetes.io/name=nginx", "c1/default/web-1")]
    [InlineData("app=web,tier=front", "c1/default/web-1")]
    [InlineData("app=web,!tier", "c1/default/web-2,c2/default/web-1")]
    [InlineData("rank>5", "c1/default/web-2")]
    [InlineData("rank<5", "c1/default/web-1")]
    public async Task Label_selectors_follow_kubernetes_semantics(string selector, string expected) =>
        Assert.Equal(expected.Split(','), (await ListPods(("labelSelector", selector))).Keys);

    [Fact]
    public async Task Fuzzy_name_matches_substrings_and_escapes_like_wildcards()
    {
        Assert.Equal(["c1/default/web-1", "c1/default/web-2", "c2/default/web-1"],
            (await ListPods(("labelSelector", "internalstorage.clusterpedia.io/fuzzy-name=web"))).Keys);
        // '_' is literal: "b_1" must not match "web-1".
        Assert.Equal(["c2/default/lab_1"], (await ListPods(("labelSelector", "internalstorage.clusterpedia.io/fuzzy-name=b_1"))).Keys);
        // Several values are ANDed.
        Assert.Equal(["c1/default/web-2"], (await ListPods(("labelSelector", "internalstorage.clusterpedia.io/fuzzy-name in (web,2)"))).Keys);
        // Other extra labels are ignored.
        Assert.Equal(6, (await ListPods(("labelSelector", "other.clusterpedia.io/x=y"))).Items.Count);
    }

    [Theory]
    [InlineData("spec.nodeName=n1", "c1/default/web-1")]
    [InlineData("spec.nodeName in (n1,n2)", "c1/default/web-1,c1/default/web-2")]
    [InlineData("spec.nodeName!=n1", "c1/default/db-1,c1/default/web-2,c1/kube-system/dns,c2/default/lab_1,c2/default/web-1")]
    [InlineData("spec.nodeName notin (n1,n2)", "c1/default/db-1,c1/kube-system/dns,c2/default/lab_1,c2/default/web-1")]
    [InlineData("spec.priority=5", "c1/default/web-1")]
    [InlineData("metadata.namespace=kube-system", "c1/kube-system/dns")]
    [InlineData("metadata.labels['app.kubernetes.io/name']=nginx", "c1/default/web-1")]
    [InlineData("metadata.annotations['shadow.clusterpedia.io/cluster-name']=c2", "c2/default/lab_1,c2/default/web-1")]
    [InlineData("spec.nodeName", "c1/default/web-1,c1/default/web-2")]
    [InlineData("!spec.nodeName,metadata.name=dns", "c1/kube-system/dns")]
    public async Task Field_selectors_work_on_any_json_path(string selector, string expected) =>
        Assert.Equal(expected.Split(','), (await ListPods(("fieldSelector", selector))).Keys);

    [Fact]
    public async Task A_list_field_in_the_field_selector_is_Invalid()
    {
        var e = await Assert.ThrowsAsync<StorageException>(() => ListPods(("fieldSelector", "spec.containers[].name=main")));
        Assert.Equal(StorageErrorKind.Invalid, e.Kind);
        Assert.Equal("Storage<internal>: Not Support list field", e.Message);
    }

    [Theory]
    [InlineData("name desc", "web-2,web-1,dns,db-1")]
    [InlineData("resource_version", "dns,web-1,web-2,db-1")]
    [InlineData("resource_version desc", "db-1,web-2,web-1,dns")]
    [InlineData("created_at desc", "db-1,web-2,web-1,dns")]
    [InlineData("namespace desc,name", "dns,db-1,web-1,web-2")]
    public async Task Orderby_sorts_with_resource_version_as_a_number(string orderBy, string expected) =>
        Assert.Equal(expected.Split(','), (await ListPods(("clusters", "c1"), ("orderby", orderBy))).Names);

    [Theory]
    [InlineData(null)]
    [InlineData("created_at desc")]
    [InlineData("namespace desc,name")]
    [InlineData("resource_version desc,cluster")]
    [InlineData("name desc,cluster desc")]
    public async Task Continue_tokens_walk_every_page_in_order(string? orderBy)
    {
        (string, string)[] baseQuery = orderBy is null ? [] : [("orderby", orderBy)];
        var expected = (await ListPods(baseQuery)).Keys;
        Assert.Equal(6, expected.Count);
        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            (string, string)[] query = [.. baseQuery, ("limit", "4"), .. token is null ? Array.Empty<(string, string)>() : [("continue", token)]];
            var page = await ListPods(query);
            seen.AddRange(page.Keys);
            token = page.Result!.Value.Continue;
            pages++;
        } while (token is not null && pages < 10);
        Assert.Equal(2, pages);
        Assert.Equal(expected, seen);
    }

    [Theory]
    [InlineData("labelSelector", "app in (web,db)")]
    [InlineData("labelSelector", "internalstorage.clusterpedia.io/fuzzy-name=1")]
    public async Task Pages_of_a_selective_filter_keep_the_order(string key, string value)
    {
        var expected = (await ListPods((key, value))).Keys;
        Assert.Equal(4, expected.Count);
        var seen = new List<string>();
        string? token = null;
        do
        {
            (string, string)[] query = [(key, value), ("limit", "1"), ("orderby", "name desc"), .. token is null ? Array.Empty<(string, string)>() : [("continue", token)]];
            var page = await ListPods(query);
            seen.AddRange(page.Keys);
            token = page.Result!.Value.Continue;
        } while (token is not null && seen.Count < 10);
        Assert.Equal((await ListPods((key, value), ("orderby", "name desc"))).Keys, seen);
        Assert.Equal(expected.Order(), seen.Order());
    }

    [Fact]
    public async Task A_full_last_page_has_no_continue_token_and_withContinue_false_suppresses_it()
    {
        Assert.Null((await ListPods(("limit", "6"))).Result!.Value.Continue);
        Assert.NotNull((await ListPods(("limit", "5"))).Result!.Value.Continue);
        Assert.Null((await ListPods(("limit", "5"), ("withContinue", "false"))).Result!.Value.Continue);
        Assert.Equal(6, (await ListPods(("limit", long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture)))).Items.Count);
    }

    [Fact]
    public async Task Remaining_count_counts_the_items_after_the_page()
    {
        var first = await ListPods(("limit", "2"), ("withRemainingCount", "true"));
        Assert.Equal(4, first.Result!.Value.RemainingItemCount);
        var second = await ListPods(("limit", "2"), ("withRemainingCount", "true"), ("continue", first.Result.Value.Continue!));
        Assert.Equal(2, second.Result!.Value.RemainingItemCount);
        var offset = await ListPods(("limit", "4"), ("withRemainingCount", "true"), ("continue", "4"));
        Assert.Equal(0, offset.Result!.Value.RemainingItemCount);
        Assert.Null((await ListPods(("limit", "2"))).Result!.Value.RemainingItemCount);
        Assert.Equal(0, (await ListPods(("withRemainingCount", "true"))).Result!.Value.RemainingItemCount);
    }

    [Fact]
    public async Task A_numeric_continue_is_an_offset()
    {
        Assert.Equal(All[2..4], (await ListPods(("limit", "2"), ("continue", "2"))).Keys);
        Assert.Equal(All[4..], (await ListPods(("continue", "4"))).Keys);
        Assert.Equal(All[4..], (await ListPods(("labelSelector", "search.clusterpedia.io/offset=4"))).Keys);
    }

    [Fact]
    public async Task OnlyMetadata_returns_apiVersion_kind_and_metadata()
    {
        var sink = await ListPods(("onlyMetadata", "true"), ("names", "web-2"));
        var item = Json(Assert.Single(sink.Items).Json);
        Assert.Equal(["apiVersion", "kind", "metadata"], item.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("v1", item.GetProperty("apiVersion").GetString());
        Assert.Equal("Pod", item.GetProperty("kind").GetString());
        Assert.Equal("web-2", item.GetProperty("metadata").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Owner_search_by_uid_and_name_with_seniority()
    {
        const string deployUid = "d0000000-0000-0000-0000-000000000001", rsUid = "r0000000-0000-0000-0000-000000000001";
        await Upsert(Deployments, "c3", Object("c3", "apps/v1", "Deployment", "default", "app", uid: deployUid));
        await Upsert(ReplicaSets, "c3", Object("c3", "apps/v1", "ReplicaSet", "default", "app-rs", uid: rsUid, owner: ("Deployment", "app", deployUid)));
        await Upsert(Pods, "c3",
            Pod("c3", "default", "app-rs-a", owner: ("ReplicaSet", "app-rs", rsUid)),
            Pod("c3", "default", "app-rs-b", owner: ("ReplicaSet", "app-rs", rsUid)),
            Pod("c3", "default", "other"));
        string[] children = ["app-rs-a", "app-rs-b"];
        Assert.Equal(children, (await ListPods(("clusters", "c3"), ("ownerUID", rsUid))).Names);
        Assert.Equal(children, (await ListPods(("clusters", "c3"), ("ownerUID", deployUid), ("ownerSeniority", "1"))).Names);
        Assert.Empty((await ListPods(("clusters", "c3"), ("ownerUID", deployUid))).Names);
        Assert.Equal(children, (await ListPods(("clusters", "c3"), ("ownerName", "app-rs"))).Names);
        Assert.Equal(children, (await ListPods(("clusters", "c3"), ("ownerName", "app"), ("ownerGR", "deployments.apps"), ("ownerSeniority", "1"))).Names);
        Assert.Empty((await ListPods(("clusters", "c3"), ("ownerName", "app"), ("ownerGR", "replicasets.apps"), ("ownerSeniority", "1"))).Names);
        Assert.Equal(children, (await ListPods(("clusters", "c3"), ("namespaces", "default"), ("ownerName", "app-rs"))).Names);
        Assert.Empty((await ListPods(("clusters", "c3"), ("namespaces", "other"), ("ownerName", "app-rs"))).Names);
        var e = await Assert.ThrowsAsync<StorageException>(() => ListPods(("ownerName", "app-rs")));
        Assert.Equal(StorageErrorKind.Invalid, e.Kind);
    }

    [Fact]
    public async Task Collection_resources_any_workloads_and_kuberesources()
    {
        await Upsert(Deployments, "c1", Object("c1", "apps/v1", "Deployment", "default", "web"));
        await Upsert(ReplicaSets, "c1", Object("c1", "apps/v1", "ReplicaSet", "default", "web-rs"));
        Assert.Equal(["any", "workloads", "kuberesources"], Factory.CollectionResources.Select(c => c.Name));

        async Task<CollectingSink> Collect(string name, params (string, string)[] query)
        {
            var sink = new CollectingSink();
            await Factory.GetCollectionResourceStorage(name).ListAsync(Parse(query), sink, default);
            return sink;
        }

        var workloads = await Collect("workloads");
        var item = Assert.Single(workloads.Items);
        Assert.Equal(TestObjects.Deployments, item.Item.Resource);
        Assert.Equal("Deployment", item.Item.Kind);
        Assert.Equal(8, (await Collect("kuberesources")).Items.Count);
        Assert.Equal(2, (await Collect("any", ("groups", "apps"))).Items.Count);
        Assert.Single((await Collect("any", ("resources", "apps/replicasets"))).Items);
        Assert.Single((await Collect("any", ("resources", "apps/v1/replicasets"))).Items);
        Assert.Equal(6, (await Collect("any", ("resources", "/pods"))).Items.Count);
        Assert.Equal(8, (await Collect("any", ("groups", "apps/v1"), ("resources", "/pods"))).Items.Count);
        Assert.Equal(8, (await Collect("any", ("groups", "*"))).Items.Count);
        Assert.Equal(["c1/default/web-1", "c2/default/web-1"], (await Collect("any", ("groups", ""), ("names", "web-1"))).Keys);
        var page = await Collect("workloads", ("limit", "1"), ("withRemainingCount", "true"));
        Assert.Null(page.Result!.Value.Continue);
        var anyPage = await Collect("any", ("groups", "*"), ("limit", "3"));
        Assert.NotNull(anyPage.Result!.Value.Continue);
        var e = await Assert.ThrowsAsync<StorageException>(() => Collect("any"));
        Assert.Equal(StorageErrorKind.Invalid, e.Kind);
        Assert.Equal(StorageErrorKind.NotFound, Assert.Throws<StorageException>(() => Factory.GetCollectionResourceStorage("nope")).Kind);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresQueryTests(PostgresServer server) : QueryTests(server);

[Collection(MariaDbCollection.Name)]
public sealed class MariaDbQueryTests(MariaDbServer server) : QueryTests(server);
