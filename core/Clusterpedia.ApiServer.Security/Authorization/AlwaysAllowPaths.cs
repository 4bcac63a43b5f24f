namespace Clusterpedia.ApiServer.Security.Authorization;

/// <summary><c>--authorization-always-allow-paths</c>: exact non-resource paths, or prefixes written with a trailing <c>*</c>.</summary>
public sealed class AlwaysAllowPaths
{
    private readonly HashSet<string> _exact = new(StringComparer.Ordinal);
    private readonly List<string> _prefixes = [];

    public AlwaysAllowPaths(IEnumerable<string> paths)
    {
        foreach (var raw in paths)
        {
            var p = raw.TrimStart('/');
            if (p.EndsWith('*')) _prefixes.Add(p[..^1]);
            else _exact.Add(p);
        }
    }

    public bool Matches(RequestAttributes attributes)
    {
        if (attributes.IsResourceRequest) return false;
        var path = attributes.Path.TrimStart('/');
        return _exact.Contains(path) || _prefixes.Any(p => path.StartsWith(p, StringComparison.Ordinal));
    }
}
