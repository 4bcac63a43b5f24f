using Clusterpedia.Query;
using Clusterpedia.Storage.Sample.Sql;

namespace Clusterpedia.Storage.Sample;

/// <summary>
/// The collection resources this layer offers, as upstream's: <c>any</c> (the request's <c>groups</c>/<c>resources</c>
/// URL parameters choose the types), <c>workloads</c> (apps deployments, daemonsets, statefulsets) and
/// <c>kuberesources</c> (every group built into Kubernetes). Each becomes a SQL condition on the row's resource.
/// </summary>
internal static class CollectionResources
{
    /// <summary>The API groups of Kubernetes' own scheme.</summary>
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

    /// <summary>The SQL condition choosing the rows a request of the named collection reads.</summary>
    /// <exception cref="StorageException">With <see cref="StorageErrorKind.Invalid"/> for <c>any</c> without groups or resources.</exception>
    public static string Condition(SqlText q, string name, ListOptions options) => name switch
    {
        "workloads" => $"(\"group\" = 'apps' AND resource IN {q.Params(Workloads)})",
        "kuberesources" => $"\"group\" IN {q.Params(KubeGroups)}",
        _ => AnyCondition(q, options.UrlQuery),
    };

    /// <summary>
    /// <c>groups</c>: comma list of <c>group</c> or <c>group/version</c> ("" = core, <c>*</c> = every group);
    /// <c>resources</c>: comma list of <c>group/resource</c> or <c>group/version/resource</c> (<c>/pods</c> = core pods).
    /// A row is chosen when any entry of either list matches it.
    /// </summary>
    private static string AnyCondition(SqlText q, IReadOnlyDictionary<string, IReadOnlyList<string>> query)
    {
        var hasGroups = query.TryGetValue("groups", out var groups) && groups.Count > 0;
        var hasResources = query.TryGetValue("resources", out var resources) && resources.Count > 0;
        if (!hasGroups && !hasResources) throw StorageException.Invalid("url query - `groups` or `resources` is required");

        var any = new List<string>();
        foreach (var entry in hasGroups ? groups![0].Split(',') : [])
        {
            if (entry == "*") return "1 = 1";
            var parts = entry.Split('/');
            if (parts.Length > 2) throw StorageException.Invalid($"url query - groups: invalid group \"{entry}\"; use group or group/version");
            any.Add(parts.Length == 2
                ? $"(\"group\" = {q.Param(parts[0])} AND version = {q.Param(parts[1])})"
                : $"\"group\" = {q.Param(parts[0])}");
        }
        foreach (var entry in hasResources ? resources![0].Split(',') : [])
        {
            if (entry == "*") return "1 = 1";
            var parts = entry.Split('/');
            if (parts.Length is < 2 or > 3 || parts[^1].Length == 0)
                throw StorageException.Invalid($"url query - resources: invalid resource \"{entry}\"; use group/resource or group/version/resource");
            var version = parts.Length == 3 ? $" AND version = {q.Param(parts[1])}" : "";
            any.Add($"(\"group\" = {q.Param(parts[0])} AND resource = {q.Param(parts[^1])}{version})");
        }
        return "(" + string.Join(" OR ", any) + ")";
    }
}
