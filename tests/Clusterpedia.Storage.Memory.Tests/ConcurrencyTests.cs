using System.Globalization;
using Clusterpedia.Query;
using Clusterpedia.Storage.Conformance;
using Xunit;

namespace Clusterpedia.Storage.Memory.Tests;

/// <summary>Parallel writers and readers: every list sees one consistent snapshot, and nothing is lost.</summary>
public sealed class ConcurrencyTests
{
    private static readonly ResourceStorageConfig Pods = StorageConformanceTestBase.PodsConfig;

    [Fact]
    public async Task Readers_see_consistent_snapshots_while_writers_run()
    {
        await using var factory = new MemoryStorageFactory(new MemoryStorageOptions());
        var pods = factory.GetResourceStorage(Pods);
        const int writers = 4, generations = 150;
        using var stop = new CancellationTokenSource();

        // Each batch writes a pair of pods with the same generation: a reader must never see the pair split.
        var writing = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var cluster = $"cluster-{w}";
            for (var g = 0; g < generations; g++)
            {
                var generation = g.ToString(CultureInfo.InvariantCulture);
                var pair = new[] { "left", "right" }
                    .Select(side => TestObject.Pod("default", side).WithLabel("generation", generation).WithResourceVersion(generation).Build(cluster))
                    .ToArray();
                await pods.UpsertManyAsync(cluster, pair, CancellationToken.None);
                await pods.UpsertAsync(cluster, TestObject.Pod("churn", $"p-{g}").Build(cluster), CancellationToken.None);
                if (g % 3 == 0) await pods.DeleteAsync(cluster, "churn", $"p-{g / 2}", CancellationToken.None);
            }
        })).ToArray();

        var reading = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            var reads = 0;
            long lastVersion = 0;
            while (!stop.IsCancellationRequested || reads == 0)
            {
                var sink = new CollectingListSink();
                await pods.ListAsync(new ListOptions(), sink, CancellationToken.None);
                reads++;
                var keys = sink.Keys;
                Assert.True(keys.SequenceEqual(keys.Order(StringComparer.Ordinal)) && keys.Distinct().Count() == keys.Count,
                    "a list was not in strict key order");
                foreach (var cluster in sink.Items.GroupBy(i => i.Metadata.Cluster))
                {
                    var pair = cluster.Where(i => i.Metadata.Namespace == "default").Select(i => i.Metadata.Labels["generation"]).ToArray();
                    Assert.True(pair.Length is 0 or 2 && pair.Distinct().Count() <= 1, $"a list saw a half-written batch in {cluster.Key}");
                }
                var version = long.Parse(sink.Result.ResourceVersion!, CultureInfo.InvariantCulture);
                Assert.True(version >= lastVersion, "the list resourceVersion went backwards");
                lastVersion = version;
            }
            return reads;
        })).ToArray();

        await Task.WhenAll(writing);
        await stop.CancelAsync();
        var readCounts = await Task.WhenAll(reading);
        Assert.All(readCounts, r => Assert.True(r > 0));

        var final = new CollectingListSink();
        await pods.ListAsync(new ListOptions { Namespaces = ["default"] }, final, CancellationToken.None);
        Assert.Equal(writers * 2, final.Items.Count);
        Assert.All(final.Items, i => Assert.Equal((generations - 1).ToString(CultureInfo.InvariantCulture), i.Metadata.Labels["generation"]));

        var churn = new CollectingListSink();
        await pods.ListAsync(new ListOptions { Namespaces = ["churn"], Clusters = ["cluster-0"] }, churn, CancellationToken.None);
        var deleted = Enumerable.Range(0, generations).Where(g => g % 3 == 0).Select(g => g / 2).ToHashSet();
        Assert.Equal(generations - deleted.Count, churn.Items.Count);
    }

    [Fact]
    public async Task Watchers_receive_every_change_of_parallel_writers_in_sequence_order()
    {
        await using var factory = new MemoryStorageFactory(new MemoryStorageOptions { WatcherBufferSize = 100_000 });
        var pods = factory.GetResourceStorage(Pods);
        await using var watch = new WatchStream(pods.WatchAsync(new ListOptions(), CancellationToken.None), CancellationToken.None);
        Assert.Null(await watch.StartAsync(TimeSpan.FromMilliseconds(50)));

        await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 250; i++)
                await pods.UpsertAsync($"c{w}", TestObject.Pod("default", $"p{i}").Build($"c{w}"), CancellationToken.None);
        })));

        var events = await watch.DrainChangesAsync(TimeSpan.FromMilliseconds(300));
        Assert.Equal(1000, events.Count);
        Assert.All(events, e => Assert.Equal(WatchEventType.Added, e.Type));
        Assert.Equal(1000, events.Select(e => e.Describe()).Distinct().Count());
    }
}
