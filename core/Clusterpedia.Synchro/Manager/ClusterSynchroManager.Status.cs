using Clusterpedia.Kube.Connection;
using Clusterpedia.Synchro.Api;

namespace Clusterpedia.Synchro.Manager;

// Spec interpretation (credentials, effective sync resources) and status snapshots.
public sealed partial class ClusterSynchroManager
{
    private static KubeCredentials ToCredentials(PediaClusterSpec spec)
    {
        var inline = spec.Kubeconfig is { Length: > 0 } || spec.TokenData is { Length: > 0 } || spec.CertData is { Length: > 0 };
        if (!inline && spec.AuthenticationFrom != null)
            throw new KubeConfigException("invalid cluster config: authenticationFrom needs secrets from a host cluster (ClusterAuthenticationFromSecret); give inline credentials");
        return new KubeCredentials
        {
            Kubeconfig = spec.Kubeconfig,
            Server = spec.Apiserver,
            Token = spec.TokenData,
            CaData = spec.CaData,
            CertData = spec.CertData,
            KeyData = spec.KeyData,
        };
    }

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
