using System.Text.Json.Serialization;

namespace Clusterpedia.Synchro.Api;

// cluster.clusterpedia.io/v1alpha2 PediaCluster, field for field as upstream's api/cluster/v1alpha2/types.go.

public sealed class PediaCluster
{
    public const string ApiGroupVersion = "cluster.clusterpedia.io/v1alpha2";
    public const string KindName = "PediaCluster";

    public string ApiVersion { get; set; } = ApiGroupVersion;
    public string Kind { get; set; } = KindName;
    public ObjectMeta Metadata { get; set; } = new();
    public PediaClusterSpec Spec { get; set; } = new();
    public PediaClusterStatus? Status { get; set; }
}

public sealed class ObjectMeta
{
    public string Name { get; set; } = "";
    public string? Uid { get; set; }
    public string? ResourceVersion { get; set; }
    public long? Generation { get; set; }
    public DateTimeOffset? CreationTimestamp { get; set; }
    public DateTimeOffset? DeletionTimestamp { get; set; }
    public Dictionary<string, string>? Labels { get; set; }
    public Dictionary<string, string>? Annotations { get; set; }
    public List<string>? Finalizers { get; set; }
}

public sealed class PediaClusterSpec
{
    public string? Apiserver { get; set; }
    public byte[]? Kubeconfig { get; set; }
    public byte[]? CaData { get; set; }
    public byte[]? TokenData { get; set; }
    public byte[]? CertData { get; set; }
    public byte[]? KeyData { get; set; }
    public AuthenticationFrom? AuthenticationFrom { get; set; }
    public List<ClusterGroupResources> SyncResources { get; set; } = [];
    public bool SyncAllCustomResources { get; set; }
    public string? SyncResourcesRefName { get; set; }
    public string? ShardingName { get; set; }
}

public sealed class AuthenticationFrom
{
    public SecretKeySelector? Kubeconfig { get; set; }
    public SecretKeySelector? Ca { get; set; }
    public SecretKeySelector? Token { get; set; }
    public SecretKeySelector? Cert { get; set; }
    public SecretKeySelector? Key { get; set; }
}

public sealed class SecretKeySelector
{
    public string Name { get; set; } = "";
    public string Key { get; set; } = "";
}

public sealed class ClusterGroupResources
{
    public string Group { get; set; } = "";
    public List<string>? Versions { get; set; }
    public List<string> Resources { get; set; } = [];
    public List<string>? EventsInvolvedResources { get; set; }
}

public sealed class PediaClusterStatus
{
    public string? Apiserver { get; set; }
    public string? Version { get; set; }
    public List<Condition>? Conditions { get; set; }
    public string? ShardingName { get; set; }
    public List<ClusterGroupResourcesStatus>? SyncResources { get; set; }
}

public sealed class Condition
{
    public string Type { get; set; } = "";
    public string Status { get; set; } = "";
    public long? ObservedGeneration { get; set; }
    public DateTimeOffset LastTransitionTime { get; set; }
    public string Reason { get; set; } = "";
    public string Message { get; set; } = "";
}

public sealed class ClusterGroupResourcesStatus
{
    public string Group { get; set; } = "";
    public List<ClusterResourceStatus> Resources { get; set; } = [];
}

public sealed class ClusterResourceStatus
{
    public string Name { get; set; } = "";
    public string Kind { get; set; } = "";
    public bool Namespaced { get; set; }
    public List<ClusterResourceSyncCondition> SyncConditions { get; set; } = [];
}

public sealed class ClusterResourceSyncCondition
{
    public string Version { get; set; } = "";
    public string? SyncVersion { get; set; }
    public string? SyncResource { get; set; }
    public string? StorageVersion { get; set; }
    public string? StorageResource { get; set; }
    public string Status { get; set; } = "";
    public string? Reason { get; set; }
    public string? Message { get; set; }
    public bool? InitialListPhase { get; set; }
    public DateTimeOffset LastTransitionTime { get; set; }
}

/// <summary>ClusterSyncResources: a shared set of sync resources a PediaCluster references by name.</summary>
public sealed class ClusterSyncResources
{
    public string ApiVersion { get; set; } = PediaCluster.ApiGroupVersion;
    public string Kind { get; set; } = "ClusterSyncResources";
    public ObjectMeta Metadata { get; set; } = new();
    public ClusterSyncResourcesSpec Spec { get; set; } = new();
}

public sealed class ClusterSyncResourcesSpec
{
    public List<ClusterGroupResources> SyncResources { get; set; } = [];
}

/// <summary>Just enough of any manifest to tell which type it is.</summary>
public sealed class TypeMeta
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = false)]
[JsonSerializable(typeof(PediaCluster))]
[JsonSerializable(typeof(ClusterSyncResources))]
[JsonSerializable(typeof(TypeMeta))]
[JsonSerializable(typeof(Secret))]
[JsonSerializable(typeof(List<PediaCluster>))]
public sealed partial class SynchroJsonContext : JsonSerializerContext;
