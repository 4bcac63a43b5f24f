using System.Diagnostics;
using Clusterpedia.Objects;
using Clusterpedia.Storage;

namespace Clusterpedia.Benchmarks;

/// <summary>The ingest steps both engines' benchmarks share.</summary>
internal static class Ingest
{
    public const int Clusters = 10;

    public static string ClusterName(int c) => $"cluster-{c}";

    public static ResourceObject[] Pods(int c) =>
        Enumerable.Range(0, PodGenerator.PodsPerCluster).Select(i => PodGenerator.Pod(ClusterName(c), i)).ToArray();

    /// <summary>
    /// Writes every cluster's pods one cluster after another and returns objects per second: <paramref name="prepare"/>
    /// builds a cluster's input outside the timer, only <paramref name="write"/> is timed.
    /// </summary>
    public static async Task<double> SerialRateAsync<T>(Func<int, T> prepare, Func<int, T, Task> write)
    {
        var total = TimeSpan.Zero;
        for (var c = 0; c < Clusters; c++)
        {
            var input = prepare(c);
            var sw = Stopwatch.StartNew();
            await write(c, input);
            total += sw.Elapsed;
        }
        return Clusters * PodGenerator.PodsPerCluster / total.TotalSeconds;
    }

    /// <summary>The deployments and replicasets that own the pods, for the owner query.</summary>
    public static async Task WriteOwnersAsync(IStorageFactory factory)
    {
        var deployments = factory.GetResourceStorage(new ResourceStorageConfig(new("apps", "v1", "deployments"), "Deployment", true));
        var replicaSets = factory.GetResourceStorage(new ResourceStorageConfig(new("apps", "v1", "replicasets"), "ReplicaSet", true));
        for (var c = 0; c < Clusters; c++)
        {
            await deployments.UpsertManyAsync(ClusterName(c), Enumerable.Range(0, PodGenerator.Deployments).Select(d => PodGenerator.Deployment(ClusterName(c), d)).ToArray(), default);
            await replicaSets.UpsertManyAsync(ClusterName(c), Enumerable.Range(0, PodGenerator.Deployments).Select(d => PodGenerator.ReplicaSet(ClusterName(c), d)).ToArray(), default);
        }
    }
}
