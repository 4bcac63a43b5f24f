using Clusterpedia.Query;

namespace Example.Storage;

/// <summary>
/// Owner searches: the uids whose controlled objects match. The owner is found by uid, or by name (and group-resource)
/// in the requested namespaces or cluster-scoped; each seniority level goes one generation down (0 = children).
/// </summary>
public static class OwnerSearch
{
    public static HashSet<string> ControllerUids(ObjectTable table, string cluster, ListOptions options)
    {
        var inCluster = table.Where(o => o.Cluster == cluster);
        HashSet<string> uids;
        if (!string.IsNullOrEmpty(options.OwnerUid))
        {
            uids = [options.OwnerUid];
        }
        else
        {
            uids = inCluster
                .Where(o => o.Name == options.OwnerName && o.Metadata.Uid.Length > 0)
                .Where(o => options.OwnerGroupResource is not { } gr || (o.Resource.Group == gr.Group && o.Resource.Resource == gr.Resource))
                .Where(o => options.Namespaces.Count == 0 || o.Namespace.Length == 0 || options.Namespaces.Contains(o.Namespace))
                .Select(o => o.Metadata.Uid)
                .ToHashSet();
        }
        for (var level = 0; level < options.OwnerSeniority; level++)
        {
            var parents = uids;
            uids = inCluster.Where(o => parents.Contains(o.Metadata.ControllerUid) && o.Metadata.Uid.Length > 0).Select(o => o.Metadata.Uid).ToHashSet();
        }
        return uids;
    }
}
