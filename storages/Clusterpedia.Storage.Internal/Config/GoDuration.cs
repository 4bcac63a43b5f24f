using System.Globalization;

namespace Clusterpedia.Storage.Internal.Config;

/// <summary>Parses Go's <c>time.Duration</c> text (<c>1h30m</c>, <c>200ms</c>, <c>1.5s</c>) or a bare number of nanoseconds.</summary>
internal static class GoDuration
{
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        text = text.Trim();
        if (text.Length == 0) return false;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var nanos))
        {
            value = TimeSpan.FromTicks(nanos / 100);
            return true;
        }
        var negative = text[0] == '-';
        var i = text[0] is '-' or '+' ? 1 : 0;
        if (i >= text.Length) return false;
        double ticks = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.')) i++;
            if (start == i || !double.TryParse(text.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
                return false;
            var unitStart = i;
            while (i < text.Length && !char.IsAsciiDigit(text[i]) && text[i] != '.') i++;
            double? unit = text[unitStart..i] switch
            {
                "ns" => 0.01,
                "us" or "µs" or "μs" => 10,
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute,
                "h" => TimeSpan.TicksPerHour,
                _ => null,
            };
            if (unit is null) return false;
            ticks += number * unit.Value;
        }
        value = TimeSpan.FromTicks((long)(negative ? -ticks : ticks));
        return true;
    }
}
