namespace Clusterpedia.Storage.Internal;

/// <summary>The collection resources of the internal storage, as upstream's collectionresource.go.</summary>
internal static class CollectionResources
{
    public const string Any = "any";
    public const string Workloads = "workloads";
    public const string KubeResources = "kuberesources";

    /// <summary>The groups of the built-in Kubernetes scheme ("" = core).</summary>
    public static IReadOnlyList<string> KubeGroups { get; } =
    [
        "", "admissionregistration.k8s.io", "apiextensions.k8s.io", "apps", "authentication.k8s.io", "authorization.k8s.io",
        "autoscaling", "batch", "certificates.k8s.io", "coordination.k8s.io", "discovery.k8s.io", "events.k8s.io", "extensions",
        "flowcontrol.apiserver.k8s.io", "imagepolicy.k8s.io", "internal.apiserver.k8s.io", "networking.k8s.io", "node.k8s.io",
        "policy", "rbac.authorization.k8s.io", "resource.k8s.io", "scheduling.k8s.io", "storage.k8s.io", "storagemigration.k8s.io",
    ];

    public static IReadOnlyList<CollectionResourceDefinition> All { get; } =
    [
        new(Any, []),
        new(Workloads,
        [
            new CollectionResourceType("apps", "v1", "deployments", "Deployment"),
            new CollectionResourceType("apps", "v1", "daemonsets", "DaemonSet"),
            new CollectionResourceType("apps", "v1", "statefulsets", "StatefulSet"),
        ]),
        new(KubeResources, KubeGroups.Select(g => new CollectionResourceType(g, "", "")).ToArray()),
    ];
}
