using System.Text;
using System.Text.Json;
using Clusterpedia.Objects;
using Clusterpedia.Storage;
using Clusterpedia.Synchro.Api;
using Clusterpedia.Synchro.Manager;

namespace Clusterpedia.Synchro.Tests.Sync;

/// <summary>
/// The real synchro against <see cref="RecordedMember"/>, which answers with bodies written by hand from
/// reference/kube-apiserver-wire.md: list items without kind, paged lists with continue, a watch with every event
/// type and a bookmark, a 410 ERROR event, an aggregated API that is down. What got stored is what the reference
/// says a client must make of them.
/// </summary>
public sealed class RecordedResponsesTests : IAsyncLifetime
{
    private const string Cluster = "recorded";
    private static readonly ResourceStorageConfig Pods = new(new("", "v1", "pods"), "Pod", true);
    private static readonly ResourceStorageConfig Deployments = new(new("apps", "v1", "deployments"), "Deployment", true);
    private static readonly ResourceStorageConfig CronTabs = new(new("stable.example.com", "v1", "crontabs"), "CronTab", true);

    private readonly SyncHarness _harness = new();
    private RecordedMember _member = null!;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_member != null) await _member.DisposeAsync();
        await _harness.DisposeAsync();
    }

    private PediaCluster PediaCluster() => new()
    {
        Metadata = new ObjectMeta { Name = Cluster },
        Spec = new PediaClusterSpec
        {
            Apiserver = _member.Url.ToString(),
            TokenData = Encoding.UTF8.GetBytes("recorded-token"),
            SyncResources =
            [
                new ClusterGroupResources { Group = "", Resources = ["pods"] },
                new ClusterGroupResources { Group = "apps", Resources = ["deployments"] },
                new ClusterGroupResources { Group = "stable.example.com", Resources = ["crontabs"] },
            ],
        },
    };

    private static ClusterSynchroManagerOptions Options()
    {
        var options = SyncHarness.FastOptions();
        return options with { Synchro = options.Synchro with { Resource = options.Synchro.Resource with { PageSize = 2 } } };
    }

    private async Task<Dictionary<string, string>> StoredAsync(ResourceStorageConfig config)
    {
        var all = await _harness.Storage.Inner.GetResourceVersionsAsync(Cluster, CancellationToken.None);
        return all.TryGetValue(config.Resource, out var versions) ? new(versions.Resources) : [];
    }

    private async Task WaitForAsync(ResourceStorageConfig config, params string[] expected)
    {
        var wanted = expected.Select(e => e.Split('@')).ToDictionary(p => p[0], p => p[1]);
        var stored = await Eventually.ValueAsync(() => StoredAsync(config), s => s.Count == wanted.Count && wanted.All(w => s.GetValueOrDefault(w.Key) == w.Value),
            SyncHarness.Deadline);
        Assert.Equal(wanted.OrderBy(w => w.Key), stored.OrderBy(s => s.Key));
    }

    private async Task<JsonElement> GetAsync(ResourceStorageConfig config, string ns, string name)
    {
        var obj = await _harness.Storage.Inner.GetResourceStorage(config).GetAsync(Cluster, ns, name, CancellationToken.None);
        return JsonDocument.Parse(obj.Json).RootElement.Clone();
    }

    /// <summary>Top-level apiVersion and kind once each, the cluster annotation, and nothing the synchro prunes.</summary>
    private static void AssertStoredForm(JsonElement o, string apiVersion, string kind)
    {
        Assert.Equal(1, o.EnumerateObject().Count(p => p.Name == "apiVersion"));
        Assert.Equal(1, o.EnumerateObject().Count(p => p.Name == "kind"));
        Assert.Equal((apiVersion, kind), (o.GetProperty("apiVersion").GetString(), o.GetProperty("kind").GetString()));
        var metadata = o.GetProperty("metadata");
        Assert.False(metadata.TryGetProperty("managedFields", out _));
        var annotations = metadata.GetProperty("annotations");
        Assert.Equal(Cluster, annotations.GetProperty(WellKnown.ClusterNameAnnotation).GetString());
        Assert.False(annotations.TryGetProperty(WellKnown.LastAppliedAnnotation, out _));
    }

    [Fact]
    public async Task RecordedListsAndWatchesAreStoredAsTheReferenceSays()
    {
        _member = await RecordedMember.StartAsync();
        await using var manager = new ClusterSynchroManager(_harness.Storage, Options());
        await manager.ApplyAsync(PediaCluster(), CancellationToken.None);

        // Both list pages, then the watch's ADDED, MODIFIED and DELETED; the member then holds the re-watch.
        await WaitForAsync(Pods, "default/web-6d4cf56db6-4xk2p@2002", "default/web-6d4cf56db6-qm5tn@1003", "default/web-6d4cf56db6-x8v2d@2001");
        await WaitForAsync(Deployments, "default/web@950");
        await WaitForAsync(CronTabs, "default/nightly@812");
        Assert.Contains(_member.Requests, r => r == "/api/v1/pods?limit=2");
        Assert.Contains(_member.Requests, r => r.StartsWith("/api/v1/pods?limit=2&continue=", StringComparison.Ordinal));
        var watches = _member.PodWatches.ToList();
        Assert.Contains("allowWatchBookmarks=true", watches[0], StringComparison.Ordinal);
        Assert.Contains("resourceVersion=2000", watches[0], StringComparison.Ordinal);
        await Eventually.TrueAsync(() => _member.PodWatches.Count() >= 2, "the synchro watches again after the stream ends");
        Assert.Contains("resourceVersion=2004", _member.PodWatches.ElementAt(1), StringComparison.Ordinal); // resumed from the bookmark

        foreach (var name in new[] { "web-6d4cf56db6-4xk2p", "web-6d4cf56db6-qm5tn", "web-6d4cf56db6-x8v2d" })
            AssertStoredForm(await GetAsync(Pods, "default", name), "v1", "Pod");
        var modified = await GetAsync(Pods, "default", "web-6d4cf56db6-4xk2p");
        Assert.Equal("canary", modified.GetProperty("metadata").GetProperty("labels").GetProperty("release").GetString());
        var deployment = await GetAsync(Deployments, "default", "web");
        AssertStoredForm(deployment, "apps/v1", "Deployment");
        Assert.Equal("1", deployment.GetProperty("metadata").GetProperty("annotations").GetProperty("deployment.kubernetes.io/revision").GetString());
        AssertStoredForm(await GetAsync(CronTabs, "default", "nightly"), "stable.example.com/v1", "CronTab");

        // The 410 ERROR event: the synchro relists, stores what is new and drops what the relist no longer has.
        _member.ExpireWatch();
        await WaitForAsync(Pods, "default/web-6d4cf56db6-4xk2p@2002", "default/web-6d4cf56db6-qm5tn@1003", "default/web-6d4cf56db6-z7r4k@2101");
        AssertStoredForm(await GetAsync(Pods, "default", "web-6d4cf56db6-z7r4k"), "v1", "Pod");
        await Eventually.TrueAsync(() => _member.PodWatches.Any(w => w.Contains("resourceVersion=2101", StringComparison.Ordinal)),
            "the synchro watches from the relist's resourceVersion");

        var status = manager.Get(Cluster)!;
        Assert.Equal("v1.31.4", status.Status!.Version);
        Assert.Equal(3, status.SyncedResources().Count);
        var pods = manager.GetSynchro(Cluster)!.ResourceSynchros.Single(s => s.StorageConfig.Kind == "Pod");
        Assert.Equal(0, pods.Counters.Failed);
    }

    // kube-apiserver-wire.md: a client derives kind from discovery and must survive what it cannot use. Each bad item
    // or watch object is skipped and counted; the object stored under a skipped item's key is left as it was.
    [Fact]
    public async Task ObjectsThatCannotBeStoredAreSkippedAndCountedAndStoredOnesAreLeftAlone()
    {
        var services = new ResourceStorageConfig(new("", "v1", "services"), "Service", true);
        var earlier = """{"apiVersion":"v1","kind":"Service","metadata":{"name":"wrong-kind","namespace":"default","uid":"u-1","resourceVersion":"17","annotations":{"shadow.clusterpedia.io/cluster-name":"recorded"}},"spec":{}}""";
        await _harness.Storage.Inner.GetResourceStorage(services).UpsertAsync(Cluster, new ResourceObject(Encoding.UTF8.GetBytes(earlier)), CancellationToken.None);
        _member = await RecordedMember.StartAsync();
        await using var manager = new ClusterSynchroManager(_harness.Storage, Options());
        var cluster = PediaCluster();
        cluster.Spec.SyncResources = [new ClusterGroupResources { Group = "", Resources = ["services"] }];
        await manager.ApplyAsync(cluster, CancellationToken.None);

        await WaitForAsync(services, "default/kept@2990", "default/wrong-kind@17", "default/added-later@3004");
        var synchro = manager.GetSynchro(Cluster)!.ResourceSynchros.Single();
        // The list: a string, an item without a name, a ConfigMap, metadata that is a string; the watch: an Endpoints,
        // an object without a name, an array.
        await Eventually.TrueAsync(() => synchro.Counters.Failed == 7, "7 objects counted as failed");
        AssertStoredForm(await GetAsync(services, "default", "kept"), "v1", "Service");
        AssertStoredForm(await GetAsync(services, "default", "added-later"), "v1", "Service");
        Assert.Equal("u-1", (await GetAsync(services, "default", "wrong-kind")).GetProperty("metadata").GetProperty("uid").GetString());
        var metrics = Clusterpedia.Synchro.Metrics.PrometheusText.Render(manager.GetMetrics(), "test");
        Assert.Contains("clustersynchro_resourcesynchro_resource_failed_total{cluster=\"recorded\",group=\"\",version=\"v1\",resource=\"services\"} 7", metrics);
    }

    [Fact]
    public async Task AWatchRefusedWithHttp410AlsoRelists()
    {
        _member = await RecordedMember.StartAsync(expiredAsHttp410: true);
        await using var manager = new ClusterSynchroManager(_harness.Storage, Options());
        await manager.ApplyAsync(PediaCluster(), CancellationToken.None);
        await WaitForAsync(Pods, "default/web-6d4cf56db6-4xk2p@2002", "default/web-6d4cf56db6-qm5tn@1003", "default/web-6d4cf56db6-x8v2d@2001");

        _member.ExpireWatch();
        await WaitForAsync(Pods, "default/web-6d4cf56db6-4xk2p@2002", "default/web-6d4cf56db6-qm5tn@1003", "default/web-6d4cf56db6-z7r4k@2101");
        await Eventually.TrueAsync(() => _member.PodWatches.Any(w => w.Contains("resourceVersion=2101", StringComparison.Ordinal)),
            "the synchro watches from the relist's resourceVersion");
    }
}
