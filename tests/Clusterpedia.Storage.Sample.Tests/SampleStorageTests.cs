using Clusterpedia.Query;
using Clusterpedia.Storage.Conformance;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Clusterpedia.Storage.Sample.Tests;

/// <summary>What the conformance suite does not cover: persistence, the file on disk, errors and hostile input.</summary>
public sealed class SampleStorageTests
{
    private static readonly ResourceStorageConfig Pods = StorageConformanceTestBase.PodsConfig;
    private static readonly CancellationToken Timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1)).Token;

    private static async Task<IStorageFactory> OpenAsync(string database) =>
        await SampleStorageFactory.CreateAsync(
            new StorageLayerOptions("sample-storage", TestDatabases.WriteConfig($"database: {database}\nbusyTimeout: 1\n"), _ => null), Timeout);

    [Fact]
    public async Task Objects_survive_a_restart_and_keep_their_resource_versions()
    {
        var database = Path.Combine(TestDatabases.NewFolder(), "nested", "dir", "sample.db");
        var first = await OpenAsync(database);
        await first.GetResourceStorage(Pods).UpsertAsync("c1", TestObject.Pod("default", "web").WithResourceVersion("7").Build("c1"), Timeout);
        await first.ShutdownAsync(Timeout);
        await first.DisposeAsync();
        Assert.True(File.Exists(database));

        await using var second = await OpenAsync(database);
        Assert.Equal("7", (await second.GetResourceStorage(Pods).GetAsync("c1", "default", "web", Timeout)).Metadata.ResourceVersion);
        Assert.Equal("7", (await second.GetResourceVersionsAsync("c1", Timeout))[Pods.Resource].Resources["default/web"]);
    }

    [Fact]
    public async Task Writes_the_upstream_resources_table()
    {
        var database = Path.Combine(TestDatabases.NewFolder(), "sample.db");
        await using var storage = await OpenAsync(database);
        var owner = TestObject.ReplicaSet("default", "web-abc");
        await storage.GetResourceStorage(Pods).UpsertAsync("c1", TestObject.Pod("default", "web").OwnedBy(owner).Build("c1"), Timeout);

        await using var connection = new SqliteConnection($"Data Source={database}");
        await connection.OpenAsync(Timeout);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"group\", version, resource, kind, cluster, namespace, name, owner_uid, resource_version, created_at, json_extract(object, '$.metadata.name') FROM resources";
        await using var reader = await command.ExecuteReaderAsync(Timeout);
        Assert.True(await reader.ReadAsync(Timeout));
        Assert.Equal(["", "v1", "pods", "Pod", "c1", "default", "web", owner.EffectiveUid, "1", "2024-01-01T00:00:00.0000000Z", "web"],
            Enumerable.Range(0, 11).Select(reader.GetString));
    }

    [Fact]
    public async Task Hostile_search_values_are_only_values()
    {
        await using var storage = await OpenAsync(Path.Combine(TestDatabases.NewFolder(), "sample.db"));
        var pods = storage.GetResourceStorage(Pods);
        await pods.UpsertAsync("c1", TestObject.Pod("default", "web").WithLabel("app", "x' OR '1'='1").Build("c1"), Timeout);
        var hostile = new ListOptions
        {
            Names = ["web' OR 1=1 --"],
            LabelSelector = [new LabelRequirement("app') OR 1=1 --", SelectorOperator.Exists, [])],
        };
        var sink = new CollectingListSink();
        await pods.ListAsync(hostile, sink, Timeout);
        Assert.Empty(sink.Items);

        sink = new CollectingListSink();
        await pods.ListAsync(new ListOptions { LabelSelector = [new LabelRequirement("app", SelectorOperator.Equals, ["x' OR '1'='1"])] }, sink, Timeout);
        Assert.Equal(["c1/default/web"], sink.Keys);
    }

    [Fact]
    public async Task A_locked_database_is_a_recoverable_error()
    {
        var database = Path.Combine(TestDatabases.NewFolder(), "sample.db");
        await using var storage = await OpenAsync(database);
        // Another process (here: another connection) holds the write lock longer than busyTimeout (1 s).
        await using var other = new SqliteConnection($"Data Source={database};Pooling=False");
        await other.OpenAsync(Timeout);
        await using (var begin = other.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE";
            await begin.ExecuteNonQueryAsync(Timeout);
        }
        var e = await Assert.ThrowsAsync<StorageException>(async () =>
            await storage.GetResourceStorage(Pods).UpsertAsync("c1", TestObject.Pod("default", "web").Build("c1"), Timeout));
        Assert.True(e.IsRecoverable, e.Message);
        Assert.Contains("sample-storage", e.Message);
    }

    [Fact]
    public async Task A_broken_object_is_a_fatal_error_and_watch_is_not_supported()
    {
        await using var storage = await OpenAsync(Path.Combine(TestDatabases.NewFolder(), "sample.db"));
        var pods = storage.GetResourceStorage(Pods);
        var e = await Assert.ThrowsAsync<StorageException>(async () => await pods.UpsertAsync("c1", Objects.ResourceObject.FromString("[1]"), Timeout));
        Assert.Equal(StorageErrorKind.Fatal, e.Kind);
        Assert.False(storage.SupportedVerbs.HasFlag(StorageVerbs.Watch));
    }

    [Fact]
    public async Task An_unusable_database_file_fails_at_start()
    {
        var folder = TestDatabases.NewFolder();
        var notADatabase = Path.Combine(folder, "sample.db");
        await File.WriteAllTextAsync(notADatabase, new string('x', 4096), Timeout);
        var e = await Assert.ThrowsAsync<StorageException>(async () => await OpenAsync(notADatabase));
        Assert.Contains("sample-storage", e.Message);
    }
}
