using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using Clusterpedia.ApiServer.Serialization;
using Clusterpedia.Storage;

namespace Clusterpedia.Benchmarks;

/// <summary>
/// What serving compact JSON costs a list: <c>ListAsync</c> into a sink that writes each item as the API server wrote
/// it before (<c>WriteRawValue</c>) and into one that writes it as it does now (<see cref="CompactJson.WriteValue"/>),
/// runs of the two interleaved so both see the same machine. On a shared machine the wall time of a list moves by more
/// than the compaction costs, so each sink also times its own writes: their difference over the list's wall time is
/// the share of the list that compaction adds.
/// </summary>
internal static class CompactComparison
{
    public static async Task RunAsync(IEnumerable<(string Name, Clusterpedia.Query.ListOptions Options)> queries, IResourceStorage storage, int runs)
    {
        Console.WriteLine($"| query (median of {runs} after 2 warm-ups) | items | bytes stored | bytes served | ListAsync: items copied | ListAsync: items compacted | ratio (min-max) | sink: copying | sink: compacting | compaction's share of the list |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (name, options) in queries)
        {
            var copy = new WriterSink(compact: false);
            var compact = new WriterSink(compact: true);
            for (var i = 0; i < 2; i++)
            {
                await storage.ListAsync(options, copy.Reset(), default);
                await storage.ListAsync(options, compact.Reset(), default);
            }
            List<double> copiedWall = [], compactedWall = [], wallRatios = [], copiedSink = [], compactedSink = [], shares = [];
            for (var i = 0; i < runs; i++)
            {
                // Alternate which goes first, so neither always runs on a warmer cache.
                var first = i % 2 == 0 ? copy : compact;
                var a = await TimeAsync(storage, options, first);
                var b = await TimeAsync(storage, options, first == copy ? compact : copy);
                var (c, k) = first == copy ? (a, b) : (b, a);
                copiedWall.Add(c.Wall);
                compactedWall.Add(k.Wall);
                wallRatios.Add(k.Wall / c.Wall);
                copiedSink.Add(c.Sink);
                compactedSink.Add(k.Sink);
                shares.Add((k.Sink - c.Sink) / c.Wall);
            }
            Console.WriteLine($"| {name} | {compact.Items:N0} | {copy.Bytes:N0} | {compact.Bytes:N0} | {Measure.Median(copiedWall):F2} ms | {Measure.Median(compactedWall):F2} ms | " +
                $"{Measure.Median(wallRatios):F3} ({wallRatios.Min():F2}-{wallRatios.Max():F2}) | {Measure.Median(copiedSink):F2} ms | {Measure.Median(compactedSink):F2} ms | " +
                $"{Measure.Median(shares) * 100:F1}% |");
        }
    }

    private static async Task<(double Wall, double Sink)> TimeAsync(IResourceStorage storage, Clusterpedia.Query.ListOptions options, WriterSink sink)
    {
        var start = Stopwatch.GetTimestamp();
        await storage.ListAsync(options, sink.Reset(), default);
        return (Stopwatch.GetElapsedTime(start).TotalMilliseconds, sink.Elapsed.TotalMilliseconds);
    }

    /// <summary>Writes every item through a Utf8JsonWriter into one reusable buffer, as the list sinks do into the response.</summary>
    private sealed class WriterSink(bool compact) : IListSink
    {
        private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
        private readonly Utf8JsonWriter _writer = new(Stream.Null, new JsonWriterOptions { SkipValidation = true });
        private long _ticks;
        public long Items { get; private set; }
        public long Bytes { get; private set; }
        public TimeSpan Elapsed => Stopwatch.GetElapsedTime(0, _ticks);

        public WriterSink Reset()
        {
            Items = Bytes = _ticks = 0;
            return this;
        }

        public ValueTask WriteItemAsync(ListItem item, CancellationToken cancellationToken)
        {
            var start = Stopwatch.GetTimestamp();
            _buffer.ResetWrittenCount();
            _writer.Reset(_buffer);
            if (compact) CompactJson.WriteValue(_writer, item.Json.Span);
            else _writer.WriteRawValue(item.Json.Span, skipInputValidation: true);
            _writer.Flush();
            _ticks += Stopwatch.GetTimestamp() - start;
            Items++;
            Bytes += _buffer.WrittenCount;
            return ValueTask.CompletedTask;
        }

        public ValueTask CompleteAsync(ListResult result, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
