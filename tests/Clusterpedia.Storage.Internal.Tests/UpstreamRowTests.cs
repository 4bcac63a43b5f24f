using System.Text;
using System.Text.Json;
using Clusterpedia.Objects;
using Clusterpedia.Storage.Internal.Tests.Servers;
using Clusterpedia.Synchro.Resources;

namespace Clusterpedia.Storage.Internal.Tests;

/// <summary>
/// The same member objects written by upstream's writer (<see cref="UpstreamWriter"/>, into a table created as upstream's
/// GORM creates it) and by ours (the synchro's <see cref="ObjectRewriter"/> on list items as a kube-apiserver serves them,
/// then this storage) give equal rows, column by column: the object as JSON, synced_at aside.
/// </summary>
public abstract class UpstreamRowTests(IDatabaseServer server) : StorageTestBase(server)
{
    private const string Cluster = "member-1";

    private static readonly GroupVersionResource Namespaces = new("", "v1", "namespaces");
    private static readonly GroupVersionResource CronTabs = new("stable.example.com", "v1", "crontabs");

    private const string PodJson = """
        {"kind":"Pod","apiVersion":"v1","metadata":{"name":"web-1","namespace":"default","uid":"11111111-2222-3333-4444-555555555555",
        "resourceVersion":"12345","generation":2,"creationTimestamp":"2024-03-04T05:06:07Z","deletionTimestamp":"2024-03-05T00:00:00Z",
        "deletionGracePeriodSeconds":30,"labels":{"app":"web","tier":"front"},
        "annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\"apiVersion\":\"v1\",\"kind\":\"Pod\"}\n","note":"a <b> & c"},
        "ownerReferences":[{"apiVersion":"v1","kind":"Node","name":"node-1","uid":"22222222-2222-3333-4444-555555555555","controller":false},
        {"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web-rs","uid":"99999999-2222-3333-4444-555555555555","controller":true,"blockOwnerDeletion":true}],
        "finalizers":["example.io/keep"],
        "managedFields":[{"manager":"kubectl","operation":"Update","apiVersion":"v1","time":"2024-03-04T05:06:07Z","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{}}}]},
        "spec":{"containers":[{"name":"app","image":"nginx:1.25","resources":{}}],"nodeName":"node-1","priority":0},
        "status":{"phase":"Running","podIP":"10.0.0.7","conditions":[{"type":"Ready","status":"True","lastProbeTime":null}]}}
        """;

    private const string DeploymentJson = """
        {"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"web","namespace":"default","uid":"33333333-2222-3333-4444-555555555555",
        "resourceVersion":"200","creationTimestamp":"2023-12-31T23:59:59Z",
        "annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}\n"}},"spec":{"replicas":3},"status":{"replicas":3}}
        """;

    private const string NamespaceJson = """
        {"kind":"Namespace","apiVersion":"v1","metadata":{"name":"team-a","uid":"44444444-2222-3333-4444-555555555555","resourceVersion":"7",
        "creationTimestamp":"2022-01-02T03:04:05Z","labels":{"kubernetes.io/metadata.name":"team-a"}},"spec":{"finalizers":["kubernetes"]},
        "status":{"phase":"Active"}}
        """;

    private const string CronTabJson = """
        {"apiVersion":"stable.example.com/v1","kind":"CronTab","metadata":{"name":"backup","namespace":"default","uid":"55555555-2222-3333-4444-555555555555",
        "resourceVersion":"300","creationTimestamp":"2024-02-02T02:02:02Z","ownerReferences":[{"apiVersion":"v1","kind":"Namespace","name":"default",
        "uid":"66666666-2222-3333-4444-555555555555"}]},"spec":{"cronSpec":"*/5 * * * *","image":"busybox","replicas":1.5}}
        """;

    private const string EventJson = """
        {"kind":"Event","apiVersion":"v1","metadata":{"name":"web-1.17a","namespace":"default","uid":"77777777-2222-3333-4444-555555555555",
        "resourceVersion":"12400","creationTimestamp":"2024-03-04T05:06:08Z",
        "managedFields":[{"manager":"kube-scheduler","operation":"Update","apiVersion":"v1","time":"2024-03-04T05:06:08Z"}]},
        "involvedObject":{"kind":"Pod","namespace":"default","name":"web-1","uid":"11111111-2222-3333-4444-555555555555","apiVersion":"v1"},
        "reason":"Scheduled","message":"Successfully assigned default/web-1 to node-1","source":{},"firstTimestamp":null,"lastTimestamp":null,
        "type":"Normal","eventTime":"2024-03-04T05:06:08.123456Z","reportingComponent":"default-scheduler","reportingInstance":""}
        """;

    /// <summary>A list item of a built-in type, as a kube-apiserver serves it: without apiVersion and kind.</summary>
    private static byte[] ListItem(string json)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        node.Remove("apiVersion");
        node.Remove("kind");
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    private static ResourceObject Synced(byte[] json, GroupVersionResource gvr, string kind) =>
        new(ObjectRewriter.Rewrite(json, Cluster, PruneOptions.Default, TypeMeta.Of(gvr.Group, gvr.Version, kind)));

    [Fact]
    public async Task Our_rows_are_upstreams_rows()
    {
        var upstream = Server.CreateDatabase();
        Server.Execute(upstream, IsPostgres ? UpstreamSchema.Postgres : UpstreamSchema.MySql);
        foreach (var (gvr, json) in new[] { (TestObjects.Pods, PodJson), (TestObjects.Deployments, DeploymentJson), (Namespaces, NamespaceJson), (CronTabs, CronTabJson) })
            UpstreamWriter.Insert(Server, upstream, UpstreamWriter.Row(gvr, Cluster, UpstreamWriter.SynchroObject(Encoding.UTF8.GetBytes(json), Cluster)));
        UpstreamWriter.RecordEvent(Server, upstream, Cluster, Encoding.UTF8.GetBytes(EventJson));

        // Ours, through each write the storage has: the batch upsert, create, upsert, and create then update.
        await Pods.UpsertManyAsync(Cluster, [Synced(ListItem(PodJson), TestObjects.Pods, "Pod")], default);
        await Deployments.CreateAsync(Cluster, Synced(ListItem(DeploymentJson), TestObjects.Deployments, "Deployment"), default);
        await Factory.GetResourceStorage(new(Namespaces, "Namespace", false)).UpsertAsync(Cluster, Synced(ListItem(NamespaceJson), Namespaces, "Namespace"), default);
        var cronTabs = Factory.GetResourceStorage(new(CronTabs, "CronTab", true));
        await cronTabs.CreateAsync(Cluster, Synced(Encoding.UTF8.GetBytes(CronTabJson.Replace("\"300\"", "\"299\"", StringComparison.Ordinal)), CronTabs, "CronTab"), default);
        await cronTabs.UpdateAsync(Cluster, Synced(Encoding.UTF8.GetBytes(CronTabJson), CronTabs, "CronTab"), default);
        // As the event synchro prepares an Event: apiVersion and kind, managedFields dropped, no cluster annotation.
        var @event = ObjectRewriter.Rewrite(ListItem(EventJson), null, new PruneOptions(ManagedFields: true, LastAppliedConfiguration: false), TypeMeta.Event);
        await Pods.RecordEventAsync(Cluster, new ResourceObject(@event), default);

        var theirs = StoredRow.ReadAll(Server, upstream).ToDictionary(r => (r.Resource, r.Namespace, r.Name));
        var ours = StoredRow.ReadAll(Server, Database);
        Assert.Equal(theirs.Count, ours.Count);
        foreach (var row in ours)
        {
            var expected = theirs[(row.Resource, row.Namespace, row.Name)];
            var problems = StoredRow.Differences(expected, row, "synced_at", "event_resource_versions");
            Assert.True(problems.Count == 0, $"{row.Resource} {row.Name}: {string.Join("; ", problems)}");
        }

        // The one deliberate difference: upstream writes an event's resourceVersion as a JSON number (CAST('12400' AS
        // JSON)) and its own reader then asserts a string; we write the string. Both read back as "12400".
        var pod = ours.Single(r => r.Resource == "pods");
        Assert.Equal(JsonValueKind.Number, StoredRow.Parse(theirs[("pods", "default", "web-1")].EventResourceVersions)!.Value.GetProperty("default/web-1.17a").ValueKind);
        Assert.Equal("12400", StoredRow.Parse(pod.EventResourceVersions)!.Value.GetProperty("default/web-1.17a").GetString());
        await using var onUpstream = await InternalStorageFactory.CreateAsync(new StorageLayerOptions("internal", Server.WriteConfig(upstream), _ => null), TextWriter.Null, default);
        Assert.Equal("12400", (await onUpstream.GetResourceVersionsAsync(Cluster, default))[TestObjects.Pods].Events["default/web-1.17a"]);
        Assert.Equal("12400", (await Factory.GetResourceVersionsAsync(Cluster, default))[TestObjects.Pods].Events["default/web-1.17a"]);
    }

    [Fact]
    public void The_upstream_rows_say_what_the_description_says()
    {
        // Guards the expectations themselves against a slip in UpstreamWriter.
        var row = UpstreamWriter.Row(TestObjects.Pods, Cluster, UpstreamWriter.SynchroObject(Encoding.UTF8.GetBytes(PodJson), Cluster));
        Assert.Equal(("", "v1", "pods", "Pod", "default", "web-1"), (row.Group, row.Version, row.Resource, row.Kind, row.Namespace, row.Name));
        Assert.Equal("99999999-2222-3333-4444-555555555555", row.OwnerUid);
        Assert.Equal(new DateTime(2024, 3, 4, 5, 6, 7, DateTimeKind.Utc), row.CreatedAt);
        Assert.Equal(new DateTime(2024, 3, 5, 0, 0, 0, DateTimeKind.Utc), row.DeletedAt);
        Assert.StartsWith("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"annotations\":{\"note\":\"a \\u003cb\\u003e \\u0026 c\",", row.Object);
        Assert.EndsWith("}\n", row.Object);
        Assert.DoesNotContain("managedFields", row.Object);
        Assert.DoesNotContain("last-applied", row.Object);
        var deployment = UpstreamWriter.Row(TestObjects.Deployments, Cluster, UpstreamWriter.SynchroObject(Encoding.UTF8.GetBytes(DeploymentJson), Cluster));
        Assert.Contains("\"annotations\":{\"shadow.clusterpedia.io/cluster-name\":\"member-1\"}", deployment.Object);
        Assert.Equal("", deployment.OwnerUid);
        Assert.Null(deployment.DeletedAt);
        var cronTab = UpstreamWriter.Row(CronTabs, Cluster, UpstreamWriter.SynchroObject(Encoding.UTF8.GetBytes(CronTabJson), Cluster));
        Assert.Equal("", cronTab.OwnerUid); // an owner reference without controller: true is no controller
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresUpstreamRowTests(PostgresServer server) : UpstreamRowTests(server);

[Collection(MariaDbCollection.Name)]
public sealed class MariaDbUpstreamRowTests(MariaDbServer server) : UpstreamRowTests(server);
