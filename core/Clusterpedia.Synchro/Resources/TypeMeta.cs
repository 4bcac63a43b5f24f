namespace Clusterpedia.Synchro.Resources;

/// <summary>
/// The <c>apiVersion</c> and <c>kind</c> every stored object carries. A real kube-apiserver omits both on the list
/// items of built-in types, so the synchro derives them from the synced group/version and discovery's kind.
/// </summary>
public sealed record TypeMeta(string ApiVersion, string Kind)
{
    public static TypeMeta Of(string group, string version, string kind) => new(group.Length == 0 ? version : $"{group}/{version}", kind);

    /// <summary>core/v1 Events, recorded into their involved objects' rows.</summary>
    public static TypeMeta Event { get; } = new("v1", "Event");
}
