using System.Globalization;
using System.Text;

namespace Clusterpedia.Storage.Internal.Config;

/// <summary>Go's <c>time.Duration</c> text (<c>1h30m</c>, <c>200ms</c>, <c>1.5s</c>) or a bare number of nanoseconds.</summary>
internal static class GoDuration
{
    public static bool TryParse(string text, out TimeSpan value)
    {
        var parsed = TryParseNanoseconds(text, out var nanos);
        value = TimeSpan.FromTicks(nanos / 100);
        return parsed;
    }

    /// <summary>Parses to nanoseconds, Go's resolution (a <see cref="TimeSpan"/> cannot hold <c>1ns</c>).</summary>
    public static bool TryParseNanoseconds(string text, out long value)
    {
        value = 0;
        text = text.Trim();
        if (text.Length == 0) return false;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var nanos))
        {
            value = nanos;
            return true;
        }
        var negative = text[0] == '-';
        var i = text[0] is '-' or '+' ? 1 : 0;
        if (i >= text.Length) return false;
        double total = 0;
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
                "ns" => 1,
                "us" or "µs" or "μs" => 1e3,
                "ms" => 1e6,
                "s" => 1e9,
                "m" => 60e9,
                "h" => 3600e9,
                _ => null,
            };
            if (unit is null) return false;
            total += number * unit.Value;
        }
        value = (long)Math.Round(negative ? -total : total);
        return true;
    }

    /// <summary>Go's <c>Duration.String()</c>: <c>200ms</c>, <c>1.5s</c>, <c>1m30s</c>, <c>1h0m0s</c>, <c>0s</c>.</summary>
    public static string Format(long nanoseconds)
    {
        if (nanoseconds == 0) return "0s";
        var sb = new StringBuilder();
        if (nanoseconds < 0) sb.Append('-');
        var u = nanoseconds == long.MinValue ? (ulong)long.MaxValue + 1 : (ulong)Math.Abs(nanoseconds);
        if (u < 1_000_000_000)
        {
            if (u < 1_000) return sb.Append(u.ToString(CultureInfo.InvariantCulture)).Append("ns").ToString();
            var (digits, unit) = u < 1_000_000 ? (3, "µs") : (6, "ms");
            return sb.Append(Fraction(u, digits)).Append(unit).ToString();
        }
        var seconds = Fraction(u, 9);
        u /= 1_000_000_000;
        var minutes = u / 60;
        var hours = minutes / 60;
        if (hours > 0) sb.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
        if (minutes > 0) sb.Append((minutes % 60).ToString(CultureInfo.InvariantCulture)).Append('m');
        // Fraction printed the whole seconds too; Go prints seconds modulo 60.
        var fraction = seconds.IndexOf('.', StringComparison.Ordinal) is var dot and >= 0 ? seconds[dot..] : "";
        return sb.Append((u % 60).ToString(CultureInfo.InvariantCulture)).Append(fraction).Append('s').ToString();
    }

    /// <summary><paramref name="value"/> / 10^<paramref name="digits"/> with the fraction's trailing zeros dropped.</summary>
    private static string Fraction(ulong value, int digits)
    {
        var scale = (ulong)Math.Pow(10, digits);
        var whole = (value / scale).ToString(CultureInfo.InvariantCulture);
        var fraction = (value % scale).ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0').TrimEnd('0');
        return fraction.Length == 0 ? whole : whole + "." + fraction;
    }
}
