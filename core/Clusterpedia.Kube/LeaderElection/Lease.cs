using System.Text.Json.Serialization;

namespace Clusterpedia.Kube.LeaderElection;

// coordination.k8s.io/v1 Lease, only the fields leader election uses. Times are MicroTime strings.

public sealed class Lease
{
    public string ApiVersion { get; set; } = "coordination.k8s.io/v1";
    public string Kind { get; set; } = "Lease";
    public LeaseMetadata Metadata { get; set; } = new();
    public LeaseSpec Spec { get; set; } = new();
}

public sealed class LeaseMetadata
{
    public string Name { get; set; } = "";
    public string? Namespace { get; set; }
    public string? ResourceVersion { get; set; }
}

public sealed class LeaseSpec
{
    public string? HolderIdentity { get; set; }
    public int? LeaseDurationSeconds { get; set; }
    public string? AcquireTime { get; set; }
    public string? RenewTime { get; set; }
    public int? LeaseTransitions { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Lease))]
internal sealed partial class LeaseJsonContext : JsonSerializerContext;
