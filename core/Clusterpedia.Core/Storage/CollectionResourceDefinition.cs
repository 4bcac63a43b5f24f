using Clusterpedia.Objects;

namespace Clusterpedia.Storage;

/// <summary>A collection resource a storage layer offers, as listed by <c>GET .../collectionresources</c>.</summary>
/// <param name="Name">For example <c>any</c>, <c>workloads</c>, <c>kuberesources</c>.</param>
/// <param name="ResourceTypes">The types it collects; empty for <c>any</c>, whose types come from the request.</param>
public sealed record CollectionResourceDefinition(string Name, IReadOnlyList<CollectionResourceType> ResourceTypes);

/// <summary>
/// One type of a collection resource. An empty <paramref name="Resource"/> means every resource of the group, an
/// empty <paramref name="Version"/> every version.
/// </summary>
public sealed record CollectionResourceType(string Group, string Version, string Resource, string? Kind = null)
{
    /// <summary>Whether objects of <paramref name="resource"/> belong to this type.</summary>
    public bool Covers(GroupVersionResource resource) =>
        resource.Group == Group
        && (Version.Length == 0 || resource.Version == Version)
        && (Resource.Length == 0 || resource.Resource == Resource);
}
