using Clusterpedia.Objects;
using Clusterpedia.Query;

namespace Clusterpedia.Storage.Memory;

/// <summary>
/// The collection resources of the memory storage and which resources each one covers:
/// <c>any</c> (chosen per request by the <c>groups</c>/<c>resources</c> URL parameters), <c>workloads</c>
/// (apps deployments, daemonsets, statefulsets) and <c>kuberesources</c> (every built-in Kubernetes group).
/// </summary>
internal static class CollectionResourceCatalog
{
    public const string Any = "any";
    public const string Workloads = "workloads";
    public const string KubeResources = "kuberesources";

    public static readonly IReadOnlyList<CollectionResourceDefinition> Definitions =
    [
        new(Any, []),
        new(Workloads,
        [
            new("apps", "v1", "deployments", "Deployment"),
            new("apps", "v1", "daemonsets", "DaemonSet"),
            new("apps", "v1", "statefulsets", "StatefulSet"),
        ]),
        new(KubeResources, KubeResourceGroups.All.Select(g => new CollectionResourceType(g, "", "")).ToArray()),
    ];

    /// <summary>The predicate choosing the resources a request of the named collection reads.</summary>
    /// <exception cref="StorageException">With <see cref="StorageErrorKind.Invalid"/> for <c>any</c> without groups or resources.</exception>
    public static Func<GroupVersionResource, bool> Selector(string name, ListOptions options) => name switch
    {
        Workloads => r => r.Group == "apps" && r.Resource is "deployments" or "daemonsets" or "statefulsets",
        KubeResources => r => KubeResourceGroups.Contains(r.Group),
        _ => AnySelector(options.UrlQuery),
    };

    /// <summary>
    /// <c>groups</c>: comma list of <c>group</c> or <c>group/version</c> ("" or "/" = core, <c>*</c> = everything);
    /// <c>resources</c>: comma list of <c>group/resource</c> or <c>group/version/resource</c> (<c>/pods</c> = core pods).
    /// A resource is chosen when any entry of either list matches it.
    /// </summary>
    private static Func<GroupVersionResource, bool> AnySelector(IReadOnlyDictionary<string, IReadOnlyList<string>> query)
    {
        var hasGroups = query.TryGetValue("groups", out var groups) && groups.Count > 0;
        var hasResources = query.TryGetValue("resources", out var resources) && resources.Count > 0;
        if (!hasGroups && !hasResources) throw StorageException.Invalid("url query - `groups` or `resources` is required");

        var matchers = new List<Func<GroupVersionResource, bool>>();
        if (hasGroups)
        {
            foreach (var entry in groups![0].Split(','))
            {
                if (entry == "*") return _ => true;
                var parts = entry.Split('/');
                if (parts.Length > 2) throw StorageException.Invalid($"url query - groups: invalid group \"{entry}\"; use group or group/version");
                var group = parts[0];
                var version = parts.Length == 2 ? parts[1] : "";
                matchers.Add(r => r.Group == group && (version.Length == 0 || r.Version == version));
            }
        }
        if (hasResources)
        {
            foreach (var entry in resources![0].Split(','))
            {
                if (entry == "*") return _ => true;
                var parts = entry.Split('/');
                if (parts.Length is < 2 or > 3 || parts[^1].Length == 0)
                    throw StorageException.Invalid($"url query - resources: invalid resource \"{entry}\"; use group/resource or group/version/resource");
                var group = parts[0];
                var version = parts.Length == 3 ? parts[1] : "";
                var resource = parts[^1];
                matchers.Add(r => r.Group == group && r.Resource == resource && (version.Length == 0 || r.Version == version));
            }
        }
        return r => matchers.Exists(m => m(r));
    }
}
