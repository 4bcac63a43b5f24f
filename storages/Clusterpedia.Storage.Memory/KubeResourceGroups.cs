namespace Clusterpedia.Storage.Memory;

/// <summary>The API groups built into Kubernetes (its scheme's groups), which the <c>kuberesources</c> collection covers.</summary>
internal static class KubeResourceGroups
{
    public static readonly IReadOnlyList<string> All =
    [
        "",
        "admissionregistration.k8s.io",
        "apiextensions.k8s.io",
        "apiregistration.k8s.io",
        "apps",
        "authentication.k8s.io",
        "authorization.k8s.io",
        "autoscaling",
        "batch",
        "certificates.k8s.io",
        "coordination.k8s.io",
        "discovery.k8s.io",
        "events.k8s.io",
        "extensions",
        "flowcontrol.apiserver.k8s.io",
        "imagepolicy.k8s.io",
        "internal.apiserver.k8s.io",
        "networking.k8s.io",
        "node.k8s.io",
        "policy",
        "rbac.authorization.k8s.io",
        "resource.k8s.io",
        "scheduling.k8s.io",
        "storage.k8s.io",
        "storagemigration.k8s.io",
    ];

    private static readonly HashSet<string> Set = new(All, StringComparer.Ordinal);

    public static bool Contains(string group) => Set.Contains(group);
}
