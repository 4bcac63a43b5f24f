namespace Clusterpedia.ApiServer.Http;

public enum KubePathKind
{
    /// <summary>Nothing we serve: answered 404.</summary>
    Unknown,
    /// <summary><c>/api</c></summary>
    CoreVersions,
    /// <summary><c>/apis</c></summary>
    GroupList,
    /// <summary><c>/apis/&lt;group&gt;</c></summary>
    Group,
    /// <summary><c>/api/v1</c> or <c>/apis/&lt;group&gt;/&lt;version&gt;</c></summary>
    ResourceList,
    /// <summary><c>/version</c></summary>
    Version,
    /// <summary>A resource, object or subresource path.</summary>
    Resource,
}

/// <summary>
/// A Kubernetes API path below the resources prefix, parsed as k8s.io/apiserver's RequestInfoFactory does, with
/// Clusterpedia's tweak that <c>/api/v1/namespaces/foo</c> is the namespace object <c>foo</c>, not a namespace scope.
/// </summary>
public sealed record KubePath(
    KubePathKind Kind,
    string Group = "",
    string Version = "",
    string Resource = "",
    string? Namespace = null,
    string? Name = null,
    string? Subresource = null,
    bool LegacyWatch = false)
{
    private static readonly KubePath UnknownPath = new(KubePathKind.Unknown);

    public bool IsNamespacedPath => Namespace is not null;

    public static KubePath Parse(ReadOnlySpan<char> path)
    {
        var parts = path.ToString().Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) return UnknownPath;
        switch (parts[0])
        {
            case "version" when parts.Length == 1:
                return new KubePath(KubePathKind.Version);
            case "api":
                return parts.Length switch
                {
                    1 => new KubePath(KubePathKind.CoreVersions),
                    2 => new KubePath(KubePathKind.ResourceList, "", parts[1]),
                    _ => ParseResource("", parts[1], parts.AsSpan(2)),
                };
            case "apis":
                return parts.Length switch
                {
                    1 => new KubePath(KubePathKind.GroupList),
                    2 => new KubePath(KubePathKind.Group, parts[1]),
                    3 => new KubePath(KubePathKind.ResourceList, parts[1], parts[2]),
                    _ => ParseResource(parts[1], parts[2], parts.AsSpan(3)),
                };
            default:
                return UnknownPath;
        }
    }

    private static KubePath ParseResource(string group, string version, ReadOnlySpan<string> parts)
    {
        var legacyWatch = false;
        if (parts[0] == "watch")
        {
            legacyWatch = true;
            parts = parts[1..];
            if (parts.Length == 0) return UnknownPath;
        }

        string? ns = null;
        if (parts[0] == "namespaces" && parts.Length > 1)
        {
            ns = parts[1];
            // namespaces/<ns>/status and /finalize are subresources of the namespace itself.
            if (parts.Length > 2 && parts[2] is not ("status" or "finalize")) parts = parts[2..];
        }
        var resource = parts[0];
        var name = parts.Length > 1 ? parts[1] : null;
        var subresource = parts.Length > 2 ? string.Join('/', parts[2..].ToArray()) : null;
        // A namespace is an object named by its path, not a scope.
        if (resource == "namespaces" && group.Length == 0) ns = null;
        return new KubePath(KubePathKind.Resource, group, version, resource, ns, name, subresource, legacyWatch);
    }
}
