using System.Diagnostics;
using Clusterpedia.Storage;

namespace Clusterpedia.Benchmarks;

internal static class Measure
{
    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>Runs <paramref name="action"/> warm-up times unmeasured, then <paramref name="runs"/> times; the milliseconds of each run.</summary>
    public static async Task<List<double>> TimeAsync(int warmUp, int runs, Func<Task> action)
    {
        for (var i = 0; i < warmUp; i++) await action();
        var result = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            await action();
            result.Add(sw.Elapsed.TotalMilliseconds);
        }
        return result;
    }
}

/// <summary>Copies every item into one reusable buffer, as a response writer would touch the bytes, and counts them.</summary>
internal sealed class ByteCountingSink : IListSink
{
    private byte[] _buffer = new byte[64 * 1024];
    public long Items { get; private set; }
    public long Bytes { get; private set; }
    public ListResult Result { get; private set; }

    public ValueTask WriteItemAsync(ListItem item, CancellationToken cancellationToken)
    {
        if (item.Json.Length > _buffer.Length) _buffer = new byte[item.Json.Length * 2];
        item.Json.Span.CopyTo(_buffer);
        Items++;
        Bytes += item.Json.Length;
        return ValueTask.CompletedTask;
    }

    public ValueTask CompleteAsync(ListResult result, CancellationToken cancellationToken)
    {
        Result = result;
        return ValueTask.CompletedTask;
    }
}
