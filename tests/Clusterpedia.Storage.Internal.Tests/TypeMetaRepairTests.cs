using System.Globalization;
using System.Text.Json;
using Clusterpedia.Storage.Internal.Schema;
using Clusterpedia.Storage.Internal.Tests.Servers;

namespace Clusterpedia.Storage.Internal.Tests;

/// <summary>
/// The start-up repair of objects stored without apiVersion or kind (<see cref="TypeMetaRepair"/>): rows as an earlier
/// version of our synchro wrote them (list items as a kube-apiserver serves them) get both, once; upstream's rows are
/// never touched.
/// </summary>
public abstract class TypeMetaRepairTests(IDatabaseServer server) : StorageTestBase(server)
{
    private const int Bulk = 25_000;

    private bool Postgres => IsPostgres;

    private async Task<string> StartAsync(string database)
    {
        var report = new StringWriter();
        await using var factory = await InternalStorageFactory.CreateAsync(
            new StorageLayerOptions("internal", Server.WriteConfig(database), _ => null), report, default);
        return report.ToString();
    }

    private long Count(string database, string sql) => Convert.ToInt64(Server.Scalar(database, sql), CultureInfo.InvariantCulture);

    private string Marker(string database) => Convert.ToString(Server.Scalar(database,
        $"SELECT CONCAT(progress, ' ', repaired, ' ', CASE WHEN completed_at IS NULL THEN 'running' ELSE 'done' END) FROM {TypeMetaRepair.MarkerTable} WHERE name = '{TypeMetaRepair.Name}'"),
        CultureInfo.InvariantCulture)!;

    /// <summary>Rows whose object's kind is not their kind column, or whose apiVersion is missing: (c) of the issue.</summary>
    private long Incomplete(string database) => Count(database, Postgres
        ? "SELECT COUNT(*) FROM resources WHERE COALESCE(object->>'kind', '') <> kind OR COALESCE(object->>'apiVersion', '') = ''"
        : "SELECT COUNT(*) FROM resources WHERE COALESCE(JSON_UNQUOTE(JSON_EXTRACT(object, '$.kind')), '') <> kind OR COALESCE(JSON_UNQUOTE(JSON_EXTRACT(object, '$.apiVersion')), '') = ''");

    /// <summary>A table as an earlier version of ours left it: <paramref name="count"/> pods stored as list items, no apiVersion, no kind.</summary>
    private string TableOfBareRows(int count)
    {
        var database = Server.CreateDatabase();
        Server.Execute(database, Postgres ? UpstreamSchema.Postgres : UpstreamSchema.MySql);
        const string columns = "owner_uid, uid, resource_version, object, created_at, synced_at";
        Server.Execute(database, Postgres
            ? $"""
              INSERT INTO resources ("group", version, resource, kind, cluster, namespace, name, {columns})
              SELECT '', 'v1', 'pods', 'Pod', 'old', 'ns', 'pod-' || i, '', 'uid-' || i, i::text,
                jsonb_build_object('metadata', jsonb_build_object('name', 'pod-' || i, 'namespace', 'ns', 'uid', 'uid-' || i, 'resourceVersion', i::text,
                  'annotations', jsonb_build_object('shadow.clusterpedia.io/cluster-name', 'old')), 'spec', jsonb_build_object('nodeName', 'node-1')),
                '2024-01-01 00:00:00', '2024-01-02 00:00:00'
              FROM generate_series(1, {count}) AS i
              """
            : $"""
              INSERT INTO resources (`group`, version, resource, kind, cluster, namespace, name, {columns})
              SELECT '', 'v1', 'pods', 'Pod', 'old', 'ns', CONCAT('pod-', i), '', CONCAT('uid-', i), CAST(i AS CHAR),
                JSON_OBJECT('metadata', JSON_OBJECT('name', CONCAT('pod-', i), 'namespace', 'ns', 'uid', CONCAT('uid-', i), 'resourceVersion', CAST(i AS CHAR),
                  'annotations', JSON_OBJECT('shadow.clusterpedia.io/cluster-name', 'old')), 'spec', JSON_OBJECT('nodeName', 'node-1')),
                '2024-01-01 00:00:00', '2024-01-02 00:00:00'
              FROM (SELECT a.d + 10 * b.d + 100 * c.d + 1000 * e.d + 10000 * f.d + 1 AS i FROM {Digits("a")} CROSS JOIN {Digits("b")}
                CROSS JOIN {Digits("c")} CROSS JOIN {Digits("e")} CROSS JOIN {Digits("f")}) seq WHERE i <= {count}
              """);
        return database;
    }

    private static string Digits(string alias) => "(" + string.Join(" UNION ALL ", Enumerable.Range(0, 10).Select(d => $"SELECT {d} AS d")) + $") {alias}";

    private void InsertRow(string database, string group, string version, string resource, string kind, string name, string json)
    {
        var g = Postgres ? "\"group\"" : "`group`";
        Server.Execute(database, $"INSERT INTO resources ({g}, version, resource, kind, cluster, namespace, name, owner_uid, uid, resource_version, object, created_at, synced_at) " +
            $"VALUES ('{group}', '{version}', '{resource}', '{kind}', 'old', 'ns', '{name}', '', 'uid-{name}', '1', '{json}', '2024-01-01 00:00:00', '2024-01-02 00:00:00')");
    }

    [Fact]
    public async Task Bare_rows_get_api_version_and_kind_once_in_batches_and_the_count_is_reported()
    {
        var database = TableOfBareRows(Bulk);
        // Gaps in the ids, as deletes leave them: batches are counted in rows, not ids.
        Server.Execute(database, "DELETE FROM resources WHERE MOD(id, 7) = 0");
        InsertRow(database, "apps", "v1", "deployments", "Deployment", "web", """{"metadata":{"name":"web","namespace":"ns"},"spec":{"replicas":2}}""");
        InsertRow(database, "", "v1", "pods", "Pod", "null-kind", """{"kind":null,"apiVersion":"","metadata":{"name":"null-kind","namespace":"ns"}}""");
        InsertRow(database, "apps", "v1", "replicasets", "ReplicaSet", "no-kind", """{"apiVersion":"apps/v1beta2","metadata":{"name":"no-kind","namespace":"ns"}}""");
        InsertRow(database, "", "v1", "pods", "Pod", "no-api-version", """{"kind":"Pod","metadata":{"name":"no-api-version","namespace":"ns"}}""");
        InsertRow(database, "stable.example.com", "v1", "crontabs", "CronTab", "complete", """{"apiVersion":"stable.example.com/v1","kind":"CronTab","metadata":{"name":"complete","namespace":"ns"}}""");
        // Nothing to fill in: left as it is.
        InsertRow(database, "", "v1", "pods", "", "no-kind-column", """{"metadata":{"name":"no-kind-column","namespace":"ns"}}""");
        var before = StoredRow.ReadAll(Server, database);
        var bare = Bulk - Bulk / 7 + 4;

        var report = await StartAsync(database);

        Assert.Contains($"repaired {bare} rows of table resources whose object lacked apiVersion or kind", report);
        var after = StoredRow.ReadAll(Server, database);
        Assert.Equal(before.Count, after.Count);
        Assert.Equal(1, Incomplete(database)); // the row without a kind column
        foreach (var (old, now) in before.Zip(after))
        {
            Assert.Empty(StoredRow.Differences(old, now, "object"));
            var o = now.ObjectJson;
            if (old.Kind.Length == 0)
            {
                Assert.Equal(old.Object, now.Object);
                continue;
            }
            Assert.Equal(now.Kind, o.GetProperty("kind").GetString());
            var expectedApiVersion = old.ObjectJson.TryGetProperty("apiVersion", out var kept) && kept.GetString() is { Length: > 0 } v
                ? v : now.Group.Length == 0 ? now.Version : $"{now.Group}/{now.Version}";
            Assert.Equal(expectedApiVersion, o.GetProperty("apiVersion").GetString());
            // Everything else is the object as it was.
            Assert.True(JsonElement.DeepEquals(WithoutTypeMeta(old.ObjectJson), WithoutTypeMeta(o)), now.Object);
        }
        Assert.Equal("apps/v1beta2", after.Single(r => r.Name == "no-kind").ObjectJson.GetProperty("apiVersion").GetString());
        var complete = before.Single(r => r.Name == "complete");
        Assert.Equal(complete.Object, after.Single(r => r.Name == "complete").Object);
        Assert.EndsWith($" {bare} done", Marker(database));

        // Idempotent: the next start reads the marker and walks nothing.
        Assert.Equal("", await StartAsync(database));
        Assert.Equal(after, StoredRow.ReadAll(Server, database));
    }

    private static JsonElement WithoutTypeMeta(JsonElement o)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(o.GetRawText())!.AsObject();
        node.Remove("apiVersion");
        node.Remove("kind");
        return JsonDocument.Parse(node.ToJsonString()).RootElement.Clone();
    }

    [Fact]
    public async Task An_interrupted_repair_resumes_after_its_last_batch_and_deleting_the_marker_walks_again()
    {
        var database = TableOfBareRows(3);
        Assert.Contains("repaired 3 rows", await StartAsync(database));
        // As if a start had stopped after a batch that ended at the second row: both rows lost their kind again.
        var ids = StoredRow.ReadAll(Server, database).Select(r => r.Id).ToArray();
        Server.Execute(database, Postgres ? "UPDATE resources SET object = object - 'kind'" : "UPDATE resources SET object = JSON_REMOVE(object, '$.kind')");
        Server.Execute(database, $"UPDATE {TypeMetaRepair.MarkerTable} SET progress = {ids[1]}, repaired = 5, completed_at = NULL");

        Assert.Contains("repaired 6 rows", await StartAsync(database));
        Assert.Equal(2, Incomplete(database)); // the two rows of the batch already done are not walked again
        Assert.Equal($"{ids[2]} 6 done", Marker(database));

        Server.Execute(database, $"DELETE FROM {TypeMetaRepair.MarkerTable}");
        Assert.Contains("repaired 2 rows", await StartAsync(database));
        Assert.Equal(0, Incomplete(database));
    }

    [Fact]
    public async Task A_table_upstream_wrote_is_left_exactly_as_it_was()
    {
        var database = Server.CreateDatabase();
        Server.Execute(database, Postgres ? UpstreamSchema.Postgres : UpstreamSchema.MySql);
        for (var i = 0; i < 3; i++)
        {
            var pod = TestObjects.Pod("up", "default", $"api-{i}", TestObjects.Labels("app=api"), resourceVersion: $"{100 + i}");
            UpstreamWriter.Insert(Server, database, UpstreamWriter.Row(TestObjects.Pods, "up", UpstreamWriter.SynchroObject(pod.Json.Span, "up")));
        }
        var @event = TestObjects.Object("up", "v1", "Event", "default", "api-0.1", uid: "e1", resourceVersion: "77", extra: w =>
        {
            w.WriteStartObject("involvedObject");
            w.WriteString("uid", TestObjects.Uid("up", "default", "api-0"));
            w.WriteEndObject();
        });
        UpstreamWriter.RecordEvent(Server, database, "up", @event.Json.Span);
        var before = StoredRow.ReadAll(Server, database);

        Assert.Contains("repaired 0 rows", await StartAsync(database));
        Assert.Equal(before, StoredRow.ReadAll(Server, database)); // every column, the object's text and synced_at included
        Assert.Equal("", await StartAsync(database));
    }

    [Fact]
    public async Task A_new_database_is_marked_done_without_a_walk_or_a_report()
    {
        var database = Server.CreateDatabase();
        Assert.Equal("", await StartAsync(database));
        Assert.Equal("0 0 done", Marker(database));
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresTypeMetaRepairTests(PostgresServer server) : TypeMetaRepairTests(server);

[Collection(MariaDbCollection.Name)]
public sealed class MariaDbTypeMetaRepairTests(MariaDbServer server) : TypeMetaRepairTests(server);
