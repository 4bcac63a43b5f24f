using Clusterpedia.Objects;
using Xunit;

namespace Clusterpedia.Storage.Conformance;

/// <summary>
/// Get, create, update, upsert, delete, clean and the stored resourceVersions. Objects are keyed by
/// (cluster, namespace, name) per storage resource.
/// </summary>
public abstract class ResourceWriteConformanceTests : StorageConformanceTestBase
{
    private const string C1 = "cluster-1";
    private const string C2 = "cluster-2";

    private static readonly TestObject Web = TestObject.Pod("default", "web").WithLabel("app", "web").WithResourceVersion("10").WithNodeName("node-a");

    private async Task<string> NodeNameAsync(string cluster, string @namespace, string name)
    {
        var obj = await Pods.GetAsync(cluster, @namespace, name, Timeout);
        using var doc = System.Text.Json.JsonDocument.Parse(obj.Json);
        return doc.RootElement.GetProperty("spec").GetProperty("nodeName").GetString()!;
    }

    [Fact]
    public void Advertises_get_and_list()
    {
        Assert.True(Factory.SupportedVerbs.HasFlag(StorageVerbs.Get));
        Assert.True(Factory.SupportedVerbs.HasFlag(StorageVerbs.List));
    }

    [Fact]
    public async Task Watch_is_refused_when_not_advertised()
    {
        if (Factory.SupportedVerbs.HasFlag(StorageVerbs.Watch)) return; // WatchConformanceTests covers it.
        await AssertStorageErrorAsync(StorageErrorKind.NotSupported, async () =>
        {
            await foreach (var _ in Pods.WatchAsync(Options(), Timeout)) break;
        });
    }

    [Fact]
    public async Task Get_returns_the_stored_object()
    {
        await Pods.CreateAsync(C1, Web.Build(C1), Timeout);
        var obj = await Pods.GetAsync(C1, "default", "web", Timeout);
        Assert.True(JsonAssert.SameJson(Web.BuildJson(C1), obj.Json));
        Assert.Equal("10", obj.Metadata.ResourceVersion);
        Assert.Equal(C1, obj.Metadata.Cluster);
    }

    [Fact]
    public async Task Get_of_a_missing_object_is_not_found()
    {
        await Pods.CreateAsync(C1, Web.Build(C1), Timeout);
        await AssertStorageErrorAsync(StorageErrorKind.NotFound, async () => await Pods.GetAsync(C1, "default", "nope", Timeout));
        await AssertStorageErrorAsync(StorageErrorKind.NotFound, async () => await Pods.GetAsync(C2, "default", "web", Timeout));
        await AssertStorageErrorAsync(StorageErrorKind.NotFound, async () => await Pods.GetAsync(C1, "other", "web", Timeout));
        await AssertStorageErrorAsync(StorageErrorKind.NotFound, async () => await Storage(ConfigMapsConfig).GetAsync(C1, "default", "web", Timeout));
    }

    [Fact]
    public async Task Cluster_scoped_objects()
    {
        await Storage(NodesConfig).UpsertAsync(C1, TestObject.Node("node-a").Build(C1), Timeout);
        var node = await Storage(NodesConfig).GetAsync(C1, "", "node-a", Timeout);
        Assert.Equal("node-a", node.Metadata.Name);
        Assert.Equal(["cluster-1/node-a"], (await ListAsync(NodesConfig, Options())).Keys);
    }

    [Fact]
    public async Task Create_of_a_taken_key_already_exists()
    {
        await Pods.CreateAsync(C1, Web.Build(C1), Timeout);
        await AssertStorageErrorAsync(StorageErrorKind.AlreadyExists, async () => await Pods.CreateAsync(C1, Web.Build(C1), Timeout));
    }

    [Fact]
    public async Task Same_name_in_other_clusters_namespaces_and_resources_are_other_objects()
    {
        await Pods.CreateAsync(C1, Web.Build(C1), Timeout);
        await Pods.CreateAsync(C2, Web.WithNodeName("node-2").Build(C2), Timeout);
        await Pods.CreateAsync(C1, (Web with { Namespace = "prod" }).WithNodeName("node-3").Build(C1), Timeout);
        await Storage(ConfigMapsConfig).CreateAsync(C1, TestObject.ConfigMap("default", "web").Build(C1), Timeout);
        Assert.Equal("node-a", await NodeNameAsync(C1, "default", "web"));
        Assert.Equal("node-2", await NodeNameAsync(C2, "default", "web"));
        Assert.Equal("node-3", await NodeNameAsync(C1, "prod", "web"));
        Assert.Equal(["cluster-1/default/web", "cluster-1/prod/web", "cluster-2/default/web"], (await ListPodsAsync(Options())).Keys);
    }

    [Fact]
    public async Task Update_replaces_and_a_missing_object_is_not_found()
    {
        await AssertStorageErrorAsync(StorageErrorKind.NotFound, async () => await Pods.UpdateAsync(C1, Web.Build(C1), Timeout));
        await AssertStorageErrorAsync(StorageErrorKind.NotFound, async () => await Pods.GetAsync(C1, "default", "web", Timeout));
        await Pods.CreateAsync(C1, Web.Build(C1), Timeout);
        await Pods.UpdateAsync(C1, Web.WithNodeName("node-b").WithResourceVersion("11").Build(C1), Timeout);
        Assert.Equal("node-b", await NodeNameAsync(C1, "default", "web"));
        Assert.Equal("11", (await Pods.GetAsync(C1, "default", "web", Timeout)).Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Upsert_inserts_then_replaces()
    {
        await Pods.UpsertAsync(C1, Web.Build(C1), Timeout);
        Assert.Equal("node-a", await NodeNameAsync(C1, "default", "web"));
        await Pods.UpsertAsync(C1, Web.WithNodeName("node-b").Build(C1), Timeout);
        Assert.Equal("node-b", await NodeNameAsync(C1, "default", "web"));
        Assert.Single((await ListPodsAsync(Options())).Items);
    }

    [Fact]
    public async Task Upsert_many_writes_every_object()
    {
        await Pods.UpsertAsync(C1, Web.Build(C1), Timeout);
        var batch = Enumerable.Range(0, 50).Select(i => TestObject.Pod("batch", $"pod-{i:D2}").Build(C1))
            .Append(Web.WithNodeName("node-b").Build(C1)).ToArray();
        await Pods.UpsertManyAsync(C1, batch, Timeout);
        Assert.Equal(51, (await ListPodsAsync(Options())).Items.Count);
        Assert.Equal("node-b", await NodeNameAsync(C1, "default", "web"));
        Assert.Equal("pod-49", (await Pods.GetAsync(C1, "batch", "pod-49", Timeout)).Metadata.Name);
    }

    [Fact]
    public async Task Delete_removes_only_its_key_and_a_missing_object_is_fine()
    {
        await Pods.UpsertAsync(C1, Web.Build(C1), Timeout);
        await Pods.UpsertAsync(C2, Web.Build(C2), Timeout);
        await Pods.DeleteAsync(C1, "default", "web", Timeout);
        await Pods.DeleteAsync(C1, "default", "web", Timeout);
        await Pods.DeleteAsync(C1, "nowhere", "nothing", Timeout);
        await AssertStorageErrorAsync(StorageErrorKind.NotFound, async () => await Pods.GetAsync(C1, "default", "web", Timeout));
        Assert.Equal(["cluster-2/default/web"], (await ListPodsAsync(Options())).Keys);
    }

    [Fact]
    public async Task Clean_cluster_removes_every_resource_of_that_cluster_only()
    {
        await Factory.PrepareClusterAsync(C1, Timeout);
        await Factory.PrepareClusterAsync(C1, Timeout);
        await Pods.UpsertAsync(C1, Web.Build(C1), Timeout);
        await Pods.UpsertAsync(C2, Web.Build(C2), Timeout);
        await Storage(DeploymentsConfig).UpsertAsync(C1, TestObject.Deployment("default", "web").Build(C1), Timeout);
        await Storage(NodesConfig).UpsertAsync(C1, TestObject.Node("n1").Build(C1), Timeout);

        await Factory.CleanClusterAsync(C1, Timeout);
        await Factory.CleanClusterAsync(C1, Timeout);

        Assert.Equal(["cluster-2/default/web"], (await ListPodsAsync(Options())).Keys);
        Assert.Empty((await ListAsync(DeploymentsConfig, Options())).Items);
        Assert.Empty((await ListAsync(NodesConfig, Options())).Items);
        Assert.Empty(await Factory.GetResourceVersionsAsync(C1, Timeout));
    }

    [Fact]
    public async Task Clean_cluster_resource_removes_one_resource_of_one_cluster()
    {
        await Pods.UpsertAsync(C1, Web.Build(C1), Timeout);
        await Pods.UpsertAsync(C2, Web.Build(C2), Timeout);
        await Storage(DeploymentsConfig).UpsertAsync(C1, TestObject.Deployment("default", "web").Build(C1), Timeout);

        await Factory.CleanClusterResourceAsync(C1, PodsConfig.Resource, Timeout);
        await Factory.CleanClusterResourceAsync(C1, PodsConfig.Resource, Timeout);
        await Factory.CleanClusterResourceAsync(C1, new("never", "v1", "seen"), Timeout);

        Assert.Equal(["cluster-2/default/web"], (await ListPodsAsync(Options())).Keys);
        Assert.Equal(["cluster-1/default/web"], (await ListAsync(DeploymentsConfig, Options())).Keys);
    }

    [Fact]
    public async Task Resource_versions_are_what_is_stored()
    {
        await Pods.UpsertAsync(C1, Web.Build(C1), Timeout);
        await Pods.UpsertAsync(C1, TestObject.Pod("kube-system", "dns").WithResourceVersion("42").Build(C1), Timeout);
        await Pods.UpsertAsync(C2, TestObject.Pod("default", "elsewhere").WithResourceVersion("7").Build(C2), Timeout);
        await Storage(NodesConfig).UpsertAsync(C1, TestObject.Node("node-a").WithResourceVersion("900").Build(C1), Timeout);
        await Pods.UpsertAsync(C1, Web.WithResourceVersion("12").Build(C1), Timeout);

        var versions = await Factory.GetResourceVersionsAsync(C1, Timeout);
        Assert.Equal(
            new Dictionary<string, string> { ["default/web"] = "12", ["kube-system/dns"] = "42" },
            versions[PodsConfig.Resource].Resources.ToDictionary());
        Assert.Equal(new Dictionary<string, string> { ["node-a"] = "900" }, versions[NodesConfig.Resource].Resources.ToDictionary());
        Assert.Equal(2, versions.Count);
        Assert.Empty(await Factory.GetResourceVersionsAsync("unknown", Timeout));
    }

    [Fact]
    public async Task Record_event_accepts_events()
    {
        await Pods.UpsertAsync(C1, Web.Build(C1), Timeout);
        var @event = ResourceObject.FromString(
            $$"""{"apiVersion":"v1","kind":"Event","metadata":{"name":"web.1","namespace":"default","resourceVersion":"5"},"involvedObject":{"kind":"Pod","name":"web","namespace":"default","uid":"{{Web.EffectiveUid}}"},"reason":"Started"}""");
        await Factory.GetResourceStorage(new(new("", "v1", "events"), "Event", true)).RecordEventAsync(C1, @event, Timeout);
        await Pods.RecordEventAsync(C1, @event, Timeout);
        Assert.Equal("web", (await Pods.GetAsync(C1, "default", "web", Timeout)).Metadata.Name);
    }

    [Fact]
    public async Task Every_write_stores_objects_with_api_version_and_kind()
    {
        // As a kube-apiserver lists built-in types: items without apiVersion and kind.
        var item = Web.AsListItem();
        await Pods.CreateAsync(C1, item.Build(C1), Timeout);
        await Storage(DeploymentsConfig).UpsertAsync(C1, TestObject.Deployment("default", "web").AsListItem().Build(C1), Timeout);
        await Storage(NodesConfig).UpsertManyAsync(C1, [TestObject.Node("node-a").AsListItem().Build(C1), TestObject.Node("node-b").Build(C1)], Timeout);
        await Storage(ConfigMapsConfig).UpsertAsync(C1, TestObject.ConfigMap("default", "cm").AsListItem().Build(C1), Timeout);
        await Storage(ConfigMapsConfig).UpdateAsync(C1, TestObject.ConfigMap("default", "cm").AsListItem().WithResourceVersion("2").Build(C1), Timeout);

        async Task AssertTypeMeta(ResourceStorageConfig config, string @namespace, string name, string apiVersion, string kind)
        {
            var got = await Storage(config).GetAsync(C1, @namespace, name, Timeout);
            Assert.Equal((apiVersion, kind), (got.Metadata.ApiVersion, got.Metadata.Kind));
        }
        await AssertTypeMeta(PodsConfig, "default", "web", "v1", "Pod");
        await AssertTypeMeta(DeploymentsConfig, "default", "web", "apps/v1", "Deployment");
        await AssertTypeMeta(NodesConfig, "", "node-a", "v1", "Node");
        await AssertTypeMeta(NodesConfig, "", "node-b", "v1", "Node");
        await AssertTypeMeta(ConfigMapsConfig, "default", "cm", "v1", "ConfigMap");
        // Only apiVersion and kind are added: the rest is the object as written.
        var stored = await Pods.GetAsync(C1, "default", "web", Timeout);
        Assert.True(JsonAssert.SameJson(Web.BuildJson(C1), stored.Json), System.Text.Encoding.UTF8.GetString(stored.Json.Span));
        foreach (var listed in (await ListPodsAsync(Options())).Items)
            Assert.Equal(("v1", "Pod"), (listed.Metadata.ApiVersion, listed.Metadata.Kind));
    }

    [Fact]
    public async Task An_object_of_another_kind_is_invalid()
    {
        var e = await AssertStorageErrorAsync(StorageErrorKind.Invalid,
            async () => await Pods.UpsertAsync(C1, TestObject.ConfigMap("default", "web").Build(C1), Timeout));
        Assert.Contains("ConfigMap", e.Message);
        Assert.Contains("Pod", e.Message);
        await AssertStorageErrorAsync(StorageErrorKind.Invalid,
            async () => await Pods.CreateAsync(C1, TestObject.ConfigMap("default", "web").Build(C1), Timeout));
        // Whether the rest of a batch is written is the layer's choice (the default upsert many writes one by one).
        await AssertStorageErrorAsync(StorageErrorKind.Invalid,
            async () => await Pods.UpsertManyAsync(C1, [Web.Build(C1), TestObject.Node("web").Build(C1)], Timeout));
        await Pods.UpsertAsync(C1, Web.Build(C1), Timeout);
        await AssertStorageErrorAsync(StorageErrorKind.Invalid,
            async () => await Pods.UpdateAsync(C1, TestObject.ConfigMap("default", "web").Build(C1), Timeout));
        Assert.Equal("Pod", (await Pods.GetAsync(C1, "default", "web", Timeout)).Metadata.Kind);
    }

    [Fact]
    public async Task Accessors_for_one_resource_share_its_objects()
    {
        await Factory.GetResourceStorage(PodsConfig).UpsertAsync(C1, Web.Build(C1), Timeout);
        Assert.Equal(PodsConfig, Factory.GetResourceStorage(PodsConfig).Config);
        Assert.Equal("web", (await Factory.GetResourceStorage(PodsConfig).GetAsync(C1, "default", "web", Timeout)).Metadata.Name);
    }
}
