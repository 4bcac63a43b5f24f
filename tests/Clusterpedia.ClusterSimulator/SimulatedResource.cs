namespace Clusterpedia.ClusterSimulator;

/// <summary>A resource type the simulated cluster serves, in one version.</summary>
/// <param name="Custom">
/// A custom resource, served by the apiextensions server as unstructured objects: its list items carry
/// <c>apiVersion</c> and <c>kind</c>. Built-in types' list items carry neither (kubernetes/kubernetes#3030).
/// </param>
public sealed record SimulatedResource(string Group, string Version, string Resource, string Kind, bool Namespaced, string[] ShortNames, bool Custom = false)
{
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public string Singular => Kind.ToLowerInvariant();

    /// <summary><c>pods</c>, <c>deployments.apps</c>: how kube names the resource in error messages.</summary>
    public string GroupResource => Group.Length == 0 ? Resource : $"{Resource}.{Group}";

    public static readonly SimulatedResource Pods = new("", "v1", "pods", "Pod", true, ["po"]);
    /// <summary>core/v1 Events; each pod gets one when it is created. The involved object is kept in the spec's Owner.</summary>
    public static readonly SimulatedResource Events = new("", "v1", "events", "Event", true, ["ev"]);
    public static readonly SimulatedResource Namespaces = new("", "v1", "namespaces", "Namespace", false, ["ns"]);
    public static readonly SimulatedResource Deployments = new("apps", "v1", "deployments", "Deployment", true, ["deploy"]);
    public static readonly SimulatedResource ReplicaSets = new("apps", "v1", "replicasets", "ReplicaSet", true, ["rs"]);
    public static readonly SimulatedResource CustomResourceDefinitions =
        new("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", false, ["crd", "crds"]);
    /// <summary>The one custom resource, defined by a CRD object in the cluster.</summary>
    public static readonly SimulatedResource CronTabs = new("stable.example.com", "v1", "crontabs", "CronTab", true, ["ct"], Custom: true);

    /// <summary>Clusterpedia's own CRD, so the simulator can also play the host cluster a manager watches.</summary>
    public static readonly SimulatedResource PediaClusters = new("cluster.clusterpedia.io", "v1alpha2", "pediaclusters", "PediaCluster", false, [], Custom: true);

    public static readonly SimulatedResource ClusterSyncResources =
        new("cluster.clusterpedia.io", "v1alpha2", "clustersyncresources", "ClusterSyncResources", false, [], Custom: true);
    public static readonly SimulatedResource Leases = new("coordination.k8s.io", "v1", "leases", "Lease", true, []);
    /// <summary>Secrets clients write, e.g. the credentials a PediaCluster's authenticationFrom names in the host cluster.</summary>
    public static readonly SimulatedResource Secrets = new("", "v1", "secrets", "Secret", true, []);

    /// <summary>
    /// HorizontalPodAutoscalers in autoscaling/v2 and autoscaling/v1: one object seen in both versions, converted as kube
    /// converts it. Which versions a cluster serves, and which it prefers, is <see cref="SimulatorOptions.AutoscalingVersions"/>.
    /// </summary>
    public static readonly SimulatedResource HorizontalPodAutoscalersV2 = new("autoscaling", "v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler", true, ["hpa"]);

    /// <inheritdoc cref="HorizontalPodAutoscalersV2"/>
    public static readonly SimulatedResource HorizontalPodAutoscalersV1 = new("autoscaling", "v1", "horizontalpodautoscalers", "HorizontalPodAutoscaler", true, ["hpa"]);

    public static IReadOnlyList<SimulatedResource> All { get; } =
    [
        Pods, Events, Namespaces, Deployments, ReplicaSets, CustomResourceDefinitions, CronTabs, PediaClusters, ClusterSyncResources, Leases, Secrets,
        HorizontalPodAutoscalersV2, HorizontalPodAutoscalersV1,
    ];

    /// <summary>Resources clients may create, replace and delete; the rest are generated and read-only.</summary>
    public static IReadOnlyList<SimulatedResource> Writable { get; } = [PediaClusters, ClusterSyncResources, Leases, Secrets];

    /// <summary>This resource in every version the simulator knows (itself alone for most): a write to one is seen in all.</summary>
    public IReadOnlyList<SimulatedResource> Versions => All.Where(r => r.Group == Group && r.Resource == Resource).ToArray();

    /// <summary>The HorizontalPodAutoscalers resource in an autoscaling version, v1 or v2.</summary>
    public static SimulatedResource HorizontalPodAutoscalersIn(string version) => version switch
    {
        "v1" => HorizontalPodAutoscalersV1,
        "v2" => HorizontalPodAutoscalersV2,
        _ => throw new ArgumentException($"the simulator serves autoscaling v1 and v2, not {version}", nameof(version)),
    };
}
