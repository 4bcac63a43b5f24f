using Clusterpedia.Storage;
using Xunit;

namespace Clusterpedia.Tests.Storage;

/// <summary>The <c>kuberesources</c> groups are upstream's legacy resource scheme's: see <see cref="KubeResourceGroups"/>.</summary>
public sealed class KubeResourceGroupsTests
{
    [Fact]
    public void Are_the_groups_of_upstreams_legacy_resource_scheme_sorted()
    {
        Assert.Equal(
        [
            "", "admission.k8s.io", "admissionregistration.k8s.io", "apiextensions.k8s.io", "apps", "authentication.k8s.io",
            "authorization.k8s.io", "autoscaling", "batch", "certificates.k8s.io", "coordination.k8s.io", "discovery.k8s.io",
            "events.k8s.io", "extensions", "flowcontrol.apiserver.k8s.io", "imagepolicy.k8s.io", "internal.apiserver.k8s.io",
            "networking.k8s.io", "node.k8s.io", "policy", "rbac.authorization.k8s.io", "resource.k8s.io", "scheduling.k8s.io",
            "storage.k8s.io", "storagemigration.k8s.io",
        ], KubeResourceGroups.All);
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("apps", true)]
    [InlineData("apiextensions.k8s.io", true)]
    [InlineData("apiregistration.k8s.io", false)]
    [InlineData("stable.example.com", false)]
    [InlineData("Apps", false)]
    public void Contains_only_built_in_groups(string group, bool builtIn) => Assert.Equal(builtIn, KubeResourceGroups.Contains(group));

    [Fact]
    public void Kuberesources_definition_is_one_group_only_type_per_group()
    {
        var definition = BuiltInCollectionResources.Find(BuiltInCollectionResources.KubeResources)!;
        Assert.Equal(KubeResourceGroups.All, definition.ResourceTypes.Select(t => t.Group));
        Assert.All(definition.ResourceTypes, t => Assert.Equal(("", ""), (t.Version, t.Resource)));
    }

    [Fact]
    public void Built_in_collection_resources_are_any_workloads_kuberesources()
    {
        Assert.Equal(["any", "workloads", "kuberesources"], BuiltInCollectionResources.All.Select(d => d.Name));
        Assert.Empty(BuiltInCollectionResources.Find("any")!.ResourceTypes);
        Assert.Equal(["apps/v1/deployments", "apps/v1/daemonsets", "apps/v1/statefulsets"],
            BuiltInCollectionResources.Find("workloads")!.ResourceTypes.Select(t => $"{t.Group}/{t.Version}/{t.Resource}"));
        Assert.Null(BuiltInCollectionResources.Find("nope"));
    }
}
