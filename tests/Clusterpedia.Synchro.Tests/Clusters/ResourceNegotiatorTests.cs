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
