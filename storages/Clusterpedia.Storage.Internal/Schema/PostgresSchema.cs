using Clusterpedia.Storage.Internal.Logging;
using Npgsql;

namespace Clusterpedia.Storage.Internal.Schema;

/// <summary>
/// Creates upstream's <c>resources</c> table and indexes when missing, plus our additive indexes. An existing upstream
/// table is used as it is: no column is dropped or altered.
/// </summary>
internal static class PostgresSchema
{
    private const string CreateTable = """
        CREATE TABLE IF NOT EXISTS resources (
            id bigserial PRIMARY KEY,
            "group" varchar(63) NOT NULL,
            version varchar(15) NOT NULL,
            resource varchar(63) NOT NULL,
            kind varchar(63) NOT NULL,
            cluster varchar(253) NOT NULL,
            namespace varchar(253) NOT NULL,
            name varchar(253) NOT NULL,
            owner_uid varchar(36) NOT NULL DEFAULT '',
            uid varchar(36) NOT NULL,
            resource_version varchar(30) NOT NULL,
            "object" jsonb NOT NULL,
            events jsonb,
            event_resource_versions jsonb,
            created_at timestamptz NOT NULL,
            synced_at timestamptz NOT NULL,
            deleted_at timestamptz
        )
        """;

    /// <summary>Upstream's indexes, then ours (owner chains, (cluster, uid) for events, time ranges, label containment).</summary>
    public static IReadOnlyList<string> Indexes { get; } =
    [
        "CREATE UNIQUE INDEX IF NOT EXISTS uni_group_version_resource_cluster_namespace_name ON resources (\"group\", version, resource, cluster, namespace, name)",
        "CREATE INDEX IF NOT EXISTS idx_group_version_resource_namespace_name ON resources (\"group\", version, resource, namespace, name)",
        "CREATE INDEX IF NOT EXISTS idx_group_version_resource_name ON resources (\"group\", version, resource, name)",
        "CREATE INDEX IF NOT EXISTS idx_cluster ON resources (cluster)",
        "CREATE INDEX IF NOT EXISTS idx_resources_owner_uid ON resources (owner_uid)",
        "CREATE INDEX IF NOT EXISTS idx_resources_cluster_uid ON resources (cluster, uid)",
        "CREATE INDEX IF NOT EXISTS idx_resources_created_at ON resources (created_at)",
        "CREATE INDEX IF NOT EXISTS idx_resources_labels ON resources USING gin ((\"object\"->'metadata'->'labels') jsonb_path_ops)",
    ];

    /// <summary>Fills apiVersion and kind into objects stored without them (<see cref="TypeMetaRepair"/>).</summary>
    private static readonly TypeMetaRepair Repair = new(new TypeMetaRepairSql(
        CreateMarkerTable: $"CREATE TABLE IF NOT EXISTS {TypeMetaRepair.MarkerTable} (name varchar(100) PRIMARY KEY, progress bigint NOT NULL DEFAULT 0, " +
            "repaired bigint NOT NULL DEFAULT 0, completed_at timestamptz)",
        InsertMarker: $"INSERT INTO {TypeMetaRepair.MarkerTable} (name) VALUES (@name) ON CONFLICT (name) DO NOTHING",
        Lacking: "(COALESCE(\"object\"->>'kind', '') = '' OR COALESCE(\"object\"->>'apiVersion', '') = '')",
        Fix: "\"object\" = \"object\" || jsonb_build_object('apiVersion', CASE WHEN COALESCE(\"object\"->>'apiVersion', '') = '' " +
            "THEN CASE WHEN \"group\" = '' THEN version ELSE CONCAT(\"group\", '/', version) END ELSE \"object\"->>'apiVersion' END, 'kind', kind)",
        Now: "now()"));

    private const string TrigramIndex = "CREATE INDEX IF NOT EXISTS idx_resources_name_trgm ON resources USING gin (name gin_trgm_ops)";

    // Serializes start-up across processes sharing the database (apiserver and manager start together).
    private const long LockKey = 0x436C7573746572; // "Cluster"

    public static async Task EnsureAsync(NpgsqlDataSource dataSource, SqlLog? log, TextWriter report, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteNonQueryLoggedAsync($"SELECT pg_advisory_lock({LockKey})", log, cancellationToken).ConfigureAwait(false);
        try
        {
            var existed = await connection.ExecuteScalarLoggedAsync("SELECT to_regclass('resources') IS NOT NULL", log, cancellationToken).ConfigureAwait(false) is true;
            await connection.ExecuteNonQueryLoggedAsync(CreateTable, log, cancellationToken).ConfigureAwait(false);
            if (!existed && connection.PostgreSqlVersion.Major >= 14)
                await TryExecute(connection, log, "ALTER TABLE resources ALTER COLUMN \"object\" SET COMPRESSION lz4", cancellationToken).ConfigureAwait(false);
            foreach (var index in Indexes)
                await connection.ExecuteNonQueryLoggedAsync(index, log, cancellationToken).ConfigureAwait(false);
            // pg_trgm speeds up fuzzy-name search; without the right to create it the search still works, unindexed.
            var hasTrigram = await TryExecute(connection, log, "CREATE EXTENSION IF NOT EXISTS pg_trgm", cancellationToken).ConfigureAwait(false)
                || await connection.ExecuteScalarLoggedAsync("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm')", log, cancellationToken).ConfigureAwait(false) is true;
            if (hasTrigram) await TryExecute(connection, log, TrigramIndex, cancellationToken).ConfigureAwait(false);
            await Repair.RunAsync(connection, log, report, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await connection.ExecuteNonQueryLoggedAsync($"SELECT pg_advisory_unlock({LockKey})", log, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Runs an optional statement; a refusal by the server (permissions, missing feature) is not fatal.</summary>
    private static async Task<bool> TryExecute(NpgsqlConnection connection, SqlLog? log, string sql, CancellationToken cancellationToken)
    {
        try
        {
            await connection.ExecuteNonQueryLoggedAsync(sql, log, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (PostgresException)
        {
            return false;
        }
    }
}
