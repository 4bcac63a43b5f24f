using System.Text.RegularExpressions;

namespace Clusterpedia.Synchro.Clusters;

/// <summary>Kubernetes' version priority: GA before beta before alpha, higher numbers first, non-kube versions last (alphabetical).</summary>
public sealed partial class KubeVersionOrder : IComparer<string>
{
    public static KubeVersionOrder NewestFirst { get; } = new();

    [GeneratedRegex(@"^v(\d+)(?:(alpha|beta)(\d+))?$")]
    private static partial Regex KubeVersion();

    public int Compare(string? x, string? y)
    {
        var (kx, mx, sx, nx) = Parse(x ?? "");
        var (ky, my, sy, ny) = Parse(y ?? "");
        if (kx != ky) return kx ? -1 : 1;
        if (!kx) return string.CompareOrdinal(x, y);
        if (sx != sy) return sy.CompareTo(sx);
        if (mx != my) return my.CompareTo(mx);
        return ny.CompareTo(nx);
    }

    private static (bool Kube, int Major, int Stability, int Minor) Parse(string v)
    {
        var m = KubeVersion().Match(v);
        if (!m.Success) return (false, 0, 0, 0);
        var stability = m.Groups[2].Value switch { "alpha" => 0, "beta" => 1, _ => 2 };
        return (true, int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), stability,
            m.Groups[3].Success && m.Groups[3].Length > 0 ? int.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture) : 0);
    }
}
