namespace Clusterpedia.ClusterSimulator;

/// <summary>A resource type the simulated cluster serves.</summary>
public sealed record SimulatedResource(string Group, string Version, string Resource, string Kind, bool Namespaced, string[] ShortNames)
{
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public string Singular => Kind.ToLowerInvariant();

    /// <summary>Served by the apiextensions server (a CRD), whose list items keep apiVersion and kind.</summary>
    public bool IsCustomResource => Group is "stable.example.com" or "cluster.clusterpedia.io";

    public static readonly SimulatedResource Pods = new("", "v1", "pods", "Pod", true, ["po"]);
    /// <summary>core/v1 Events; each pod gets one when it is created. The involved object is kept in the spec's Owner.</summary>
    public static readonly SimulatedResource Events = new("", "v1", "events", "Event", true, ["ev"]);
    public static readonly SimulatedResource Namespaces = new("", "v1", "namespaces", "Namespace", false, ["ns"]);
    public static readonly SimulatedResource Deployments = new("apps", "v1", "deployments", "Deployment", true, ["deploy"]);
    public static readonly SimulatedResource ReplicaSets = new("apps", "v1", "replicasets", "ReplicaSet", true, ["rs"]);
    public static readonly SimulatedResource CustomResourceDefinitions =
        new("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", false, ["crd", "crds"]);
    /// <summary>The one custom resource, defined by a CRD object in the cluster.</summary>
    public static readonly SimulatedResource CronTabs = new("stable.example.com", "v1", "crontabs", "CronTab", true, ["ct"]);

    /// <summary>Clusterpedia's own CRD, so the simulator can also play the host cluster a manager watches.</summary>
    public static readonly SimulatedResource PediaClusters = new("cluster.clusterpedia.io", "v1alpha2", "pediaclusters", "PediaCluster", false, []);

    public static readonly SimulatedResource ClusterSyncResources = new("cluster.clusterpedia.io", "v1alpha2", "clustersyncresources", "ClusterSyncResources", false, []);
    public static readonly SimulatedResource Leases = new("coordination.k8s.io", "v1", "leases", "Lease", true, []);
    /// <summary>Secrets clients write, e.g. the credentials a PediaCluster's authenticationFrom names in the host cluster.</summary>
    public static readonly SimulatedResource Secrets = new("", "v1", "secrets", "Secret", true, []);

    public static IReadOnlyList<SimulatedResource> All { get; } =
        [Pods, Events, Namespaces, Deployments, ReplicaSets, CustomResourceDefinitions, CronTabs, PediaClusters, ClusterSyncResources, Leases, Secrets];

    /// <summary>Resources clients may create, replace and delete; the rest are generated and read-only.</summary>
    public static IReadOnlyList<SimulatedResource> Writable { get; } = [PediaClusters, ClusterSyncResources, Leases, Secrets];
}
