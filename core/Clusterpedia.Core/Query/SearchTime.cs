using System.Globalization;

namespace Clusterpedia.Query;

/// <summary>
/// The time formats of <c>since</c> and <c>before</c>, chosen by shape as upstream does: a value with <c>T</c> is
/// RFC 3339 (with a zone: <c>Z</c> or <c>±hh:mm</c>), with a space <c>2006-01-02 15:04:05</c>, with <c>-</c>
/// <c>2006-01-02</c>, otherwise a Unix timestamp of 10 digits (seconds) or 13 digits (milliseconds).
/// Times without a zone are UTC.
/// </summary>
public static class SearchTime
{
    private const string ValidFormats =
        "a valid datetime format: RFC3339, Datetime(2006-01-02 15:04:05), Date(2006-01-02), Unix Timestamp (10 or 13 digits)";

    private static readonly string[] Rfc3339Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    /// <exception cref="ListOptionsException">Naming <paramref name="parameter"/>.</exception>
    public static DateTimeOffset Parse(string value, string parameter) =>
        TryParse(value) ?? throw new ListOptionsException(parameter, $"Invalid datetime: '{value}', {ValidFormats}");

    public static DateTimeOffset? TryParse(string value)
    {
        const DateTimeStyles utc = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        var invariant = CultureInfo.InvariantCulture;
        DateTimeOffset result;
        if (value.Contains('T'))
        {
            // RFC 3339 requires a zone; "K" alone would also accept none.
            return HasZone(value) && DateTimeOffset.TryParseExact(TrimToTicks(value), Rfc3339Formats, invariant, utc, out result)
                ? result
                : null;
        }
        if (value.Contains(' '))
            return DateTimeOffset.TryParseExact(value, "yyyy-MM-dd HH:mm:ss", invariant, utc, out result) ? result : null;
        if (value.Contains('-'))
            return DateTimeOffset.TryParseExact(value, "yyyy-MM-dd", invariant, utc, out result) ? result : null;

        if (!value.All(char.IsAsciiDigit) || !long.TryParse(value, NumberStyles.None, invariant, out var unix)) return null;
        return value.Length switch
        {
            10 => DateTimeOffset.FromUnixTimeSeconds(unix),
            13 => DateTimeOffset.FromUnixTimeMilliseconds(unix),
            _ => null,
        };
    }

    // Go accepts nanoseconds (9 fraction digits); .NET parses at most 7.
    private static string TrimToTicks(string value)
    {
        var dot = value.IndexOf('.');
        if (dot < 0) return value;
        var end = dot + 1;
        while (end < value.Length && char.IsAsciiDigit(value[end])) end++;
        return end - dot - 1 > 7 ? value[..(dot + 8)] + value[end..] : value;
    }

    private static bool HasZone(string value)
    {
        if (value.EndsWith('Z')) return true;
        if (value.Length < 6) return false;
        var zone = value.AsSpan(value.Length - 6);
        return zone[0] is '+' or '-' && char.IsAsciiDigit(zone[1]) && char.IsAsciiDigit(zone[2]) && zone[3] == ':'
            && char.IsAsciiDigit(zone[4]) && char.IsAsciiDigit(zone[5]);
    }
}
