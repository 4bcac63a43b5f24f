using Clusterpedia.Objects;
using Clusterpedia.Query;
using Clusterpedia.Storage;

namespace Example.Storage;

/// <summary>
/// The collection resources and the resources each covers: <c>any</c> (the request's <c>groups</c>/<c>resources</c> URL
/// parameters choose), <c>workloads</c> (apps deployments, daemonsets, statefulsets), <c>kuberesources</c> (Kubernetes' own groups).
/// </summary>
public static class CollectionResourceSelector
{
    private static readonly string[] KubeGroups =
    [
        "", "admissionregistration.k8s.io", "apiextensions.k8s.io", "apiregistration.k8s.io", "apps", "authentication.k8s.io",
        "authorization.k8s.io", "autoscaling", "batch", "certificates.k8s.io", "coordination.k8s.io", "discovery.k8s.io",
        "events.k8s.io", "extensions", "flowcontrol.apiserver.k8s.io", "imagepolicy.k8s.io", "internal.apiserver.k8s.io",
        "networking.k8s.io", "node.k8s.io", "policy", "rbac.authorization.k8s.io", "resource.k8s.io", "scheduling.k8s.io",
        "storage.k8s.io", "storagemigration.k8s.io",
    ];

    private static readonly string[] Workloads = ["deployments", "daemonsets", "statefulsets"];

    public static readonly IReadOnlyList<CollectionResourceDefinition> Definitions =
    [
        new("any", []),
        new("workloads", Workloads.Select(r => new CollectionResourceType("apps", "v1", r)).ToArray()),
        new("kuberesources", KubeGroups.Select(g => new CollectionResourceType(g, "", "")).ToArray()),
    ];

    public static Func<GroupVersionResource, bool> Selector(string name, ListOptions options) => name switch
    {
        "workloads" => r => r.Group == "apps" && Workloads.Contains(r.Resource),
        "kuberesources" => r => KubeGroups.Contains(r.Group),
        _ => Any(options.UrlQuery),
    };

    /// <summary><c>groups=group[/version],...</c> and <c>resources=group/[version/]resource,...</c>; <c>*</c> is everything.</summary>
    private static Func<GroupVersionResource, bool> Any(IReadOnlyDictionary<string, IReadOnlyList<string>> query)
    {
        var groups = query.TryGetValue("groups", out var g) && g.Count > 0 ? g[0].Split(',') : [];
        var resources = query.TryGetValue("resources", out var r) && r.Count > 0 ? r[0].Split(',') : [];
        if (groups.Length == 0 && resources.Length == 0) throw StorageException.Invalid("url query - `groups` or `resources` is required");
        if (groups.Contains("*") || resources.Contains("*")) return _ => true;

        var matchers = new List<Func<GroupVersionResource, bool>>();
        foreach (var entry in groups)
        {
            var parts = entry.Split('/');
            if (parts.Length > 2) throw StorageException.Invalid($"url query - groups: invalid group \"{entry}\"");
            matchers.Add(x => x.Group == parts[0] && (parts.Length == 1 || x.Version == parts[1]));
        }
        foreach (var entry in resources)
        {
            var parts = entry.Split('/');
            if (parts.Length is < 2 or > 3) throw StorageException.Invalid($"url query - resources: invalid resource \"{entry}\"");
            matchers.Add(x => x.Group == parts[0] && x.Resource == parts[^1] && (parts.Length == 2 || x.Version == parts[1]));
        }
        return x => matchers.Exists(m => m(x));
    }
}
