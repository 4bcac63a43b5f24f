using Clusterpedia.Query;

namespace Clusterpedia.Storage;

/// <summary>
/// Upstream's collection resources, one definition for every storage layer: <c>any</c> (the request's
/// <c>groups</c>/<c>resources</c> URL parameters choose the types), <c>workloads</c> (apps/v1 deployments, daemonsets,
/// statefulsets) and <c>kuberesources</c> (every group of <see cref="KubeResourceGroups"/>).
/// </summary>
public static class BuiltInCollectionResources
{
    public const string Any = "any";
    public const string Workloads = "workloads";
    public const string KubeResources = "kuberesources";

    /// <summary>The three definitions, in upstream's order.</summary>
    public static IReadOnlyList<CollectionResourceDefinition> All { get; } =
    [
        new(Any, []),
        new(Workloads,
        [
            new("apps", "v1", "deployments", "Deployment"),
            new("apps", "v1", "daemonsets", "DaemonSet"),
            new("apps", "v1", "statefulsets", "StatefulSet"),
        ]),
        new(KubeResources, KubeResourceGroups.All.Select(g => new CollectionResourceType(g, "", "")).ToArray()),
    ];

    /// <summary>The definition named <paramref name="name"/>, or null when it is not one of these.</summary>
    public static CollectionResourceDefinition? Find(string name) => All.FirstOrDefault(d => d.Name == name);

    /// <summary>
    /// The types one request of <paramref name="definition"/> reads: its own, or for <c>any</c> those the URL parameters
    /// name (see <see cref="AnyCollectionParameters"/>). Null means every type.
    /// </summary>
    /// <exception cref="StorageException">With <see cref="StorageErrorKind.Invalid"/> for bad <c>any</c> parameters.</exception>
    public static IReadOnlyList<CollectionResourceType>? TypesOf(CollectionResourceDefinition definition, ListOptions options) =>
        definition.Name == Any ? AnyCollectionParameters.Parse(options.UrlQuery) : definition.ResourceTypes;
}
