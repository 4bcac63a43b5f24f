using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;

namespace Clusterpedia.Query;

// TEMPORARY scaffolding so this project builds before Clusterpedia.Core's real ListOptionsParser lands on main.
// Delete this file on the merge that brings the real parser (the names collide on purpose).
internal static class ListOptionsParser
{
    public static ListOptions Parse(string? queryString)
    {
        var q = QueryHelpers.ParseQuery(queryString);
        string? First(string key) => q.TryGetValue(key, out var v) && v.Count > 0 ? v[0] : null;
        var options = new ListOptions();
        if (First("limit") is { } limit) options = options with { Limit = long.Parse(limit, CultureInfo.InvariantCulture) };
        if (First("continue") is { Length: > 0 } c)
            options = options with { Continue = long.TryParse(c, out var offset) ? ContinueToken.FromOffset(offset) : ContinueToken.FromCursor(ListCursor.Decode(c)) };
        if (First("clusters") is { Length: > 0 } clusters) options = options with { Clusters = clusters.Split(',') };
        if (First("namespaces") is { Length: > 0 } ns) options = options with { Namespaces = ns.Split(',') };
        if (First("resourceVersion") is { } rv) options = options with { ResourceVersion = rv };
        if (First("allowWatchBookmarks") == "true") options = options with { AllowWatchBookmarks = true };
        if (First("timeoutSeconds") is { } t) options = options with { Timeout = TimeSpan.FromSeconds(long.Parse(t, CultureInfo.InvariantCulture)) };
        if (First("withRemainingCount") == "true") options = options with { WithRemainingCount = true };
        if (First("ownerUID") is { Length: > 0 } owner) options = options with { OwnerUid = owner };
        return options;
    }
}
