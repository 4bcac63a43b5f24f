using Clusterpedia.Kube.Discovery;
using Clusterpedia.Objects;
using Clusterpedia.Synchro.Api;
using Clusterpedia.Synchro.Clusters;

namespace Clusterpedia.Synchro.Tests.Clusters;

public sealed class ResourceNegotiatorTests
{
    private static readonly string[] ListWatch = ["get", "list", "watch"];

    private static readonly DiscoverySnapshot Discovery = new(
        [
            new DiscoveredGroup("", ["v1"], "v1"),
            new DiscoveredGroup("apps", ["v1"], "v1"),
            new DiscoveredGroup("autoscaling", ["v2", "v1"], "v2"),
            new DiscoveredGroup("stable.example.com", ["v1alpha1", "v1", "v2beta1", "v1beta1"], "v1"),
        ],
        [
            R("", "v1", "pods", "Pod"), R("", "v1", "namespaces", "Namespace", false), R("", "v1", "bindings", "Binding", verbs: ["create"]),
            R("apps", "v1", "deployments", "Deployment"), R("apps", "v1", "replicasets", "ReplicaSet"),
            R("autoscaling", "v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler"), R("autoscaling", "v1", "horizontalpodautoscalers", "HorizontalPodAutoscaler"),
            R("stable.example.com", "v1alpha1", "crontabs", "CronTab"), R("stable.example.com", "v1", "crontabs", "CronTab"),
            R("stable.example.com", "v2beta1", "crontabs", "CronTab"), R("stable.example.com", "v1beta1", "crontabs", "CronTab"),
        ]);

    private static DiscoveredResource R(string g, string v, string r, string kind, bool ns = true, string[]? verbs = null) =>
        new(g, v, r, kind, kind.ToLowerInvariant(), ns, verbs ?? ListWatch, []);

    private static IReadOnlyList<GroupVersionResource> Negotiate(params ClusterGroupResources[] spec) =>
        ResourceNegotiator.Negotiate(spec, false, Discovery, new NegotiationGates()).Resources.Select(r => r.StorageResource).ToList();

    [Fact]
    public void NamesAreCaseInsensitiveAndMayBeSingular() =>
        Assert.Equal([new GroupVersionResource("apps", "v1", "deployments"), new GroupVersionResource("apps", "v1", "replicasets")],
            Negotiate(new ClusterGroupResources { Group = "apps", Resources = ["Deployment", "REPLICASETS", "nonexistent"] }));

    [Fact]
    public void StarMeansEveryListableResourceOfTheGroup() =>
        Assert.Equal([new GroupVersionResource("", "v1", "pods"), new GroupVersionResource("", "v1", "namespaces")],
            Negotiate(new ClusterGroupResources { Group = "", Resources = ["*"] }));

    [Fact]
    public void ResourcesWithoutListAndWatchAreSkipped() =>
        Assert.Empty(Negotiate(new ClusterGroupResources { Group = "", Resources = ["bindings"] }));

    private static DiscoverySnapshot Autoscaling(params string[] served) => new(
        [new DiscoveredGroup("autoscaling", served, served[0])],
        served.Select(v => R("autoscaling", v, "horizontalpodautoscalers", "HorizontalPodAutoscaler")).ToList());

    private static readonly ClusterGroupResources Hpas = new() { Group = "autoscaling", Resources = ["hpa", "horizontalpodautoscalers"] };

    // An older member prefers autoscaling/v1 but serves v2 too: it is asked for v2, the storage version, like the others.
    [Fact]
    public void BuiltInsSyncTheStorageVersionWhenTheMemberServesItEvenIfItPrefersAnother()
    {
        var result = ResourceNegotiator.Negotiate([Hpas], false, Autoscaling("v1", "v2"), new NegotiationGates());
        var synced = Assert.Single(result.Resources);
        Assert.Equal(new GroupVersionResource("autoscaling", "v2", "horizontalpodautoscalers"), synced.SyncResource);
        Assert.Equal(synced.SyncResource, synced.StorageResource);
        Assert.Null(synced.Note);
        var condition = Assert.Single(Assert.Single(Assert.Single(result.Status).Resources).SyncConditions);
        Assert.Equal(("v1", "v2", "v2"), (condition.Version, condition.SyncVersion, condition.StorageVersion));
    }

    [Fact]
    public void APreferredStorageVersionNeedsNoSyncVersion()
    {
        var result = ResourceNegotiator.Negotiate([Hpas], false, Autoscaling("v2", "v1"), new NegotiationGates());
        var condition = Assert.Single(Assert.Single(Assert.Single(result.Status).Resources).SyncConditions);
        Assert.Equal(("v2", null, "v2"), (condition.Version, condition.SyncVersion, condition.StorageVersion));
    }

    [Fact]
    public void AMemberWithoutTheStorageVersionSyncsWhatItServesAndSaysSo()
    {
        var result = ResourceNegotiator.Negotiate([Hpas], false, Autoscaling("v1"), new NegotiationGates());
        var synced = Assert.Single(result.Resources);
        Assert.Equal(new GroupVersionResource("autoscaling", "v1", "horizontalpodautoscalers"), synced.StorageResource);
        Assert.Equal("StorageVersionNotServed", synced.Note?.Reason);
        Assert.Contains("storage version autoscaling/v2", synced.Note?.Message);
        Assert.Contains("stored as autoscaling/v1", synced.Note?.Message);
        var condition = Assert.Single(Assert.Single(Assert.Single(result.Status).Resources).SyncConditions);
        Assert.Equal(("v1", null, "v1"), (condition.Version, condition.SyncVersion, condition.StorageVersion));
    }

    [Theory]
    [InlineData("autoscaling", "horizontalpodautoscalers", "v2")]
    [InlineData("batch", "cronjobs", "v1")]
    [InlineData("policy", "poddisruptionbudgets", "v1")]
    [InlineData("discovery.k8s.io", "endpointslices", "v1")]
    [InlineData("storage.k8s.io", "csistoragecapacities", "v1beta1")]
    [InlineData("storage.k8s.io", "storageclasses", "v1")]
    [InlineData("", "pods", "v1")]
    [InlineData("resource.k8s.io", "resourceclaims", null)]
    [InlineData("stable.example.com", "crontabs", null)]
    public void StorageVersionsAreUpstreams(string group, string resource, string? version) =>
        Assert.Equal(version, Clusterpedia.Storage.KubeStorageVersions.For(group, resource));

    [Fact]
    public void BuiltInsSyncOneVersionIgnoringTheSpecVersions() =>
        Assert.Equal([new GroupVersionResource("autoscaling", "v2", "horizontalpodautoscalers")],
            Negotiate(new ClusterGroupResources { Group = "autoscaling", Versions = ["v1"], Resources = ["horizontalpodautoscalers"] }));

    [Fact]
    // Kubernetes priority: GA before beta before alpha, so v1 outranks v2beta1.
    public void CustomResourcesSyncTheThreeNewestVersionsByDefault() =>
        Assert.Equal(["v1", "v2beta1", "v1beta1"], Negotiate(new ClusterGroupResources { Group = "stable.example.com", Resources = ["crontabs"] }).Select(g => g.Version));

    [Fact]
    public void CustomResourceVersionsStarIsAllAndAListIsIntersected()
    {
        Assert.Equal(4, Negotiate(new ClusterGroupResources { Group = "stable.example.com", Versions = ["*"], Resources = ["crontabs"] }).Count);
        Assert.Equal(["v1alpha1"], Negotiate(new ClusterGroupResources { Group = "stable.example.com", Versions = ["v1alpha1", "v9"], Resources = ["crontab"] }).Select(g => g.Version));
    }

    [Fact]
    public void UnknownGroupsAreSkipped() =>
        Assert.Empty(Negotiate(new ClusterGroupResources { Group = "nothere.io", Resources = ["*"] }));

    [Fact]
    public void AllGroupsNeedTheGate()
    {
        var spec = new[] { new ClusterGroupResources { Group = "*", Resources = ["*"] } };
        Assert.Contains("AllowSyncAllResources", ResourceNegotiator.Validate(spec, new NegotiationGates()), StringComparison.Ordinal);
        Assert.Null(ResourceNegotiator.Validate(spec, new NegotiationGates(AllowSyncAllResources: true)));
        Assert.Equal(9, ResourceNegotiator.Negotiate(spec, false, Discovery, new NegotiationGates(AllowSyncAllResources: true)).Resources.Count);
    }

    [Fact]
    public void StatusTreeStartsEveryVersionPending()
    {
        var result = ResourceNegotiator.Negotiate([new ClusterGroupResources { Group = "apps", Resources = ["deployments"] }], false, Discovery, new NegotiationGates());
        var group = Assert.Single(result.Status);
        var resource = Assert.Single(group.Resources);
        Assert.Equal(("deployments", "Deployment", true), (resource.Name, resource.Kind, resource.Namespaced));
        var condition = Assert.Single(resource.SyncConditions);
        Assert.Equal(("v1", "v1", "Pending", "SynchroCreating"), (condition.Version, condition.StorageVersion, condition.Status, condition.Reason));
    }

    [Fact]
    public void KubeVersionOrderIsNewestFirst() =>
        Assert.Equal(["v2", "v1", "v1beta2", "v1beta1", "v1alpha1", "a", "b"],
            new[] { "v1alpha1", "b", "v1", "v1beta1", "a", "v2", "v1beta2" }.Order(KubeVersionOrder.NewestFirst));
}
