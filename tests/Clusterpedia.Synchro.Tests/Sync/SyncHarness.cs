using System.Text;
using Clusterpedia.ClusterSimulator;
using Clusterpedia.Objects;
using Clusterpedia.Storage.Memory;
using Clusterpedia.Synchro.Api;
using Clusterpedia.Synchro.Clusters;
using Clusterpedia.Synchro.Manager;
using Clusterpedia.Synchro.Resources;

namespace Clusterpedia.Synchro.Tests.Sync;

/// <summary>Simulated member clusters, the real memory storage behind an observing decorator, and helpers to wait for convergence.</summary>
public sealed class SyncHarness : IAsyncDisposable
{
    public static readonly (SimulatedResource Simulated, GroupVersionResource Storage)[] SyncedResources =
    [
        (SimulatedResource.Pods, new("", "v1", "pods")),
        (SimulatedResource.Deployments, new("apps", "v1", "deployments")),
        (SimulatedResource.ReplicaSets, new("apps", "v1", "replicasets")),
        (SimulatedResource.CronTabs, new("stable.example.com", "v1", "crontabs")),
    ];

    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    public List<ClusterSimulator.ClusterSimulator> Clusters { get; } = [];
    public ObservedStorageFactory Storage { get; } = new(new MemoryStorageFactory(new MemoryStorageOptions()));

    public static ClusterSynchroManagerOptions FastOptions(TimeSpan? healthInterval = null) => new()
    {
        CreateRetryInitial = TimeSpan.FromMilliseconds(200),
        CreateRetryMax = TimeSpan.FromSeconds(1),
        Synchro = new ClusterSynchroOptions
        {
            HealthCheckInterval = healthInterval ?? TimeSpan.FromMilliseconds(200),
            Resource = new ResourceSynchroOptions
            {
                StorageRetryDelay = TimeSpan.FromMilliseconds(50), WatchTimeoutSeconds = 60, PageSize = 7, OrphanEventGrace = TimeSpan.FromSeconds(1),
            },
        },
    };

    /// <param name="requireToken">False: the cluster needs no credentials (a proxy-authenticated or plain-HTTP API server).</param>
    public async Task<ClusterSimulator.ClusterSimulator> AddClusterAsync(string name, int seed, int deployments = 6, bool requireToken = true, bool plainHttp = false)
    {
        var cluster = await ClusterSimulator.ClusterSimulator.StartAsync(new SimulatorOptions
        {
            Name = name, Seed = seed, Deployments = deployments, PodsPerReplicaSet = 4, CronTabs = 6, RequiredToken = requireToken ? $"{name}-token" : null,
            BookmarkInterval = TimeSpan.FromMilliseconds(500), PlainHttp = plainHttp,
        });
        Clusters.Add(cluster);
        return cluster;
    }

    public static PediaCluster PediaClusterFor(ClusterSimulator.ClusterSimulator cluster, params ClusterGroupResources[] resources) => new()
    {
        Metadata = new ObjectMeta { Name = cluster.Options.Name },
        Spec = new PediaClusterSpec
        {
            Apiserver = cluster.Url.ToString(),
            TokenData = cluster.Options.RequiredToken is { } token ? Encoding.UTF8.GetBytes(token) : null,
            SyncResources = resources.Length > 0 ? [.. resources] :
            [
                new ClusterGroupResources { Group = "", Resources = ["pods"] },
                new ClusterGroupResources { Group = "apps", Resources = ["deployments", "replicaset"] },
                new ClusterGroupResources { Group = "stable.example.com", Resources = ["CronTabs"] },
            ],
        },
    };

    /// <summary>Differences between what storage holds for a cluster and what the cluster has, empty when they are equal.</summary>
    public async Task<List<string>> DifferencesAsync(ClusterSimulator.ClusterSimulator cluster)
    {
        var stored = await Storage.Inner.GetResourceVersionsAsync(cluster.Options.Name, CancellationToken.None);
        var problems = new List<string>();
        foreach (var (simulated, gvr) in SyncedResources)
        {
            var expected = cluster.Store.Snapshot(simulated);
            var actual = stored.TryGetValue(gvr, out var v) ? v.Resources : new Dictionary<string, string>();
            foreach (var (key, rv) in expected)
                if (!actual.TryGetValue(key, out var got)) problems.Add($"{gvr} {key} missing");
                else if (got != rv) problems.Add($"{gvr} {key} rv {got}, want {rv}");
            foreach (var key in actual.Keys.Where(k => !expected.ContainsKey(k))) problems.Add($"{gvr} {key} should be gone");
        }
        return problems;
    }

    public async Task WaitConvergedAsync(ClusterSimulator.ClusterSimulator cluster)
    {
        var problems = await Eventually.ValueAsync(() => DifferencesAsync(cluster), p => p.Count == 0, Deadline);
        Assert.True(problems.Count == 0, $"{cluster.Options.Name} did not converge: {string.Join("; ", problems.Take(10))}");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var c in Clusters) await c.DisposeAsync();
        await Storage.DisposeAsync();
    }
}

/// <summary>Bounded polling: tests wait for a state, never for a time.</summary>
public static class Eventually
{
    public static async Task<T> ValueAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan deadline)
    {
        var until = DateTime.UtcNow + deadline;
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > until) return value;
            await Task.Delay(50);
        }
    }

    public static async Task TrueAsync(Func<bool> condition, string what, TimeSpan? deadline = null)
    {
        var until = DateTime.UtcNow + (deadline ?? SyncHarness.Deadline);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, $"timed out waiting until {what}");
            await Task.Delay(50);
        }
    }
}
