using Clusterpedia.ApiServer.Clusters;
using Clusterpedia.Objects;

namespace Clusterpedia.ApiServer.Tests.Clusters;

public sealed class ClusterResourceSourceTests
{
    [Fact]
    public void Changes_replace_the_catalog_and_notify()
    {
        var source = new InMemoryClusterResourceSource();
        var changes = 0;
        source.Changed += (_, _) => changes++;
        var before = source.Catalog;

        source.SetResources("c1", [SyncedResource.BuiltIn("v1/pods")]);
        Assert.Equal(1, changes);
        Assert.NotSame(before, source.Catalog);
        Assert.True(source.Catalog.TryGetCluster("c1", out var c1));
        Assert.False(c1.Health.Healthy);

        source.SetHealth("c1", ClusterHealth.Ready);
        Assert.True(source.Catalog.TryGetCluster("c1", out c1) && c1.Health.Healthy);
        Assert.Single(c1.Resources);

        source.SetHealth("nope", ClusterHealth.Ready);
        Assert.False(source.Catalog.TryGetCluster("nope", out _));

        source.Remove("c1");
        Assert.Empty(source.Catalog.ClusterNames);
        Assert.Null(source.Catalog.IndexFor("c1"));
        Assert.Equal(4, changes);
    }

    [Fact]
    public void Built_in_resources_carry_kubectl_names()
    {
        var deploy = SyncedResource.BuiltIn("apps/v1/deployments");
        Assert.Equal(("Deployment", true, "deployment"), (deploy.Kind, deploy.Namespaced, deploy.SingularName));
        Assert.Equal(["deploy"], deploy.ShortNames);
        Assert.Equal(["all"], deploy.Categories);
        Assert.False(SyncedResource.BuiltIn("v1/nodes").Namespaced);
        Assert.Throws<ArgumentException>(() => SyncedResource.BuiltIn("example.io/v1/widgets"));

        // A synchro describing a built-in without names still gets them in discovery.
        var index = new ResourceIndex([new SyncedResource(new GroupVersionResource("", "v1", "services"), "Service", true)]);
        Assert.True(index.TryGetResource("", "v1", "services", out var svc));
        Assert.Equal(["svc"], svc.ShortNames);
    }

    [Fact]
    public void The_union_serves_every_clusters_resources()
    {
        var catalog = new ClusterCatalog(
        [
            new ClusterState("a", ClusterHealth.Ready, [SyncedResource.BuiltIn("v1/pods"), SyncedResource.BuiltIn("apps/v1/deployments")]),
            new ClusterState("b", ClusterHealth.Ready, [SyncedResource.BuiltIn("v1/pods"), SyncedResource.BuiltIn("batch/v1/jobs")]),
        ]);
        Assert.Equal(["apps", "batch"], catalog.AllClusters.Groups);
        Assert.Single(catalog.AllClusters.ResourcesOf("", "v1"));
        Assert.Equal(["apps"], catalog.IndexFor("a")!.Groups);
    }
}
