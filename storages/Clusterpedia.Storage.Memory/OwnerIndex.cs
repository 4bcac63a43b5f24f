using Clusterpedia.Objects;
using Clusterpedia.Query;

namespace Clusterpedia.Storage.Memory;

/// <summary>
/// The cross-resource owner index of the whole storage: per cluster, every object's uid -> (resource, namespace, name,
/// controller uid), with reverse maps from controller uid to children and from name to uids. Owner searches must see
/// all resources of a cluster (a Deployment owns ReplicaSets that own Pods), so the factory keeps one for every store.
/// </summary>
/// <remarks>Only the controller ownerReference counts, as upstream. Objects without a uid are not indexed.</remarks>
internal sealed class OwnerIndex
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ClusterOwners> _clusters = new(StringComparer.Ordinal);

    public void Replace(GroupVersionResource resource, StoredObject? old, StoredObject? current)
    {
        lock (_lock)
        {
            if (old is not null && old.Metadata.Uid.Length > 0) Remove(resource, old);
            if (current is not null && current.Metadata.Uid.Length > 0) Add(resource, current);
        }
    }

    /// <summary>
    /// The uids whose controlled objects a search by owner returns: the owner(s), then their descendants down
    /// <see cref="ListOptions.OwnerSeniority"/> generations. By name, owners are searched in the requested namespaces
    /// plus cluster scope (all namespaces when none were requested), narrowed by the owner's group and resource if given.
    /// </summary>
    public HashSet<string> ResolveControllers(string cluster, ListOptions options)
    {
        lock (_lock)
        {
            _clusters.TryGetValue(cluster, out var owners);
            HashSet<string> level;
            if (!string.IsNullOrEmpty(options.OwnerUid))
            {
                level = new HashSet<string>(StringComparer.Ordinal) { options.OwnerUid };
            }
            else
            {
                level = new HashSet<string>(StringComparer.Ordinal);
                if (owners is not null && owners.ByName.TryGetValue(options.OwnerName!, out var named))
                {
                    foreach (var uid in named)
                    {
                        var entry = owners.ByUid[uid];
                        if (options.OwnerGroupResource is { } gr && entry.Resource.GroupResource != gr) continue;
                        if (options.Namespaces.Count > 0 && entry.Namespace.Length > 0 && !options.Namespaces.Contains(entry.Namespace)) continue;
                        level.Add(uid);
                    }
                }
            }

            for (var generation = 0; generation < options.OwnerSeniority && level.Count > 0; generation++)
            {
                var next = new HashSet<string>(StringComparer.Ordinal);
                foreach (var uid in level)
                {
                    if (owners is not null && owners.Children.TryGetValue(uid, out var children)) next.UnionWith(children);
                }
                level = next;
            }
            return level;
        }
    }

    public void RemoveCluster(string cluster)
    {
        lock (_lock) _clusters.Remove(cluster);
    }

    private void Add(GroupVersionResource resource, StoredObject obj)
    {
        var cluster = obj.Key.Cluster;
        if (!_clusters.TryGetValue(cluster, out var owners)) _clusters[cluster] = owners = new ClusterOwners();
        var uid = obj.Metadata.Uid;
        var entry = new OwnerEntry(resource, obj.Key.Namespace, obj.Key.Name, obj.Metadata.ControllerUid);
        owners.ByUid[uid] = entry;
        AddTo(owners.ByName, entry.Name, uid);
        if (entry.ControllerUid.Length > 0) AddTo(owners.Children, entry.ControllerUid, uid);
    }

    private void Remove(GroupVersionResource resource, StoredObject obj)
    {
        if (!_clusters.TryGetValue(obj.Key.Cluster, out var owners)) return;
        var uid = obj.Metadata.Uid;
        // Only drop the entry this object made; a uid reused by another object stays.
        if (!owners.ByUid.TryGetValue(uid, out var entry)
            || entry.Resource != resource || entry.Namespace != obj.Key.Namespace || entry.Name != obj.Key.Name) return;
        owners.ByUid.Remove(uid);
        RemoveFrom(owners.ByName, entry.Name, uid);
        if (entry.ControllerUid.Length > 0) RemoveFrom(owners.Children, entry.ControllerUid, uid);
    }

    private static void AddTo(Dictionary<string, HashSet<string>> map, string key, string uid)
    {
        if (!map.TryGetValue(key, out var set)) map[key] = set = new HashSet<string>(StringComparer.Ordinal);
        set.Add(uid);
    }

    private static void RemoveFrom(Dictionary<string, HashSet<string>> map, string key, string uid)
    {
        if (map.TryGetValue(key, out var set) && set.Remove(uid) && set.Count == 0) map.Remove(key);
    }

    private sealed record OwnerEntry(GroupVersionResource Resource, string Namespace, string Name, string ControllerUid);

    private sealed class ClusterOwners
    {
        public Dictionary<string, OwnerEntry> ByUid { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, HashSet<string>> ByName { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, HashSet<string>> Children { get; } = new(StringComparer.Ordinal);
    }
}
