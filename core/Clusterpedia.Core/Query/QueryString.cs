using System.Net;

namespace Clusterpedia.Query;

/// <summary>Decodes a raw URL query (<c>?a=1&amp;b=x%20y</c>) into ordered pairs; <c>+</c> is a space, as in Go's url.ParseQuery.</summary>
public static class QueryString
{
    public static IEnumerable<KeyValuePair<string, string>> Decode(string? query)
    {
        if (string.IsNullOrEmpty(query)) yield break;
        var start = query[0] == '?' ? 1 : 0;
        foreach (var pair in query[start..].Split('&'))
        {
            if (pair.Length == 0) continue;
            var eq = pair.IndexOf('=');
            var key = WebUtility.UrlDecode(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? "" : WebUtility.UrlDecode(pair[(eq + 1)..]);
            if (key.Length > 0) yield return new KeyValuePair<string, string>(key, value);
        }
    }
}
