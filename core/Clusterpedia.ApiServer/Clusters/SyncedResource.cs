using Clusterpedia.Objects;

namespace Clusterpedia.ApiServer.Clusters;

/// <summary>
/// A resource type synced from a cluster and served in the version it is stored in (DESIGN.md §3.2).
/// The discovery metadata (singular name, short names, categories) is what <c>kubectl api-resources</c> shows.
/// </summary>
public sealed record SyncedResource(
    GroupVersionResource Resource,
    string Kind,
    bool Namespaced,
    string SingularName,
    IReadOnlyList<string> ShortNames,
    IReadOnlyList<string> Categories)
{
    /// <summary>A synced resource with no short names or categories, as upstream serves CRDs.</summary>
    public SyncedResource(GroupVersionResource resource, string kind, bool namespaced)
        : this(resource, kind, namespaced, kind.ToLowerInvariant(), [], [])
    {
    }

    /// <summary>A built-in resource with its kind, scope and names from <see cref="BuiltInResources"/>.</summary>
    /// <exception cref="ArgumentException">When the group and resource is not a known built-in.</exception>
    public static SyncedResource BuiltIn(GroupVersionResource resource) =>
        BuiltInResources.TryCreate(resource, out var synced)
            ? synced
            : throw new ArgumentException($"{resource.GroupResource} is not a built-in resource; give its kind and scope", nameof(resource));

    /// <summary>A built-in given as <c>apps/v1/deployments</c> or <c>v1/pods</c>.</summary>
    public static SyncedResource BuiltIn(string groupVersionResource)
    {
        var parts = groupVersionResource.Split('/');
        return parts.Length switch
        {
            2 => BuiltIn(new GroupVersionResource("", parts[0], parts[1])),
            3 => BuiltIn(new GroupVersionResource(parts[0], parts[1], parts[2])),
            _ => throw new ArgumentException($"'{groupVersionResource}' is not group/version/resource", nameof(groupVersionResource)),
        };
    }

    /// <summary>The config under which the storage layer keeps this resource's objects.</summary>
    public Storage.ResourceStorageConfig StorageConfig => new(Resource, Kind, Namespaced);
}
