namespace Clusterpedia.Storage;

/// <summary>
/// The API groups of Kubernetes' built-in scheme, which the <c>kuberesources</c> collection resource covers.
/// </summary>
/// <remarks>
/// Upstream builds <c>kuberesources</c> from the groups of its legacy resource scheme
/// (<c>resourcescheme.LegacyResourceScheme.PreferredVersionAllGroups()</c> in <c>internalstorage/collectionresource.go</c>),
/// which is <c>k8s.io/kubernetes/pkg/api/legacyscheme</c> filled by the install packages that
/// <c>pkg/kubeapiserver/resourcescheme/import_known_versions.go</c> imports: core, admission, admissionregistration,
/// apiserverinternal, apps, authentication, authorization, autoscaling, batch, certificates, coordination, discovery,
/// events, extensions, flowcontrol, imagepolicy, networking, node, policy, rbac, resource, scheduling, storage,
/// storagemigration (clusterpedia#672) and apiextensions. That is this list, sorted as upstream's <c>sets.List()</c>.
/// <c>apiregistration.k8s.io</c> (APIService) is not in it: it belongs to kube-aggregator's own scheme, which upstream
/// never installs there, so APIServices are read through <c>any</c>, not <c>kuberesources</c>.
/// </remarks>
public static class KubeResourceGroups
{
    /// <summary>Every built-in group; <c>""</c> is the core group.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        "",
        "admission.k8s.io",
        "admissionregistration.k8s.io",
        "apiextensions.k8s.io",
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
