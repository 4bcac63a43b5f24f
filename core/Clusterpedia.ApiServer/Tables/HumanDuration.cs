using System.Globalization;

namespace Clusterpedia.ApiServer.Tables;

/// <summary>kubectl's age formatting (k8s.io/apimachinery/pkg/util/duration.HumanDuration): 45s, 5m10s, 3h, 2d4h, 1y20d.</summary>
public static class HumanDuration
{
    public static string Format(TimeSpan d)
    {
        var seconds = (long)Math.Floor(d.TotalSeconds);
        if (seconds < -1) return "<invalid>";
        if (seconds < 0) return "0s";
        if (seconds < 60 * 2) return Str(seconds) + "s";
        var minutes = seconds / 60;
        if (minutes < 10)
        {
            var s = seconds % 60;
            return s == 0 ? Str(minutes) + "m" : $"{Str(minutes)}m{Str(s)}s";
        }
        if (minutes < 60 * 3) return Str(minutes) + "m";
        var hours = minutes / 60;
        if (hours < 8)
        {
            var m = minutes % 60;
            return m == 0 ? Str(hours) + "h" : $"{Str(hours)}h{Str(m)}m";
        }
        if (hours < 48) return Str(hours) + "h";
        if (hours < 24 * 8)
        {
            var h = hours % 24;
            return h == 0 ? Str(hours / 24) + "d" : $"{Str(hours / 24)}d{Str(h)}h";
        }
        if (hours < 24 * 365 * 2) return Str(hours / 24) + "d";
        if (hours < 24 * 365 * 8)
        {
            var dy = hours / 24 % 365;
            return dy == 0 ? Str(hours / 24 / 365) + "y" : $"{Str(hours / 24 / 365)}y{Str(dy)}d";
        }
        return Str(hours / 24 / 365) + "y";
    }

    /// <summary>The age of a timestamp, <c>&lt;unknown&gt;</c> when it is missing (kubectl's translateTimestampSince).</summary>
    public static string Since(DateTimeOffset? timestamp, DateTimeOffset now) =>
        timestamp is { } t ? Format(now - t) : "<unknown>";

    private static string Str(long value) => value.ToString(CultureInfo.InvariantCulture);
}
