using System.Text.RegularExpressions;

namespace Clusterpedia.ApiServer.Clusters;

/// <summary>
/// Orders API versions as Kubernetes does (newest first): GA before beta before alpha, higher numbers first,
/// versions that do not look like Kubernetes versions last, alphabetically.
/// </summary>
public sealed partial class KubeVersionComparer : IComparer<string>
{
    public static KubeVersionComparer Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        var a = Rank(x ?? "");
        var b = Rank(y ?? "");
        if (a.Stability != b.Stability) return b.Stability.CompareTo(a.Stability);
        if (a.Stability == 0) return string.CompareOrdinal(x, y);
        if (a.Major != b.Major) return b.Major.CompareTo(a.Major);
        return b.Minor.CompareTo(a.Minor);
    }

    // Stability: 3 = GA, 2 = beta, 1 = alpha, 0 = not a Kubernetes-style version.
    private static (int Stability, int Major, int Minor) Rank(string version)
    {
        var m = KubeVersion().Match(version);
        if (!m.Success || !int.TryParse(m.Groups[1].Value, out var major)) return (0, 0, 0);
        if (m.Groups[2].Value.Length == 0) return (3, major, 0);
        if (!int.TryParse(m.Groups[3].Value, out var minor)) return (0, 0, 0);
        return (m.Groups[2].Value == "beta" ? 2 : 1, major, minor);
    }

    [GeneratedRegex("^v([0-9]+)(?:(alpha|beta)([0-9]+))?$", RegexOptions.CultureInvariant)]
    private static partial Regex KubeVersion();
}
