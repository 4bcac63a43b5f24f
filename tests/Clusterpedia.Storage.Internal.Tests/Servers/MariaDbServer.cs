using System.Diagnostics;
using MySqlConnector;

namespace Clusterpedia.Storage.Internal.Tests.Servers;

/// <summary>
/// A throwaway MariaDB (mariadb-install-db + mariadbd; as the mysql user when the tests run as root) on a free port, with
/// its socket and data in a temp directory. Each test class gets its own database.
/// </summary>
public sealed class MariaDbServer : IDatabaseServer
{
    private const string Server = "MariaDB", Package = "mariadb-server";

    // Found once per test run: a missing server fails every later fixture at once, with the same sentence.
    private static readonly Lazy<(string InstallDb, string Daemon)> Programs = new(() =>
    {
        var programs = (ServerPrograms.Find("mariadb-install-db", Server, Package), ServerPrograms.Find("mariadbd", Server, Package));
        ServerPrograms.RequireServiceUser("mysql", Server, Package);
        return programs;
    });

    private readonly string _dir;
    private readonly Process _process;
    private int _databases;

    public MariaDbServer()
    {
        var (installDb, daemon) = Programs.Value;
        _dir = ProcessRunner.TempDirectoryFor("mysql", "cp-maria-");
        Port = ProcessRunner.FreePort();
        ProcessRunner.RunAs("mysql", installDb, "--no-defaults", $"--datadir={DataDir}",
            "--auth-root-authentication-method=normal", "--skip-test-db");
        _process = ProcessRunner.StartAs("mysql", daemon, "--no-defaults", $"--datadir={DataDir}",
            $"--port={Port}", "--bind-address=127.0.0.1", $"--socket={Path.Combine(_dir, "mysqld.sock")}",
            $"--pid-file={Path.Combine(_dir, "mysqld.pid")}", $"--log-error={Path.Combine(_dir, "err.log")}",
            "--innodb-flush-log-at-trx-commit=0", "--skip-log-bin");
        WaitUntilReady();
        using var connection = new MySqlConnection($"Server={Path.Combine(_dir, "mysqld.sock")};Protocol=Unix;User ID=root");
        connection.Open();
        using var command = new MySqlCommand(
            "CREATE USER 'cp'@'127.0.0.1' IDENTIFIED BY 'cp'; GRANT ALL ON *.* TO 'cp'@'127.0.0.1'; FLUSH PRIVILEGES;", connection);
        command.ExecuteNonQuery();
    }

    public int Port { get; }
    private string DataDir => Path.Combine(_dir, "data");

    private void WaitUntilReady()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var c = new MySqlConnection($"Server={Path.Combine(_dir, "mysqld.sock")};Protocol=Unix;User ID=root;Pooling=false");
                c.Open();
                return;
            }
            catch (MySqlException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                Thread.Sleep(200);
            }
        }
    }

    public string ConnectionString(string database) => $"Server=127.0.0.1;Port={Port};User ID=cp;Password=cp;Database={database}";

    public string CreateDatabase()
    {
        var name = $"test_{Interlocked.Increment(ref _databases)}";
        ExecuteOn(ConnectionString("mysql"), $"CREATE DATABASE {name}");
        return name;
    }

    public string Type => "mysql";

    public void Execute(string database, string sql) => ExecuteOn(ConnectionString(database), sql);

    public object? Scalar(string database, string sql)
    {
        using var connection = new MySqlConnection(ConnectionString(database));
        connection.Open();
        using var command = new MySqlCommand(sql, connection);
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    public System.Data.Common.DbConnection Open(string database)
    {
        var connection = new MySqlConnection(ConnectionString(database));
        connection.Open();
        return connection;
    }

    public static void ExecuteOn(string connectionString, string sql)
    {
        using var connection = new MySqlConnection(connectionString);
        connection.Open();
        using var command = new MySqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    public string WriteConfig(string database, string extra = "")
    {
        // In the server's temp directory, which goes when the server does.
        var path = Path.Combine(_dir, $"internalstorage-{database}-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, $"type: mysql\nhost: 127.0.0.1\nport: {Port}\nuser: cp\npassword: cp\ndatabase: {database}\n{extra}");
        return path;
    }

    /// <summary>Stops the server: SIGTERM to mariadbd itself (its pid file), which shuts down cleanly.</summary>
    public void Stop()
    {
        if (_process.HasExited) return;
        var pidFile = Path.Combine(_dir, "mysqld.pid");
        if (File.Exists(pidFile)) ProcessRunner.Run("kill", "-TERM", File.ReadAllText(pidFile).Trim());
        _process.WaitForExit(30_000);
    }

    public void Dispose()
    {
        Stop();
        _process.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class MariaDbCollection : ICollectionFixture<MariaDbServer>
{
    public const string Name = "mariadb";
}
