using Clusterpedia.Objects;
using Clusterpedia.Synchro.Api;
using Clusterpedia.Synchro.Resources;

namespace Clusterpedia.Synchro.Manager;

/// <summary>A resource stored for a cluster, in the terms the API server serves it.</summary>
public sealed record SyncedResourceInfo(GroupVersionResource StorageResource, string Kind, bool Namespaced, bool InitialListPhase, string Status);

public static class PediaClusterStatusExtensions
{
    /// <summary>The storage resources of a cluster from its status.syncResources (every version with a running or stopped synchro).</summary>
    public static IReadOnlyList<SyncedResourceInfo> SyncedResources(this PediaCluster cluster)
    {
        var result = new List<SyncedResourceInfo>();
        foreach (var g in cluster.Status?.SyncResources ?? [])
            foreach (var r in g.Resources)
                foreach (var c in r.SyncConditions)
                {
                    if (c.Status == SyncStatus.Unknown && c.Reason == "ResourceSynchroNotFound") continue;
                    var gvr = new GroupVersionResource(g.Group, c.StorageVersion ?? c.Version, c.StorageResource ?? r.Name);
                    result.Add(new SyncedResourceInfo(gvr, r.Kind, r.Namespaced, c.InitialListPhase ?? false, c.Status));
                }
        return result;
    }

    /// <summary>The ClusterHealthy condition, or null when there is none yet.</summary>
    public static Condition? HealthCondition(this PediaCluster cluster) => Conditions.Find(cluster.Status?.Conditions, ConditionTypes.ClusterHealthy);

    public static bool IsHealthy(this PediaCluster cluster) => cluster.HealthCondition()?.Status == ConditionStatus.True;

    public static bool IsReady(this PediaCluster cluster) => Conditions.Find(cluster.Status?.Conditions, ConditionTypes.Ready)?.Status == ConditionStatus.True;
}
