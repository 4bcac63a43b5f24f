using Npgsql;

namespace Clusterpedia.Storage.Internal.Tests.Servers;

/// <summary>
/// A throwaway PostgreSQL 15 cluster (initdb + pg_ctl; as the postgres user when the tests run as root) on a free port,
/// with its socket and data in a temp directory. Each test class gets its own database.
/// </summary>
public sealed class PostgresServer : IDatabaseServer
{
    private const string Bin = "/usr/lib/postgresql/15/bin";
    private const string Server = "PostgreSQL 15", Package = "postgresql-15";

    // Checked once per test run: a missing server fails every later fixture at once, with the same sentence.
    private static readonly Lazy<bool> Installed = new(() =>
    {
        foreach (var program in new[] { "initdb", "pg_ctl", "postgres" }) ServerPrograms.Find($"{Bin}/{program}", Server, Package);
        ServerPrograms.RequireServiceUser("postgres", Server, Package);
        return true;
    });

    private readonly string _dir;
    private int _databases;

    public PostgresServer()
    {
        _ = Installed.Value;
        _dir = ProcessRunner.TempDirectoryFor("postgres", "cp-pg-");
        Port = ProcessRunner.FreePort();
        AsPostgres($"{Bin}/initdb", "-D", DataDir, "-U", "postgres", "--auth=trust", "--locale=C", "--encoding=UTF8");
        Start();
    }

    public int Port { get; }
    private string DataDir => Path.Combine(_dir, "data");

    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false";

    public void Start() =>
        AsPostgres($"{Bin}/pg_ctl", "-D", DataDir, "-w", "-l", Path.Combine(_dir, "server.log"),
            "-o", $"-p {Port} -k {_dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off", "start");

    public void Stop() => AsPostgres($"{Bin}/pg_ctl", "-D", DataDir, "-w", "-m", "fast", "stop");

    private static void AsPostgres(string file, params string[] args) => ProcessRunner.RunAs("postgres", file, args);

    /// <summary>Creates an empty database and returns its name.</summary>
    public string CreateDatabase()
    {
        var name = $"test_{Interlocked.Increment(ref _databases)}";
        ExecuteOn(AdminConnectionString, $"CREATE DATABASE {name}");
        return name;
    }

    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database}";

    public string Type => "postgres";

    public void Execute(string database, string sql) => ExecuteOn(ConnectionString(database), sql);

    public object? Scalar(string database, string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString(database));
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    public System.Data.Common.DbConnection Open(string database)
    {
        var connection = new NpgsqlConnection(ConnectionString(database));
        connection.Open();
        return connection;
    }

    public static void ExecuteOn(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    /// <summary>A config file for the internal storage pointing at <paramref name="database"/>.</summary>
    public string WriteConfig(string database, string extra = "")
    {
        // In the server's temp directory, which goes when the server does.
        var path = Path.Combine(_dir, $"internalstorage-{database}-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, $"type: postgres\nhost: 127.0.0.1\nport: {Port}\nuser: postgres\ndatabase: {database}\nsslMode: disable\n{extra}");
        return path;
    }

    public void Dispose()
    {
        try
        {
            Stop();
        }
        catch (InvalidOperationException)
        {
            // Already stopped by a test.
        }
        Directory.Delete(_dir, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
