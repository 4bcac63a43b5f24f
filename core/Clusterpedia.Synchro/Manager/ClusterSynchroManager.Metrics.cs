using Clusterpedia.Synchro.Api;
using Clusterpedia.Synchro.Metrics;

namespace Clusterpedia.Synchro.Manager;

// The /metrics snapshot: per-resource counters of every running synchro and cluster counts per condition status.
public sealed partial class ClusterSynchroManager : ISynchroMetricsSource
{
    private static readonly string[] CountedConditions = [ConditionTypes.Ready, ConditionTypes.ClusterHealthy, ConditionTypes.SynchroRunning];
    private static readonly string[] ConditionStatuses = [ConditionStatus.True, ConditionStatus.False, ConditionStatus.Unknown];

    public SynchroMetrics GetMetrics()
    {
        List<ClusterEntry> entries;
        lock (_gate) entries = [.. _clusters.Values.OrderBy(e => e.Name, StringComparer.Ordinal)];

        var counts = new Dictionary<(string, string), int>();
        foreach (var condition in CountedConditions)
            foreach (var status in ConditionStatuses) counts[(condition, status)] = 0;
        var resources = new List<ResourceSynchroMetrics>();
        foreach (var entry in entries)
        {
            // Snapshot refreshes ClusterHealthy and Ready from the running synchro, as the status does.
            foreach (var c in Snapshot(entry).Status?.Conditions ?? [])
                if (counts.TryGetValue((c.Type, c.Status), out var n)) counts[(c.Type, c.Status)] = n + 1;
            if (entry.Synchro is not { } synchro) continue;
            foreach (var r in synchro.ResourceSynchros.OrderBy(r => r.StorageConfig.Resource.ToString(), StringComparer.Ordinal))
            {
                var c = r.Counters;
                resources.Add(new ResourceSynchroMetrics(entry.Name, r.StorageConfig.Resource, c.Added, c.Updated, c.Deleted, c.Failed,
                    r.KnownCount, r.QueueLength, c.StorageDuration.Snapshot()));
            }
        }
        var clusters = CountedConditions.SelectMany(condition => ConditionStatuses.Select(status =>
            new ClusterConditionCount(condition, status, counts[(condition, status)]))).ToList();
        return new SynchroMetrics(resources, clusters);
    }
}
