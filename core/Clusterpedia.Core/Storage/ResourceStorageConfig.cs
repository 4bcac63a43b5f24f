using Clusterpedia.Objects;

namespace Clusterpedia.Storage;

/// <summary>Which resource an <see cref="IResourceStorage"/> serves.</summary>
/// <param name="Resource">The storage resource: group, the version objects are stored in, and the plural resource.</param>
/// <param name="Kind">The object kind, e.g. <c>Pod</c>.</param>
/// <param name="Namespaced">Whether objects live in namespaces.</param>
public sealed record ResourceStorageConfig(GroupVersionResource Resource, string Kind, bool Namespaced);
