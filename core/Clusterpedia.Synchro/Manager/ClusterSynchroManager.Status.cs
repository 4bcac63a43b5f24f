using Clusterpedia.Kube.Connection;
using Clusterpedia.Synchro.Api;

namespace Clusterpedia.Synchro.Manager;

// Spec interpretation (credentials, effective sync resources) and status snapshots.
public sealed partial class ClusterSynchroManager
{
    private KubeCredentials ToCredentials(PediaClusterSpec spec) =>
        ClusterCredentials.Resolve(spec, _options.ClusterAuthenticationFromSecret, _secrets);

    /// <summary>spec.syncResources plus the referenced ClusterSyncResources; a missing reference only warns.</summary>
    private (List<ClusterGroupResources> Resources, string Message, string? Error) EffectiveSyncResources(PediaClusterSpec spec)
    {
        var resources = new List<ClusterGroupResources>(spec.SyncResources);
        var message = "";
        if (!string.IsNullOrEmpty(spec.SyncResourcesRefName))
        {
            lock (_gate)
            {
                if (_syncResourceSets.TryGetValue(spec.SyncResourcesRefName, out var set)) resources.AddRange(set.Spec.SyncResources);
                else message = "Warning: sync resource ref is not found";
            }
        }
        return (resources, message, null);
    }

    private void SetValidated(ClusterEntry entry, string status, string reason, string message)
    {
        lock (_gate)
        {
            Conditions.Set(entry.Conditions, ConditionTypes.Validated, status, reason, message);
            if (status != ConditionStatus.True && entry.Synchro is null)
                Conditions.Set(entry.Conditions, ConditionTypes.SynchroRunning, ConditionStatus.False, reason, message);
        }
    }

    private PediaCluster Snapshot(ClusterEntry entry)
    {
        var synchro = entry.Synchro;
        var status = new PediaClusterStatus { Apiserver = entry.Apiserver, Version = synchro?.Version ?? entry.LastVersion };
        List<Condition> conditions;
        lock (_gate)
        {
            if (synchro != null) entry.LastVersion = synchro.Version;
            var health = synchro?.Health;
            if (health != null)
                Conditions.Set(entry.Conditions, ConditionTypes.ClusterHealthy, health.Status, health.Reason, health.Message);
            else
                Conditions.Set(entry.Conditions, ConditionTypes.ClusterHealthy, ConditionStatus.Unknown, ConditionReasons.MonitorStop, "");
            Conditions.UpdateReady(entry.Conditions);
            conditions = entry.Conditions.Select(c => new Condition
            {
                Type = c.Type, Status = c.Status, Reason = c.Reason, Message = c.Message, LastTransitionTime = c.LastTransitionTime,
                ObservedGeneration = entry.Cluster.Metadata.Generation,
            }).ToList();
        }
        status.Conditions = conditions;
        status.SyncResources = synchro?.SyncResourcesStatus() ?? [];
        return new PediaCluster
        {
            Metadata = entry.Cluster.Metadata,
            Spec = entry.Cluster.Spec,
            Status = status,
        };
    }
}
