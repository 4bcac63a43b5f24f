using System.Globalization;
using Clusterpedia.Storage.Internal.Tests.Servers;
using static Clusterpedia.Storage.Internal.Tests.TestObjects;

namespace Clusterpedia.Storage.Internal.Tests;

/// <summary>Create, update, upsert (single and batched), delete, events and cleanup, checked against the rows written.</summary>
public abstract class WriteTests(IDatabaseServer server) : StorageTestBase(server)
{
    [Fact]
    public async Task Upsert_then_get_returns_the_object()
    {
        var pod = Pod("c1", "default", "web", Labels("app=web"));
        await Pods.UpsertAsync("c1", pod, default);
        var got = await Pods.GetAsync("c1", "default", "web", default);
        Assert.Equal("web", got.Metadata.Name);
        Assert.Equal("web", got.Metadata.Labels["app"]);
        Assert.Equal("c1", got.Metadata.Cluster);
    }

    [Fact]
    public async Task Get_of_a_missing_object_is_NotFound()
    {
        var e = await Assert.ThrowsAsync<StorageException>(() => Pods.GetAsync("c1", "default", "nope", default).AsTask());
        Assert.Equal(StorageErrorKind.NotFound, e.Kind);
    }

    [Fact]
    public async Task Create_of_a_taken_key_is_AlreadyExists()
    {
        await Pods.CreateAsync("c1", Pod("c1", "default", "web"), default);
        var e = await Assert.ThrowsAsync<StorageException>(() => Pods.CreateAsync("c1", Pod("c1", "default", "web"), default).AsTask());
        Assert.Equal(StorageErrorKind.AlreadyExists, e.Kind);
        // The same name in another cluster or namespace is another key.
        await Pods.CreateAsync("c2", Pod("c2", "default", "web"), default);
        await Pods.CreateAsync("c1", Pod("c1", "other", "web"), default);
    }

    [Fact]
    public async Task Update_of_a_missing_object_is_NotFound_and_of_an_existing_one_replaces_it()
    {
        var e = await Assert.ThrowsAsync<StorageException>(() => Pods.UpdateAsync("c1", Pod("c1", "default", "web"), default).AsTask());
        Assert.Equal(StorageErrorKind.NotFound, e.Kind);
        await Pods.CreateAsync("c1", Pod("c1", "default", "web", resourceVersion: "1"), default);
        await Pods.UpdateAsync("c1", Pod("c1", "default", "web", Labels("v=2"), resourceVersion: "2"), default);
        var got = await Pods.GetAsync("c1", "default", "web", default);
        Assert.Equal("2", got.Metadata.ResourceVersion);
        Assert.Equal("2", Scalar("SELECT resource_version FROM resources"));
        // Rewriting identical content still counts as a match, not NotFound.
        await Pods.UpdateAsync("c1", Pod("c1", "default", "web", Labels("v=2"), resourceVersion: "2"), default);
    }

    [Fact]
    public async Task Upsert_replaces_without_duplicating_the_row()
    {
        await Pods.UpsertAsync("c1", Pod("c1", "default", "web", resourceVersion: "5"), default);
        await Pods.UpsertAsync("c1", Pod("c1", "default", "web", resourceVersion: "6"), default);
        Assert.Equal(1L, Convert.ToInt64(Scalar("SELECT COUNT(*) FROM resources"), CultureInfo.InvariantCulture));
        Assert.Equal("6", (await Pods.GetAsync("c1", "default", "web", default)).Metadata.ResourceVersion);
    }

    [Fact]
    public async Task UpsertMany_writes_batches_and_the_last_write_of_a_key_wins()
    {
        var pods = Enumerable.Range(0, 1234).Select(i => Pod("c1", $"ns{i % 3}", $"pod-{i}", resourceVersion: "1")).ToList();
        pods.Add(Pod("c1", "ns0", "pod-0", resourceVersion: "99"));
        await Upsert(Pods, "c1", pods.ToArray());
        Assert.Equal(1234L, Convert.ToInt64(Scalar("SELECT COUNT(*) FROM resources"), CultureInfo.InvariantCulture));
        Assert.Equal("99", (await Pods.GetAsync("c1", "ns0", "pod-0", default)).Metadata.ResourceVersion);

        // A second batch updates existing rows and inserts new ones.
        await Upsert(Pods, "c1", Pod("c1", "ns1", "pod-1", resourceVersion: "7"), Pod("c1", "ns1", "new", resourceVersion: "1"));
        Assert.Equal(1235L, Convert.ToInt64(Scalar("SELECT COUNT(*) FROM resources"), CultureInfo.InvariantCulture));
        Assert.Equal("7", (await Pods.GetAsync("c1", "ns1", "pod-1", default)).Metadata.ResourceVersion);
    }

    [Fact]
    public async Task UpsertMany_splits_large_objects_into_statements_under_the_packet_limit()
    {
        var big = new string('x', 2 * 1024 * 1024);
        var pods = Enumerable.Range(0, 10).Select(i => Object("c1", "v1", "Pod", "default", $"big-{i}",
            extra: w => { w.WriteStartObject("data"); w.WriteString("blob", big); w.WriteEndObject(); })).ToArray();
        await Upsert(Pods, "c1", pods);
        Assert.Equal(10L, Convert.ToInt64(Scalar("SELECT COUNT(*) FROM resources"), CultureInfo.InvariantCulture));
        Assert.True((await Pods.GetAsync("c1", "default", "big-9", default)).Json.Length > big.Length);
    }

    [Fact]
    public void Batches_are_bounded_by_rows_and_by_json_size()
    {
        static Sql.ResourceRow Row(int chars) => new("ns", "n", "", "u", "1", new string('x', chars), DateTime.UnixEpoch, null);
        Assert.Equal([500, 500, 1], InternalResourceStorage.Batches(Enumerable.Range(0, 1001).Select(_ => Row(10))).Select(b => b.Count));
        var third = InternalResourceStorage.BatchChars / 3 + 1;
        Assert.Equal([2, 2, 1], InternalResourceStorage.Batches(Enumerable.Range(0, 5).Select(_ => Row(third))).Select(b => b.Count));
        // An object larger than the bound still goes, alone.
        Assert.Equal([1, 1], InternalResourceStorage.Batches([Row(InternalResourceStorage.BatchChars + 1), Row(1)]).Select(b => b.Count));
    }

    [Fact]
    public async Task Rows_carry_the_column_values_upstream_expects()
    {
        var created = new DateTimeOffset(2024, 3, 4, 5, 6, 7, TimeSpan.Zero);
        var deleted = new DateTimeOffset(2024, 3, 5, 0, 0, 0, TimeSpan.Zero);
        var before = DateTime.UtcNow.AddMinutes(-1);
        var pod = Object("c1", "v1", "Pod", "default", "web", uid: "11111111-2222-3333-4444-555555555555", resourceVersion: "12345",
            created: created, deleted: deleted, owner: ("ReplicaSet", "web-rs", "99999999-2222-3333-4444-555555555555"));
        await Pods.UpsertAsync("c1", pod, default);
        var g = Quote("group");
        Assert.Equal("", Scalar($"SELECT {g} FROM resources"));
        Assert.Equal("v1", Scalar("SELECT version FROM resources"));
        Assert.Equal("pods", Scalar("SELECT resource FROM resources"));
        Assert.Equal("Pod", Scalar("SELECT kind FROM resources"));
        Assert.Equal("c1", Scalar("SELECT cluster FROM resources"));
        Assert.Equal("default", Scalar("SELECT namespace FROM resources"));
        Assert.Equal("web", Scalar("SELECT name FROM resources"));
        Assert.Equal("11111111-2222-3333-4444-555555555555", Scalar("SELECT uid FROM resources"));
        Assert.Equal("99999999-2222-3333-4444-555555555555", Scalar("SELECT owner_uid FROM resources"));
        Assert.Equal("12345", Scalar("SELECT resource_version FROM resources"));
        Assert.Equal(created.UtcDateTime, AsUtc(Scalar("SELECT created_at FROM resources")));
        Assert.Equal(deleted.UtcDateTime, AsUtc(Scalar("SELECT deleted_at FROM resources")));
        var synced = AsUtc(Scalar("SELECT synced_at FROM resources"));
        Assert.InRange(synced, before, DateTime.UtcNow.AddMinutes(1));
        Assert.Null(Scalar("SELECT events FROM resources"));
        Assert.Null(Scalar("SELECT event_resource_versions FROM resources"));
        var json = IsPostgres ? Scalar("SELECT object->'metadata'->>'name' FROM resources") : Scalar("SELECT JSON_UNQUOTE(JSON_EXTRACT(object, '$.metadata.name')) FROM resources");
        Assert.Equal("web", json);
    }

    [Fact]
    public async Task Owner_uid_is_only_the_controller_reference()
    {
        await Pods.UpsertAsync("c1", Pod("c1", "default", "plain"), default);
        Assert.Equal("", Scalar("SELECT owner_uid FROM resources"));
        Assert.Null(Scalar("SELECT deleted_at FROM resources"));
    }

    [Fact]
    public async Task Delete_removes_the_row_and_a_missing_object_is_not_an_error()
    {
        await Upsert(Pods, "c1", Pod("c1", "default", "a"), Pod("c1", "default", "b"));
        await Pods.DeleteAsync("c1", "default", "a", default);
        await Pods.DeleteAsync("c1", "default", "a", default);
        Assert.Equal(["b"], (await List(Pods)).Names);
    }

    [Fact]
    public async Task CleanCluster_and_CleanClusterResource_delete_only_their_rows()
    {
        await Upsert(Pods, "c1", Pod("c1", "default", "a"));
        await Upsert(Pods, "c2", Pod("c2", "default", "b"));
        await Upsert(Deployments, "c1", Object("c1", "apps/v1", "Deployment", "default", "d"));
        await Factory.CleanClusterResourceAsync("c1", Pods.Config.Resource, default);
        Assert.Equal(["b"], (await List(Pods)).Names);
        Assert.Equal(["d"], (await List(Deployments)).Names);
        await Factory.CleanClusterAsync("c1", default);
        Assert.Empty((await List(Deployments)).Names);
        Assert.Equal(["b"], (await List(Pods)).Names);
    }

    [Fact]
    public async Task RecordEvent_attaches_events_and_GetResourceVersions_reports_them()
    {
        await Upsert(Pods, "c1", Pod("c1", "default", "web", resourceVersion: "10"), Pod("c1", "default", "db", resourceVersion: "11"));
        await Upsert(Deployments, "c1", Object("c1", "apps/v1", "Deployment", "default", "web", resourceVersion: "12"));
        var podUid = Uid("c1", "default", "web");
        var ev = Object("c1", "v1", "Event", "default", "web.1", uid: "e1", resourceVersion: "77",
            extra: w => { w.WriteStartObject("involvedObject"); w.WriteString("uid", podUid); w.WriteEndObject(); w.WriteString("reason", "Started"); });
        await Pods.RecordEventAsync("c1", ev, default);

        var versions = await Factory.GetResourceVersionsAsync("c1", default);
        Assert.Equal("10", versions[Pods.Config.Resource].Resources["default/web"]);
        Assert.Equal("11", versions[Pods.Config.Resource].Resources["default/db"]);
        Assert.Equal("77", versions[Pods.Config.Resource].Events["default/web.1"]);
        Assert.Equal("12", versions[Deployments.Config.Resource].Resources["default/web"]);
        Assert.Empty(await Factory.GetResourceVersionsAsync("other", default));

        var sink = await List(Pods, ("labelSelector", "search.clusterpedia.io/inject-events=true"), ("names", "web"));
        var annotation = TestObjects.Json(sink.Items[0].Json).GetProperty("metadata").GetProperty("annotations")
            .GetProperty(Objects.WellKnown.EventsAnnotation).GetString()!;
        Assert.Contains("Started", annotation);
        Assert.Equal(System.Text.Json.JsonValueKind.Array, TestObjects.Json(System.Text.Encoding.UTF8.GetBytes(annotation)).ValueKind);
    }

    [Fact]
    public async Task A_listed_event_is_recorded_with_api_version_and_kind()
    {
        await Upsert(Pods, "c1", Pod("c1", "default", "web"));
        // A core/v1 Event as an Event list serves it: no apiVersion, no kind (upstream's codec always writes both).
        var listed = System.Text.Encoding.UTF8.GetBytes($$"""
            {"metadata":{"name":"web.1","namespace":"default","uid":"e1","resourceVersion":"5"},"involvedObject":{"uid":"{{Uid("c1", "default", "web")}}"},"reason":"Started"}
            """);
        await Pods.RecordEventAsync("c1", new Objects.ResourceObject(listed), default);
        var events = TestObjects.Json(System.Text.Encoding.UTF8.GetBytes(Convert.ToString(Scalar("SELECT events FROM resources"), CultureInfo.InvariantCulture)!));
        Assert.Equal(("v1", "Event", "Started"), (events.GetProperty("e1").GetProperty("apiVersion").GetString(),
            events.GetProperty("e1").GetProperty("kind").GetString(), events.GetProperty("e1").GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task Watch_is_not_supported_and_verbs_are_get_and_list()
    {
        Assert.Equal(StorageVerbs.Get | StorageVerbs.List, Factory.SupportedVerbs);
        var e = await Assert.ThrowsAsync<StorageException>(async () =>
        {
            await foreach (var _ in Pods.WatchAsync(Parse(), default)) { }
        });
        Assert.Equal(StorageErrorKind.NotSupported, e.Kind);
    }

    private static DateTime AsUtc(object? value) => value switch
    {
        DateTime d => DateTime.SpecifyKind(d, DateTimeKind.Utc).ToUniversalTime(),
        DateTimeOffset o => o.UtcDateTime,
        _ => throw new InvalidOperationException($"not a time: {value}"),
    };
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresWriteTests(PostgresServer server) : WriteTests(server);

[Collection(MariaDbCollection.Name)]
public sealed class MariaDbWriteTests(MariaDbServer server) : WriteTests(server);
