using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Clusterpedia.ClusterSimulator;
using Clusterpedia.Objects;
using Clusterpedia.Storage.Internal.Tests.Servers;
using Clusterpedia.Synchro.Api;
using Clusterpedia.Synchro.Clusters;
using Clusterpedia.Synchro.Manager;
using Clusterpedia.Synchro.Resources;
using Simulator = Clusterpedia.ClusterSimulator.ClusterSimulator;

namespace Clusterpedia.Storage.Internal.Tests;

/// <summary>
/// The real synchro syncs a simulated member that lists built-in types as a kube-apiserver does (items without apiVersion
/// or kind), through list and watch, into this storage; every row it writes is the row upstream's writer writes for the
/// member's object (<see cref="UpstreamWriter"/>), column by column, and every object's kind is its row's kind column.
/// </summary>
public abstract class SynchroRowTests(IDatabaseServer server) : StorageTestBase(server)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    private static readonly (SimulatedResource Simulated, GroupVersionResource Storage)[] Synced =
    [
        (SimulatedResource.Pods, TestObjects.Pods),
        (SimulatedResource.Deployments, TestObjects.Deployments),
        (SimulatedResource.ReplicaSets, TestObjects.ReplicaSets),
        (SimulatedResource.CronTabs, new("stable.example.com", "v1", "crontabs")),
    ];

    private static ClusterSynchroManagerOptions Options => new()
    {
        CreateRetryInitial = TimeSpan.FromMilliseconds(200),
        CreateRetryMax = TimeSpan.FromSeconds(1),
        Synchro = new ClusterSynchroOptions
        {
            HealthCheckInterval = TimeSpan.FromMilliseconds(200),
            Resource = new ResourceSynchroOptions { StorageRetryDelay = TimeSpan.FromMilliseconds(50), PageSize = 7, OrphanEventGrace = TimeSpan.FromSeconds(1) },
        },
    };

    private static PediaCluster PediaClusterFor(Simulator member) => new()
    {
        Metadata = new ObjectMeta { Name = member.Options.Name },
        Spec = new PediaClusterSpec
        {
            Apiserver = member.Url.ToString(),
            TokenData = Encoding.UTF8.GetBytes(member.Options.RequiredToken!),
            SyncResources =
            [
                new ClusterGroupResources { Group = "", Resources = ["pods"], EventsInvolvedResources = ["pods"] },
                new ClusterGroupResources { Group = "apps", Resources = ["deployments", "replicasets"] },
                new ClusterGroupResources { Group = "stable.example.com", Resources = ["crontabs"] },
            ],
        },
    };

    [Fact]
    public async Task Every_row_the_synchro_writes_is_the_row_upstream_writes()
    {
        var started = DateTime.UtcNow.AddSeconds(-1);
        await using var member = await Simulator.StartAsync(new SimulatorOptions
        {
            Name = "member", Seed = 21, Namespaces = 2, Deployments = 3, PodsPerReplicaSet = 2, CronTabs = 3,
            RequiredToken = "member-token", BookmarkInterval = TimeSpan.FromMilliseconds(500),
        });
        await using var manager = new ClusterSynchroManager(Factory, Options);
        await manager.ApplyAsync(PediaClusterFor(member), CancellationToken.None);
        await WaitConvergedAsync(member);

        // Changes after the list come through the watch, whose objects carry apiVersion and kind.
        var pods = member.Store.Keys(SimulatedResource.Pods);
        member.Store.Update(SimulatedResource.Pods, pods[0]);
        member.Store.Delete(SimulatedResource.Pods, pods[1]);
        member.Store.Update(SimulatedResource.Deployments, member.Store.Keys(SimulatedResource.Deployments)[0]);
        member.Store.Update(SimulatedResource.CronTabs, member.Store.Keys(SimulatedResource.CronTabs)[0]);
        var rs = member.Store.Get(SimulatedResource.ReplicaSets, member.Store.Keys(SimulatedResource.ReplicaSets)[0])!;
        member.Store.CreatePodWithEvent(ClusterPopulation.NewPod(rs.Spec, new Random(4)), new Random(4));
        await WaitConvergedAsync(member);

        var rows = StoredRow.ReadAll(Server, Database);
        Assert.Equal(Synced.Sum(s => member.Store.Keys(s.Simulated).Count), rows.Count);
        var events = EventsByInvolvedUid(member);
        foreach (var row in rows)
        {
            var (simulated, gvr) = Synced.Single(s => s.Storage.Resource == row.Resource);
            var key = ClusterResourceVersions.KeyOf(row.Namespace, row.Name);
            var expected = UpstreamWriter.Row(gvr, member.Options.Name, UpstreamWriter.SynchroObject(member.Store.Get(simulated, key)!.Json, member.Options.Name));
            if (events.TryGetValue(row.Uid, out var recorded))
            {
                expected = expected with
                {
                    Events = new JsonObject(recorded.Select(e => KeyValuePair.Create(e.Uid, (JsonNode?)e.Json))).ToJsonString(),
                    // Upstream writes these as JSON numbers; we write strings (UpstreamRowTests).
                    EventResourceVersions = new JsonObject(recorded.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)e.ResourceVersion))).ToJsonString(),
                };
            }
            var problems = StoredRow.Differences(expected, row, "synced_at");
            Assert.True(problems.Count == 0, $"{row.Resource} {key}: {string.Join("; ", problems)}");
            Assert.InRange(row.SyncedAt, started, DateTime.UtcNow.AddSeconds(1));
        }
        Assert.Contains(rows, r => r.Events is not null);
        Assert.Contains(rows, r => r.OwnerUid.Length > 0);

        // Every object's kind is its row's kind column, and it has an apiVersion: what upstream's reader needs.
        var mismatched = Convert.ToInt64(Scalar(IsPostgres
            ? "SELECT COUNT(*) FROM resources WHERE COALESCE(object->>'kind', '') <> kind OR COALESCE(object->>'apiVersion', '') = ''"
            : "SELECT COUNT(*) FROM resources WHERE COALESCE(JSON_UNQUOTE(JSON_EXTRACT(object, '$.kind')), '') <> kind OR COALESCE(JSON_UNQUOTE(JSON_EXTRACT(object, '$.apiVersion')), '') = ''"),
            CultureInfo.InvariantCulture);
        Assert.Equal(0, mismatched);
    }

    /// <summary>The Events the synchro should have recorded, by the uid of the pod they involve, as upstream records them.</summary>
    private static Dictionary<string, List<(string Uid, JsonObject Json, string Key, string ResourceVersion)>> EventsByInvolvedUid(Simulator member)
    {
        var byUid = new Dictionary<string, List<(string, JsonObject, string, string)>>();
        foreach (var key in member.Store.Keys(SimulatedResource.Events))
        {
            var (uid, json, eventKey, rv, involved) = UpstreamWriter.Event(member.Store.Get(SimulatedResource.Events, key)!.Json);
            if (!byUid.TryGetValue(involved, out var list)) byUid[involved] = list = [];
            list.Add((uid, json, eventKey, rv));
        }
        return byUid;
    }

    /// <summary>Waits until storage holds every object and every pod's Event at the member's resourceVersions.</summary>
    private async Task WaitConvergedAsync(Simulator member)
    {
        var until = DateTime.UtcNow + Deadline;
        List<string> problems;
        while (true)
        {
            problems = await DifferencesAsync(member);
            if (problems.Count == 0 || DateTime.UtcNow > until) break;
            await Task.Delay(100);
        }
        Assert.True(problems.Count == 0, $"the synchro did not converge: {string.Join("; ", problems.Take(10))}");
    }

    private async Task<List<string>> DifferencesAsync(Simulator member)
    {
        var stored = await Factory.GetResourceVersionsAsync(member.Options.Name, CancellationToken.None);
        var problems = new List<string>();
        foreach (var (simulated, gvr) in Synced)
        {
            var actual = stored.TryGetValue(gvr, out var v) ? v.Resources : new Dictionary<string, string>();
            var expected = member.Store.Snapshot(simulated);
            problems.AddRange(expected.Where(e => actual.GetValueOrDefault(e.Key) != e.Value).Select(e => $"{gvr} {e.Key} at {e.Value}"));
            problems.AddRange(actual.Keys.Where(k => !expected.ContainsKey(k)).Select(k => $"{gvr} {k} should be gone"));
        }
        var events = stored.TryGetValue(TestObjects.Pods, out var p) ? p.Events : new Dictionary<string, string>();
        var pods = member.Store.Snapshot(SimulatedResource.Pods);
        foreach (var (key, rv) in member.Store.Snapshot(SimulatedResource.Events))
        {
            var involved = JsonDocument.Parse(member.Store.Get(SimulatedResource.Events, key)!.Json).RootElement.GetProperty("involvedObject");
            var pod = ClusterResourceVersions.KeyOf(involved.GetProperty("namespace").GetString()!, involved.GetProperty("name").GetString()!);
            if (pods.ContainsKey(pod) && events.GetValueOrDefault(key) != rv) problems.Add($"event {key} at {rv}");
        }
        return problems;
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresSynchroRowTests(PostgresServer server) : SynchroRowTests(server);

[Collection(MariaDbCollection.Name)]
public sealed class MariaDbSynchroRowTests(MariaDbServer server) : SynchroRowTests(server);
