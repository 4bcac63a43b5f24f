namespace Clusterpedia.Synchro.Resources;

/// <summary>
/// A lock-free histogram of durations in seconds with fixed upper bounds, rendered as a Prometheus histogram.
/// Bucket counts are not cumulative here; <see cref="Snapshot"/> makes them so.
/// </summary>
public sealed class DurationHistogram
{
    /// <summary>Upper bounds in seconds: storage calls range from sub-millisecond (memory) to the 30 s call timeout.</summary>
    public static IReadOnlyList<double> Bounds { get; } = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private readonly long[] _buckets = new long[Bounds.Count + 1]; // the last one is +Inf
    private long _sumTicks;

    public void Observe(TimeSpan duration)
    {
        var seconds = duration.TotalSeconds;
        var i = 0;
        while (i < Bounds.Count && seconds > Bounds[i]) i++;
        Interlocked.Increment(ref _buckets[i]);
        Interlocked.Add(ref _sumTicks, duration.Ticks);
    }

    public HistogramSnapshot Snapshot()
    {
        var cumulative = new long[_buckets.Length];
        long total = 0;
        for (var i = 0; i < _buckets.Length; i++) cumulative[i] = total += Interlocked.Read(ref _buckets[i]);
        return new HistogramSnapshot(Bounds, cumulative, TimeSpan.FromTicks(Interlocked.Read(ref _sumTicks)).TotalSeconds);
    }
}

/// <summary>
/// A histogram as Prometheus exposes it: <paramref name="CumulativeCounts"/>[i] counts observations &lt;= <paramref name="Bounds"/>[i];
/// the extra last entry is the +Inf bucket, which is also the count.
/// </summary>
public sealed record HistogramSnapshot(IReadOnlyList<double> Bounds, IReadOnlyList<long> CumulativeCounts, double SumSeconds)
{
    public long Count => CumulativeCounts[^1];
}
