using Clusterpedia.Objects;
using Clusterpedia.Synchro.Resources;

namespace Clusterpedia.Synchro.Metrics;

/// <summary>What the synchro exposes on /metrics; <see cref="Manager.ClusterSynchroManager"/> implements it.</summary>
public interface ISynchroMetricsSource
{
    SynchroMetrics GetMetrics();
}

/// <summary>A point-in-time copy of the synchro's counters, one entry per cluster and storage resource.</summary>
public sealed record SynchroMetrics(IReadOnlyList<ResourceSynchroMetrics> Resources, IReadOnlyList<ClusterConditionCount> Clusters)
{
    public static SynchroMetrics Empty { get; } = new([], []);
}

/// <summary>One resource synchro: write counters since it started, known objects, queue depth and storage call durations.</summary>
public sealed record ResourceSynchroMetrics(
    string Cluster,
    GroupVersionResource Resource,
    long Added,
    long Updated,
    long Deleted,
    long Failed,
    long Storaged,
    long QueueDepth,
    HistogramSnapshot StorageDuration);

/// <summary>How many clusters have condition <paramref name="Condition"/> in status <paramref name="Status"/>.</summary>
public sealed record ClusterConditionCount(string Condition, string Status, int Clusters);
