using Clusterpedia.Query;
using Clusterpedia.Storage;

namespace Clusterpedia.Benchmarks;

/// <summary>The list queries of PERFORMANCE.md, the same on every engine.</summary>
internal static class BenchQueries
{
    public static ListOptions Parse(string query, string? cluster = null) =>
        ListOptionsParser.ApplyScope(ListOptionsParser.Parse(query), cluster, null);

    /// <summary>The queries, with the continue tokens of a 500-per-page walk over every pod for the page queries.</summary>
    public static async Task<List<(string Name, ListOptions Options)>> BuildAsync(IResourceStorage pods)
    {
        var pageQuery = Parse("limit=500");
        var tokens = new List<ContinueToken?> { null };
        while (true)
        {
            var sink = new ByteCountingSink();
            await pods.ListAsync(pageQuery with { Continue = tokens[^1] }, sink, default);
            if (sink.Result.Continue is not { } t) break;
            tokens.Add(ContinueToken.FromCursor(ListCursor.Decode(t)));
        }
        return
        [
            ("Q1 pods of one cluster + namespace", Parse("clusters=cluster-3&namespaces=ns-7")),
            ("Q2 labelSelector=app=app-7, all clusters", Parse("labelSelector=app%3Dapp-7")),
            ("Q3 Q2 with limit=500", Parse("labelSelector=app%3Dapp-7&limit=500")),
            ("Q4 page of 500: first", pageQuery),
            ($"Q4 page of 500: middle (page {tokens.Count / 2 + 1})", pageQuery with { Continue = tokens[tokens.Count / 2] }),
            ($"Q4 page of 500: last (page {tokens.Count})", pageQuery with { Continue = tokens[^1] }),
            ("Q5 fuzzy name (substring rs-0421)", Parse("labelSelector=internalstorage.clusterpedia.io%2Ffuzzy-name%3Drs-0421")),
            ("Q6 pods of one deployment (owner name, seniority 1)", Parse("clusters=cluster-3&ownerName=app-42&ownerGR=deployments.apps&ownerSeniority=1")),
            ("Q8 all 100,000 pods", Parse("")),
        ];
    }
}
