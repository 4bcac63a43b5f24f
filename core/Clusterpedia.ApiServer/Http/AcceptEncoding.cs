using System.Globalization;

namespace Clusterpedia.ApiServer.Http;

/// <summary>
/// Reads <c>Accept-Encoding</c> (RFC 9110 §12.5.3) for the one coding we produce. Codings are case-insensitive,
/// <c>x-gzip</c> is gzip, <c>*</c> stands for any coding not named, <c>q=0</c> refuses one. A header that does not
/// parse is ignored, as if absent: the response goes out uncompressed, never as an error.
/// </summary>
internal static class AcceptEncoding
{
    /// <summary>True when the client takes gzip and does not prefer an uncompressed response to it.</summary>
    public static bool AllowsGzip(string? header)
    {
        if (string.IsNullOrWhiteSpace(header)) return false;
        double? gzip = null, identity = null, any = null;
        foreach (var element in header.Split(','))
        {
            var parts = element.Split(';');
            var coding = parts[0].Trim();
            if (coding.Length == 0)
            {
                // RFC 9110 §5.6.1: empty list elements are allowed and ignored.
                if (parts.Length == 1) continue;
                return false;
            }
            if (!IsToken(coding)) return false;
            var weight = 1.0;
            for (var i = 1; i < parts.Length; i++)
            {
                if (!TryParseWeight(parts[i], out weight)) return false;
            }
            if (coding.Equals("gzip", StringComparison.OrdinalIgnoreCase) || coding.Equals("x-gzip", StringComparison.OrdinalIgnoreCase))
                gzip = Math.Max(gzip ?? 0, weight);
            else if (coding.Equals("identity", StringComparison.OrdinalIgnoreCase)) identity = weight;
            else if (coding == "*") any = weight;
        }
        var gzipWeight = gzip ?? any ?? 0;
        return gzipWeight > 0 && gzipWeight >= (identity ?? any ?? 0);
    }

    // weight = OWS ";" OWS "q=" qvalue; qvalue = 0[.ddd] / 1[.000]. Accept-Encoding has no other parameters.
    private static bool TryParseWeight(string parameter, out double weight)
    {
        weight = 0;
        var eq = parameter.IndexOf('=');
        if (eq < 0 || !parameter[..eq].Trim().Equals("q", StringComparison.OrdinalIgnoreCase)) return false;
        var value = parameter[(eq + 1)..].Trim();
        if (value.Length is 0 or > 5 || value[0] is not ('0' or '1')) return false;
        if (value.Length > 1 && (value[1] != '.' || value.AsSpan(2).ContainsAnyExceptInRange('0', '9'))) return false;
        weight = double.Parse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        return weight <= 1;
    }

    private static bool IsToken(string s)
    {
        foreach (var c in s)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c))) return false;
        }
        return true;
    }
}
