using Clusterpedia.Storage.Sample.Config;
using Microsoft.Data.Sqlite;

namespace Clusterpedia.Storage.Sample;

/// <summary>
/// The SQLite file: opens pooled connections, creates the schema and turns SQLite errors into
/// <see cref="StorageException"/>s with the kind the callers act on.
/// </summary>
/// <remarks>
/// The table is upstream Clusterpedia's <c>resources</c> table (one row per object, the object as JSON text), so the
/// SQL reads like the internal storage's. Timestamps are stored as fixed-width UTC text (<c>O</c> format), which sorts
/// and compares in time order.
/// </remarks>
internal sealed class SampleDatabase
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS resources (
            id               INTEGER PRIMARY KEY,
            "group"          TEXT NOT NULL,
            version          TEXT NOT NULL,
            resource         TEXT NOT NULL,
            kind             TEXT NOT NULL,
            cluster          TEXT NOT NULL,
            namespace        TEXT NOT NULL,
            name             TEXT NOT NULL,
            owner_uid        TEXT NOT NULL DEFAULT '',
            uid              TEXT NOT NULL,
            resource_version TEXT NOT NULL,
            object           TEXT NOT NULL,
            created_at       TEXT,
            synced_at        TEXT NOT NULL,
            deleted_at       TEXT
        );
        CREATE UNIQUE INDEX IF NOT EXISTS uni_group_version_resource_cluster_namespace_name
            ON resources ("group", version, resource, cluster, namespace, name);
        CREATE INDEX IF NOT EXISTS idx_group_version_resource_namespace_name ON resources ("group", version, resource, namespace, name);
        CREATE INDEX IF NOT EXISTS idx_group_version_resource_name ON resources ("group", version, resource, name);
        CREATE INDEX IF NOT EXISTS idx_cluster ON resources (cluster);
        -- Owner searches look children up by their controller's uid, and owners by uid.
        CREATE INDEX IF NOT EXISTS idx_cluster_owner_uid ON resources (cluster, owner_uid);
        CREATE INDEX IF NOT EXISTS idx_cluster_uid ON resources (cluster, uid);
        """;

    private readonly string _connectionString;

    private SampleDatabase(SampleStorageSettings settings)
    {
        Settings = settings;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = settings.DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            // Microsoft.Data.Sqlite retries a busy database until this many seconds have passed.
            DefaultTimeout = (int)settings.BusyTimeout.TotalSeconds,
        }.ToString();
    }

    public SampleStorageSettings Settings { get; }

    /// <summary>Opens the file (creating it and its directory) and makes sure the schema exists.</summary>
    public static async Task<SampleDatabase> OpenAsync(SampleStorageSettings settings, CancellationToken cancellationToken)
    {
        if (Path.GetDirectoryName(settings.DatabasePath) is { Length: > 0 } directory) Directory.CreateDirectory(directory);
        var database = new SampleDatabase(settings);
        await using var connection = await database.ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        // WAL lets the API server read while the synchro writes; the setting is kept in the file.
        command.CommandText = "PRAGMA journal_mode = WAL;" + Schema;
        await database.RunAsync("create the schema", () => command.ExecuteNonQueryAsync(cancellationToken)).ConfigureAwait(false);
        return database;
    }

    /// <summary>An open connection from the pool; dispose it to return it.</summary>
    public async Task<SqliteConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (SqliteException e)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw Translate(e, $"open {Settings.DatabasePath}");
        }
    }

    /// <summary>Runs a database call, translating its SQLite errors.</summary>
    public async Task<T> RunAsync<T>(string what, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (SqliteException e)
        {
            throw Translate(e, what);
        }
    }

    /// <summary>Releases the pooled connections, so the file is closed when the storage shuts down.</summary>
    public void Close()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    /// <summary>
    /// The error kinds the rest of Clusterpedia acts on: the synchro retries <see cref="StorageErrorKind.Recoverable"/>
    /// (a lock held too long, a full disk, an I/O error), counts and drops anything <see cref="StorageErrorKind.Fatal"/>.
    /// A duplicate key is <see cref="StorageErrorKind.AlreadyExists"/>.
    /// </summary>
    public static StorageException Translate(SqliteException e, string what)
    {
        const int busy = 5, locked = 6, readOnly = 8, ioError = 10, full = 13, cantOpen = 14, constraint = 19;
        const int constraintUnique = 2067, constraintPrimaryKey = 1555;
        var message = $"Storage<sample-storage>: {what}: {e.Message}";
        return e.SqliteErrorCode switch
        {
            busy or locked or readOnly or ioError or full or cantOpen => StorageException.Recoverable(message, e),
            constraint when e.SqliteExtendedErrorCode is constraintUnique or constraintPrimaryKey =>
                new StorageException(StorageErrorKind.AlreadyExists, message, e),
            _ => StorageException.Fatal(message, e),
        };
    }
}
