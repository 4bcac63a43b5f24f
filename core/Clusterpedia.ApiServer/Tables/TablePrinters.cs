using Clusterpedia.ApiServer.Tables.Printers;
using Clusterpedia.Objects;

namespace Clusterpedia.ApiServer.Tables;

/// <summary>The printer for each built-in resource; everything else gets the default Name / Created At table.</summary>
public static class TablePrinters
{
    private static readonly Dictionary<GroupResource, TablePrinter> Printers = new()
    {
        [new("", "pods")] = PodPrinter.Instance,
        [new("apps", "deployments")] = WorkloadPrinters.Deployment,
        [new("apps", "replicasets")] = WorkloadPrinters.ReplicaSet,
        [new("apps", "statefulsets")] = WorkloadPrinters.StatefulSet,
        [new("apps", "daemonsets")] = WorkloadPrinters.DaemonSet,
        [new("batch", "jobs")] = BatchPrinters.Job,
        [new("batch", "cronjobs")] = BatchPrinters.CronJob,
        [new("", "services")] = NetworkPrinters.Service,
        [new("networking.k8s.io", "ingresses")] = NetworkPrinters.Ingress,
        [new("", "endpoints")] = NetworkPrinters.Endpoints,
        [new("", "configmaps")] = ConfigPrinters.ConfigMap,
        [new("", "secrets")] = ConfigPrinters.Secret,
        [new("", "serviceaccounts")] = ConfigPrinters.ServiceAccount,
        [new("", "namespaces")] = ClusterPrinters.Namespace,
        [new("", "nodes")] = ClusterPrinters.Node,
        [new("", "persistentvolumes")] = ClusterPrinters.PersistentVolume,
        [new("", "persistentvolumeclaims")] = ClusterPrinters.PersistentVolumeClaim,
        [new("", "events")] = EventPrinter.Instance,
        [new("events.k8s.io", "events")] = EventPrinter.Instance,
    };

    public static TablePrinter Default => DefaultPrinter.Instance;

    public static TablePrinter For(GroupResource resource) => Printers.GetValueOrDefault(resource, DefaultPrinter.Instance);
}
