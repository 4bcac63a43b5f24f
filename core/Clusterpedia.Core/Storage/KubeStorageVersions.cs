using Clusterpedia.Objects;

namespace Clusterpedia.Storage;

/// <summary>
/// The version each built-in resource is stored in: one version per resource across the fleet, so a list in that
/// version finds every cluster's objects whatever each member prefers.
/// </summary>
/// <remarks>
/// Source: upstream's <c>pkg/storageconfig/storageconfig_factory.go</c>, which asks
/// <c>serverstorage.NewDefaultResourceEncodingConfig(LegacyResourceScheme)</c>: a group's storage version is the first
/// of its prioritized versions (each <c>k8s.io/kubernetes/pkg/apis/&lt;group&gt;/install</c>'s <c>SetVersionPriority</c>,
/// Kubernetes 1.29-1.33), with one override, <c>csistoragecapacities</c> pinned to <c>storage.k8s.io/v1beta1</c>.
/// Groups whose first version changes from release to release (<c>resource.k8s.io</c>) are left out: they sync
/// the member's preferred version, as before.
/// </remarks>
public static class KubeStorageVersions
{
    private static readonly Dictionary<string, string> ByGroup = new(StringComparer.Ordinal)
    {
        [""] = "v1",
        ["admissionregistration.k8s.io"] = "v1",
        ["apiextensions.k8s.io"] = "v1",
        ["apps"] = "v1",
        ["autoscaling"] = "v2",
        ["batch"] = "v1",
        ["certificates.k8s.io"] = "v1",
        ["coordination.k8s.io"] = "v1",
        ["discovery.k8s.io"] = "v1",
        ["events.k8s.io"] = "v1",
        ["flowcontrol.apiserver.k8s.io"] = "v1",
        ["internal.apiserver.k8s.io"] = "v1alpha1",
        ["networking.k8s.io"] = "v1",
        ["node.k8s.io"] = "v1",
        ["policy"] = "v1",
        ["rbac.authorization.k8s.io"] = "v1",
        ["scheduling.k8s.io"] = "v1",
        ["storage.k8s.io"] = "v1",
        ["storagemigration.k8s.io"] = "v1alpha1",
    };

    private static readonly Dictionary<GroupResource, string> ByResource = new()
    {
        [new("storage.k8s.io", "csistoragecapacities")] = "v1beta1",
    };

    /// <summary>The storage version of a built-in resource, or null when there is no single one to use.</summary>
    public static string? For(string group, string resource) =>
        ByResource.TryGetValue(new(group, resource), out var version) ? version : ByGroup.GetValueOrDefault(group);
}
