using System.Text;

namespace Clusterpedia.Query;

/// <summary>
/// Decodes a raw URL query (<c>?a=1&amp;b=x%20y</c>) into ordered pairs; <c>+</c> is a space, as in Go's url.ParseQuery.
/// Percent-escapes that do not form UTF-8, and U+0000 anywhere, are refused here: no database accepts them in text,
/// so letting them through turns a bad request into a storage error.
/// </summary>
public static class QueryString
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <exception cref="ListOptionsException">Naming the parameter whose key or value is not UTF-8 or holds U+0000.</exception>
    public static IEnumerable<KeyValuePair<string, string>> Decode(string? query)
    {
        if (string.IsNullOrEmpty(query)) yield break;
        var start = query[0] == '?' ? 1 : 0;
        foreach (var pair in query[start..].Split('&'))
        {
            if (pair.Length == 0) continue;
            var eq = pair.IndexOf('=');
            var rawKey = eq < 0 ? pair : pair[..eq];
            var key = Unescape(rawKey, rawKey);
            var value = eq < 0 ? "" : Unescape(pair[(eq + 1)..], key);
            if (key.Length > 0) yield return new KeyValuePair<string, string>(key, value);
        }
    }

    private static string Unescape(string text, string parameter)
    {
        string decoded;
        if (text.AsSpan().IndexOfAny('%', '+') < 0) decoded = text;
        else
        {
            var bytes = new List<byte>(text.Length);
            Span<byte> utf8 = stackalloc byte[4];
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '+') bytes.Add((byte)' ');
                else if (c == '%' && i + 2 < text.Length && IsHex(text[i + 1]) && IsHex(text[i + 2]))
                {
                    bytes.Add((byte)Convert.ToInt32(text.Substring(i + 1, 2), 16));
                    i += 2;
                }
                else if (char.IsSurrogate(c) || c > 0x7F)
                {
                    var length = char.IsHighSurrogate(c) && i + 1 < text.Length ? 2 : 1;
                    var n = Encoding.UTF8.GetBytes(text.AsSpan(i, length), utf8);
                    for (var j = 0; j < n; j++) bytes.Add(utf8[j]);
                    i += length - 1;
                }
                else bytes.Add((byte)c);
            }
            try
            {
                decoded = StrictUtf8.GetString(bytes.ToArray());
            }
            catch (DecoderFallbackException)
            {
                throw new ListOptionsException(Printable(parameter), "the value is not valid UTF-8");
            }
        }
        if (decoded.Contains('\0')) throw new ListOptionsException(Printable(parameter), "the value must not contain the NUL character (U+0000)");
        return decoded;
    }

    // A key that is itself broken is named in its escaped form, so the message stays printable.
    private static string Printable(string parameter) =>
        parameter.Contains('\0') || parameter.Contains('\uFFFD') ? Uri.EscapeDataString(parameter) : parameter;

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);
}
