using Clusterpedia.Kube.Discovery;
using Clusterpedia.Objects;
using Clusterpedia.Storage;
using Clusterpedia.Synchro.Api;

namespace Clusterpedia.Synchro.Clusters;

/// <summary>Feature gates that change negotiation (upstream names, both alpha and off by default).</summary>
public sealed record NegotiationGates(bool AllowSyncAllResources = false, bool AllowSyncAllCustomResources = false, bool IgnoreSyncLease = false);

/// <summary>
/// Turns a PediaCluster's syncResources and the member's discovery into the resource versions to sync (§6.4):
/// names are case-insensitive and may be singular; <c>*</c> expands; list and watch are required; built-ins sync
/// exactly one version; custom resources sync the 3 newest served versions unless the spec names them.
/// </summary>
public static class ResourceNegotiator
{
    /// <summary>Groups the kube-apiserver itself serves; anything else is a CRD or an aggregated API.</summary>
    private static readonly HashSet<string> BuiltInGroups =
    [
        "", "apps", "batch", "autoscaling", "policy", "networking.k8s.io", "rbac.authorization.k8s.io", "storage.k8s.io",
        "coordination.k8s.io", "discovery.k8s.io", "events.k8s.io", "apiextensions.k8s.io", "admissionregistration.k8s.io",
        "scheduling.k8s.io", "node.k8s.io", "certificates.k8s.io", "apiregistration.k8s.io", "flowcontrol.apiserver.k8s.io",
        "resource.k8s.io", "storagemigration.k8s.io", "internal.apiserver.k8s.io", "authentication.k8s.io", "authorization.k8s.io",
    ];

    public static bool IsBuiltInGroup(string group) => BuiltInGroups.Contains(group);

    /// <summary>Null when the spec is acceptable, else the Validated=False message (reason InvalidSyncResources).</summary>
    public static string? Validate(IEnumerable<ClusterGroupResources> syncResources, NegotiationGates gates)
    {
        foreach (var g in syncResources)
        {
            if (g.Group == "*" && !gates.AllowSyncAllResources)
                return "Validation failed: sync all resources (group \"*\") requires the feature gate AllowSyncAllResources";
            if (g.Resources.Count == 0) return $"Validation failed: group \"{g.Group}\" has no resources";
        }
        return null;
    }

    public static NegotiationResult Negotiate(IReadOnlyList<ClusterGroupResources> syncResources, bool syncAllCustomResources,
        DiscoverySnapshot discovery, NegotiationGates gates)
    {
        var entries = new List<ClusterGroupResources>();
        foreach (var g in syncResources)
        {
            if (g.Group == "*")
                entries.AddRange(discovery.Groups.Select(d => new ClusterGroupResources { Group = d.Name, Resources = ["*"], Versions = ["*"] }));
            else entries.Add(g);
        }
        if (syncAllCustomResources && gates.AllowSyncAllCustomResources)
        {
            entries.RemoveAll(e => !IsBuiltInGroup(e.Group));
            entries.AddRange(discovery.Groups.Where(d => !IsBuiltInGroup(d.Name))
                .Select(d => new ClusterGroupResources { Group = d.Name, Resources = ["*"], Versions = ["*"] }));
        }

        var result = new List<NegotiatedResource>();
        var seen = new HashSet<GroupVersionResource>();
        var status = new List<ClusterGroupResourcesStatus>();
        foreach (var entry in entries)
        {
            var group = discovery.Groups.FirstOrDefault(d => d.Name == entry.Group);
            if (group is null) continue;
            var served = discovery.Resources.Where(r => r.Group == group.Name && r.CanListAndWatch).ToList();
            foreach (var plural in ResolveNames(entry.Resources, served))
            {
                if (gates.IgnoreSyncLease && group.Name == "coordination.k8s.io" && plural == "leases") continue;
                var versions = group.Versions.Where(v => served.Any(r => r.Version == v && r.Resource == plural)).ToList();
                var chosen = ChooseVersions(group.Name, plural, versions, entry.Versions);
                if (chosen.Count == 0) continue;
                var groupStatus = status.FirstOrDefault(s => s.Group == group.Name);
                if (groupStatus is null) status.Add(groupStatus = new ClusterGroupResourcesStatus { Group = group.Name });
                var first = served.First(r => r.Resource == plural && r.Version == chosen[0]);
                var resourceStatus = groupStatus.Resources.FirstOrDefault(r => r.Name == plural);
                if (resourceStatus is null)
                    groupStatus.Resources.Add(resourceStatus = new ClusterResourceStatus { Name = plural, Kind = first.Kind, Namespaced = first.Namespaced });
                foreach (var version in chosen)
                {
                    var gvr = new GroupVersionResource(group.Name, version, plural);
                    if (!seen.Add(gvr)) continue;
                    var d = served.First(r => r.Resource == plural && r.Version == version);
                    var events = entry.EventsInvolvedResources is { } involved && (involved.Contains("*") || involved.Contains(plural, StringComparer.OrdinalIgnoreCase));
                    var note = StorageVersionNote(group.Name, plural, version);
                    result.Add(new NegotiatedResource(gvr, gvr, d.Kind, d.SingularName, d.Namespaced, events, note));
                    // As upstream: version is what the member prefers (for a built-in), syncVersion what is really synced when it differs.
                    var condition = IsBuiltInGroup(group.Name) ? versions[0] : version;
                    resourceStatus.SyncConditions.Add(new ClusterResourceSyncCondition
                    {
                        Version = condition, SyncVersion = condition == version ? null : version, StorageVersion = version,
                        Status = Resources.SyncStatus.Pending, Reason = "SynchroCreating", LastTransitionTime = DateTimeOffset.UtcNow,
                    });
                }
            }
        }
        return new NegotiationResult(result, status);
    }

    /// <summary>Plural names for the spec's names: <c>*</c> is every resource; names match plural or singular, ignoring case.</summary>
    private static IEnumerable<string> ResolveNames(IEnumerable<string> names, List<DiscoveredResource> served)
    {
        var result = new List<string>();
        foreach (var name in names)
        {
            if (name == "*")
            {
                foreach (var r in served.Select(r => r.Resource)) if (!result.Contains(r)) result.Add(r);
                continue;
            }
            var match = served.FirstOrDefault(r => string.Equals(r.Resource, name, StringComparison.OrdinalIgnoreCase)
                || string.Equals(r.SingularName, name, StringComparison.OrdinalIgnoreCase));
            if (match != null && !result.Contains(match.Resource)) result.Add(match.Resource); // unknown names are skipped, as upstream
        }
        return result;
    }

    /// <param name="served">The member's versions of the resource, preferred first.</param>
    /// <summary>
    /// Why a built-in resource is not synced in its storage version, or null when it is (or has none): the member does
    /// not serve that version, and we carry no scheme conversions, so its objects are stored in the version it serves.
    /// </summary>
    private static SyncNote? StorageVersionNote(string group, string resource, string synced)
    {
        if (!IsBuiltInGroup(group) || KubeStorageVersions.For(group, resource) is not { } storage || storage == synced) return null;
        string Gv(string v) => group.Length == 0 ? v : $"{group}/{v}";
        return new SyncNote("StorageVersionNotServed",
            $"the cluster does not serve the storage version {Gv(storage)} of {resource}; synced and stored as {Gv(synced)}, listed only in that version");
    }

    private static List<string> ChooseVersions(string group, string resource, List<string> served, List<string>? wanted)
    {
        if (served.Count == 0) return [];
        // Built-ins: the spec's versions are ignored; exactly one version is synced, the storage version when the
        // member serves it (kube-apiserver converts), else the member's preferred one.
        if (IsBuiltInGroup(group))
            return [KubeStorageVersions.For(group, resource) is { } storage && served.Contains(storage) ? storage : served[0]];
        var newestFirst = served.Order(KubeVersionOrder.NewestFirst).ToList();
        if (wanted is null || wanted.Count == 0) return newestFirst.Take(3).ToList();
        if (wanted.Contains("*")) return newestFirst;
        return wanted.Where(served.Contains).Distinct().ToList();
    }
}

/// <summary>The resource versions to sync, and the initial status tree (every version Pending / SynchroCreating).</summary>
public sealed record NegotiationResult(IReadOnlyList<NegotiatedResource> Resources, List<ClusterGroupResourcesStatus> Status);
