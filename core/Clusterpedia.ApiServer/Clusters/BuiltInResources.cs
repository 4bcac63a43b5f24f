using Clusterpedia.Objects;

namespace Clusterpedia.ApiServer.Clusters;

/// <summary>
/// Discovery metadata of the built-in Kubernetes resources (kind, scope, short names, categories), as the host
/// cluster's discovery reports them upstream. CRDs are not here: upstream serves them without short names.
/// </summary>
public static class BuiltInResources
{
    private sealed record Entry(string Kind, bool Namespaced, string[] ShortNames, bool InAll);

    private static readonly Dictionary<GroupResource, Entry> Table = new()
    {
        [new("", "bindings")] = new("Binding", true, [], false),
        [new("", "componentstatuses")] = new("ComponentStatus", false, ["cs"], false),
        [new("", "configmaps")] = new("ConfigMap", true, ["cm"], false),
        [new("", "endpoints")] = new("Endpoints", true, ["ep"], false),
        [new("", "events")] = new("Event", true, ["ev"], false),
        [new("", "limitranges")] = new("LimitRange", true, ["limits"], false),
        [new("", "namespaces")] = new("Namespace", false, ["ns"], false),
        [new("", "nodes")] = new("Node", false, ["no"], false),
        [new("", "persistentvolumeclaims")] = new("PersistentVolumeClaim", true, ["pvc"], false),
        [new("", "persistentvolumes")] = new("PersistentVolume", false, ["pv"], false),
        [new("", "pods")] = new("Pod", true, ["po"], true),
        [new("", "podtemplates")] = new("PodTemplate", true, [], false),
        [new("", "replicationcontrollers")] = new("ReplicationController", true, ["rc"], true),
        [new("", "resourcequotas")] = new("ResourceQuota", true, ["quota"], false),
        [new("", "secrets")] = new("Secret", true, [], false),
        [new("", "serviceaccounts")] = new("ServiceAccount", true, ["sa"], false),
        [new("", "services")] = new("Service", true, ["svc"], true),
        [new("apps", "controllerrevisions")] = new("ControllerRevision", true, [], false),
        [new("apps", "daemonsets")] = new("DaemonSet", true, ["ds"], true),
        [new("apps", "deployments")] = new("Deployment", true, ["deploy"], true),
        [new("apps", "replicasets")] = new("ReplicaSet", true, ["rs"], true),
        [new("apps", "statefulsets")] = new("StatefulSet", true, ["sts"], true),
        [new("autoscaling", "horizontalpodautoscalers")] = new("HorizontalPodAutoscaler", true, ["hpa"], true),
        [new("batch", "cronjobs")] = new("CronJob", true, ["cj"], true),
        [new("batch", "jobs")] = new("Job", true, [], true),
        [new("networking.k8s.io", "ingresses")] = new("Ingress", true, ["ing"], false),
        [new("networking.k8s.io", "ingressclasses")] = new("IngressClass", false, [], false),
        [new("networking.k8s.io", "networkpolicies")] = new("NetworkPolicy", true, ["netpol"], false),
        [new("policy", "poddisruptionbudgets")] = new("PodDisruptionBudget", true, ["pdb"], false),
        [new("rbac.authorization.k8s.io", "clusterrolebindings")] = new("ClusterRoleBinding", false, [], false),
        [new("rbac.authorization.k8s.io", "clusterroles")] = new("ClusterRole", false, [], false),
        [new("rbac.authorization.k8s.io", "rolebindings")] = new("RoleBinding", true, [], false),
        [new("rbac.authorization.k8s.io", "roles")] = new("Role", true, [], false),
        [new("storage.k8s.io", "csidrivers")] = new("CSIDriver", false, [], false),
        [new("storage.k8s.io", "csinodes")] = new("CSINode", false, [], false),
        [new("storage.k8s.io", "csistoragecapacities")] = new("CSIStorageCapacity", true, [], false),
        [new("storage.k8s.io", "storageclasses")] = new("StorageClass", false, ["sc"], false),
        [new("storage.k8s.io", "volumeattachments")] = new("VolumeAttachment", false, [], false),
        [new("coordination.k8s.io", "leases")] = new("Lease", true, [], false),
        [new("discovery.k8s.io", "endpointslices")] = new("EndpointSlice", true, [], false),
        [new("events.k8s.io", "events")] = new("Event", true, ["ev"], false),
        [new("apiextensions.k8s.io", "customresourcedefinitions")] = new("CustomResourceDefinition", false, ["crd", "crds"], false),
        [new("admissionregistration.k8s.io", "mutatingwebhookconfigurations")] = new("MutatingWebhookConfiguration", false, [], false),
        [new("admissionregistration.k8s.io", "validatingwebhookconfigurations")] = new("ValidatingWebhookConfiguration", false, [], false),
        [new("scheduling.k8s.io", "priorityclasses")] = new("PriorityClass", false, ["pc"], false),
        [new("node.k8s.io", "runtimeclasses")] = new("RuntimeClass", false, [], false),
        [new("certificates.k8s.io", "certificatesigningrequests")] = new("CertificateSigningRequest", false, ["csr"], false),
        [new("apiregistration.k8s.io", "apiservices")] = new("APIService", false, [], false),
    };

    private static readonly string[] AllCategory = ["all"];

    public static bool IsBuiltIn(GroupResource resource) => Table.ContainsKey(resource);

    /// <summary>The synced-resource description of a built-in resource in the given version.</summary>
    public static bool TryCreate(GroupVersionResource resource, out SyncedResource synced)
    {
        if (!Table.TryGetValue(resource.GroupResource, out var e))
        {
            synced = null!;
            return false;
        }
        synced = new SyncedResource(resource, e.Kind, e.Namespaced, e.Kind.ToLowerInvariant(), e.ShortNames, e.InAll ? AllCategory : []);
        return true;
    }

    /// <summary>
    /// Fills in the short names and categories of a resource the synchro describes, when it is a built-in and the
    /// description has none (upstream copies them from the host cluster's discovery).
    /// </summary>
    public static SyncedResource Enrich(SyncedResource resource)
    {
        if (resource.ShortNames.Count > 0 || resource.Categories.Count > 0) return resource;
        if (!Table.TryGetValue(resource.Resource.GroupResource, out var e)) return resource;
        return resource with { ShortNames = e.ShortNames, Categories = e.InAll ? AllCategory : [] };
    }
}
