using System.Text.Json.Serialization;

namespace Clusterpedia.Kube.Api;

// The few Kubernetes types the client layer reads, as plain records for System.Text.Json source generation.

public sealed record KubeStatus(
    [property: JsonPropertyName("kind")] string? Kind,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("reason")] string? Reason,
    [property: JsonPropertyName("code")] int Code);

public sealed record VersionInfo(
    [property: JsonPropertyName("major")] string? Major,
    [property: JsonPropertyName("minor")] string? Minor,
    [property: JsonPropertyName("gitVersion")] string? GitVersion,
    [property: JsonPropertyName("platform")] string? Platform);

public sealed record ApiVersions([property: JsonPropertyName("versions")] IReadOnlyList<string>? Versions);

public sealed record GroupVersionForDiscovery(
    [property: JsonPropertyName("groupVersion")] string GroupVersion,
    [property: JsonPropertyName("version")] string Version);

public sealed record ApiGroup(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("versions")] IReadOnlyList<GroupVersionForDiscovery>? Versions,
    [property: JsonPropertyName("preferredVersion")] GroupVersionForDiscovery? PreferredVersion);

public sealed record ApiGroupList([property: JsonPropertyName("groups")] IReadOnlyList<ApiGroup>? Groups);

public sealed record ApiResource(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("singularName")] string? SingularName,
    [property: JsonPropertyName("namespaced")] bool Namespaced,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("verbs")] IReadOnlyList<string>? Verbs,
    [property: JsonPropertyName("shortNames")] IReadOnlyList<string>? ShortNames);

public sealed record ApiResourceList(
    [property: JsonPropertyName("groupVersion")] string GroupVersion,
    [property: JsonPropertyName("resources")] IReadOnlyList<ApiResource>? Resources);

[JsonSerializable(typeof(KubeStatus))]
[JsonSerializable(typeof(VersionInfo))]
[JsonSerializable(typeof(ApiVersions))]
[JsonSerializable(typeof(ApiGroupList))]
[JsonSerializable(typeof(ApiResourceList))]
internal sealed partial class KubeJsonContext : JsonSerializerContext;
