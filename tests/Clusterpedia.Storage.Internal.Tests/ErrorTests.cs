using Clusterpedia.Storage.Internal.Config;
using Clusterpedia.Storage.Internal.Sql;
using Clusterpedia.Storage.Internal.Tests.Servers;
using Npgsql;
using static Clusterpedia.Storage.Internal.Tests.TestObjects;

namespace Clusterpedia.Storage.Internal.Tests;

/// <summary>Recoverable versus fatal failures, provoked on real servers (each test that stops one starts its own).</summary>
public sealed class ErrorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cp-err-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private StorageLayerOptions Options(string yaml)
    {
        var path = Path.Combine(_dir, "internalstorage.yaml");
        File.WriteAllText(path, yaml);
        return new StorageLayerOptions("internal", path, _ => null);
    }

    [Theory]
    [InlineData("postgres")]
    [InlineData("mysql")]
    public async Task An_unreachable_database_is_Recoverable(string type)
    {
        var port = ProcessRunner.FreePort();
        var e = await Assert.ThrowsAsync<StorageException>(() =>
            InternalStorageFactory.CreateAsync(Options($"type: {type}\nhost: 127.0.0.1\nport: {port}\nuser: u\npassword: p\ndatabase: d\nsslMode: disable\n"), default).AsTask());
        Assert.Equal(StorageErrorKind.Recoverable, e.Kind);
    }

    [Fact]
    public async Task Postgres_stopped_mid_way_is_Recoverable_and_lock_timeouts_too()
    {
        using var server = new PostgresServer();
        var database = server.CreateDatabase();
        await using var factory = await InternalStorageFactory.CreateAsync(
            new StorageLayerOptions("internal", server.WriteConfig(database, "params:\n  Options: -c lock_timeout=300\n"), _ => null), default);
        var pods = factory.GetResourceStorage(new ResourceStorageConfig(Pods, "Pod", true));
        await pods.UpsertAsync("c1", Pod("c1", "default", "a"), default);

        // A row lock held elsewhere: lock_timeout (55P03) is transient.
        await using (var holder = new NpgsqlConnection(server.ConnectionString(database)))
        {
            await holder.OpenAsync();
            await using var tx = await holder.BeginTransactionAsync();
            await using (var lockRow = new NpgsqlCommand("SELECT 1 FROM resources WHERE name = 'a' FOR UPDATE", holder, tx))
                await lockRow.ExecuteNonQueryAsync();
            var locked = await Assert.ThrowsAsync<StorageException>(() => pods.UpsertAsync("c1", Pod("c1", "default", "a", resourceVersion: "2"), default).AsTask());
            Assert.Equal(StorageErrorKind.Recoverable, locked.Kind);
        }

        // Data the schema rejects is not transient.
        var tooLong = await Assert.ThrowsAsync<StorageException>(() => pods.UpsertAsync("c1", Pod("c1", "default", new string('x', 300)), default).AsTask());
        Assert.Equal(StorageErrorKind.Fatal, tooLong.Kind);

        server.Stop();
        var e = await Assert.ThrowsAsync<StorageException>(() => pods.GetAsync("c1", "default", "a", default).AsTask());
        Assert.Equal(StorageErrorKind.Recoverable, e.Kind);
        server.Start();
        NpgsqlConnection.ClearAllPools();
        await using var again = await InternalStorageFactory.CreateAsync(new StorageLayerOptions("internal", server.WriteConfig(database), _ => null), default);
        Assert.Equal("a", (await again.GetResourceStorage(pods.Config).GetAsync("c1", "default", "a", default)).Metadata.Name);
    }

    [Fact]
    public async Task MariaDb_stopped_mid_way_is_Recoverable_and_lock_wait_timeouts_too()
    {
        using var server = new MariaDbServer();
        var database = server.CreateDatabase();
        await using var factory = await InternalStorageFactory.CreateAsync(new StorageLayerOptions("internal", server.WriteConfig(database), _ => null), default);
        var pods = factory.GetResourceStorage(new ResourceStorageConfig(Pods, "Pod", true));
        await pods.UpsertAsync("c1", Pod("c1", "default", "a"), default);

        server.Execute(database, "SET GLOBAL innodb_lock_wait_timeout = 1");
        await using (var holder = new MySqlConnector.MySqlConnection(server.ConnectionString(database)))
        {
            await holder.OpenAsync();
            await using var tx = await holder.BeginTransactionAsync();
            await using (var lockRow = new MySqlConnector.MySqlCommand("SELECT 1 FROM resources WHERE name = 'a' FOR UPDATE", holder, tx))
                await lockRow.ExecuteNonQueryAsync();
            // New connections see the new global timeout.
            MySqlConnector.MySqlConnection.ClearAllPools();
            var locked = await Assert.ThrowsAsync<StorageException>(() => pods.UpsertAsync("c1", Pod("c1", "default", "a", resourceVersion: "2"), default).AsTask());
            Assert.Equal(StorageErrorKind.Recoverable, locked.Kind);
        }

        var tooLong = await Assert.ThrowsAsync<StorageException>(() => pods.UpsertAsync("c1", Pod("c1", "default", new string('x', 300)), default).AsTask());
        Assert.Equal(StorageErrorKind.Fatal, tooLong.Kind);

        server.Stop();
        var e = await Assert.ThrowsAsync<StorageException>(() => pods.GetAsync("c1", "default", "a", default).AsTask());
        Assert.Equal(StorageErrorKind.Recoverable, e.Kind);
    }

    [Theory]
    [InlineData("57P01", true)]
    [InlineData("57P03", true)]
    [InlineData("08006", true)]
    [InlineData("40001", true)]
    [InlineData("40P01", true)]
    [InlineData("55P03", true)]
    [InlineData("25006", true)]
    [InlineData("58030", true)]
    [InlineData("42P01", false)]
    [InlineData("23505", false)]
    public void Postgres_sqlstates_are_classified(string sqlState, bool recoverable)
    {
        var settings = new InternalStorageSettings(DatabaseType.Postgres, "", 5, 40, TimeSpan.Zero, new HashSet<string> { "58030" }, new HashSet<int>(), "test");
        var dialect = new PostgresDialect(NpgsqlDataSource.Create("Host=127.0.0.1"), settings);
        var e = dialect.Classify(new PostgresException("boom", "ERROR", "ERROR", sqlState), "test");
        Assert.Equal(recoverable ? StorageErrorKind.Recoverable : StorageErrorKind.Fatal, e.Kind);
    }
}
