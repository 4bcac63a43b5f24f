namespace Clusterpedia.Storage;

/// <summary>
/// What a storage holds for one (cluster, storage resource): object key -> resourceVersion, and the
/// recorded Events' key -> resourceVersion. Keys are <c>namespace/name</c>, or <c>name</c> for cluster-scoped objects.
/// </summary>
public sealed record ClusterResourceVersions(
    IReadOnlyDictionary<string, string> Resources,
    IReadOnlyDictionary<string, string> Events)
{
    public static string KeyOf(string @namespace, string name) => @namespace.Length == 0 ? name : $"{@namespace}/{name}";
}
