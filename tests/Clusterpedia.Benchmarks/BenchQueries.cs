using Clusterpedia.Query;
using Clusterpedia.Storage;

namespace Clusterpedia.Benchmarks;

/// <summary>The list queries of docs/benchmarks.md, the same on every engine.</summary>
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

    /// <summary>
    /// Times each selected query through the storage and through <paramref name="baseline"/> (the same statement run
    /// outside it), then the get, and prints the table rows.
    /// </summary>
    public static async Task CompareAsync(IResourceStorage pods, int runs, Func<string, bool> selected, string baselineName,
        Func<Clusterpedia.Storage.Internal.Sql.SqlText, int, int, Task<List<double>>> baseline)
    {
        var storage = (Clusterpedia.Storage.Internal.InternalResourceStorage)pods;
        Console.WriteLine($"| query (median of {runs} after 2 warm-ups) | items | ours: ListAsync | {baselineName} |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var (name, options) in (await BuildAsync(pods)).Where(q => selected(q.Name)))
        {
            var sink = new ByteCountingSink();
            var ours = await Measure.TimeAsync(2, runs, async () =>
            {
                sink = new ByteCountingSink();
                await pods.ListAsync(options, sink, default);
            });
            var raw = await baseline(storage.ListSql(options), 2, runs);
            Console.WriteLine($"| {name} | {sink.Items} | {Measure.Median(ours):F1} ms | {Measure.Median(raw):F1} ms |");
        }
        if (selected("Q7"))
        {
            var podName = PodGenerator.PodName(4242);
            var ours = await Measure.TimeAsync(20, runs * 10, async () => await pods.GetAsync("cluster-3", "ns-9", podName, default));
            var raw = await baseline(storage.GetSql("cluster-3", "ns-9", podName), 20, runs * 10);
            Console.WriteLine($"| Q7 get one pod | 1 | {Measure.Median(ours):F2} ms | {Measure.Median(raw):F2} ms |");
        }
    }
}
