using Clusterpedia.Storage.Internal.Logging;
using MySqlConnector;

namespace Clusterpedia.Storage.Internal.Schema;

/// <summary>
/// Creates upstream's <c>resources</c> table and indexes on MySQL/MariaDB when missing, plus our additive indexes.
/// Indexes are checked in information_schema first (MariaDB 10.x has no CREATE INDEX IF NOT EXISTS on every version).
/// </summary>
internal static class MySqlSchema
{
    private const string CreateTable = """
        CREATE TABLE IF NOT EXISTS resources (
            id bigint unsigned NOT NULL AUTO_INCREMENT,
            `group` varchar(63) NOT NULL,
            version varchar(15) NOT NULL,
            resource varchar(63) NOT NULL,
            kind varchar(63) NOT NULL,
            cluster varchar(253) NOT NULL,
            namespace varchar(253) NOT NULL,
            name varchar(253) NOT NULL,
            owner_uid varchar(36) NOT NULL DEFAULT '',
            uid varchar(36) NOT NULL,
            resource_version varchar(30) NOT NULL,
            `object` json NOT NULL,
            events json NULL,
            event_resource_versions json NULL,
            created_at datetime(3) NOT NULL,
            synced_at datetime(3) NOT NULL,
            deleted_at datetime(3) NULL,
            PRIMARY KEY (id)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
        """;

    /// <summary>(name, definition): upstream's indexes (with its prefix lengths), then ours.</summary>
    public static IReadOnlyList<(string Name, string Definition)> Indexes { get; } =
    [
        ("uni_group_version_resource_cluster_namespace_name", "UNIQUE INDEX uni_group_version_resource_cluster_namespace_name (`group`, version, resource, cluster(100), namespace(50), name(100))"),
        ("idx_group_version_resource_namespace_name", "INDEX idx_group_version_resource_namespace_name (`group`, version, resource, namespace, name)"),
        ("idx_group_version_resource_name", "INDEX idx_group_version_resource_name (`group`, version, resource, name)"),
        ("idx_cluster", "INDEX idx_cluster (cluster)"),
        ("idx_resources_owner_uid", "INDEX idx_resources_owner_uid (owner_uid)"),
        ("idx_resources_cluster_uid", "INDEX idx_resources_cluster_uid (cluster, uid)"),
        ("idx_resources_created_at", "INDEX idx_resources_created_at (created_at)"),
        // The unique index has prefix lengths, which cannot deliver rows in (cluster, namespace, name) order: without
        // this one every page of a walk sorts the whole resource (3,042 bytes of key, within InnoDB's 3,072).
        ("idx_resources_cluster_namespace_name", "INDEX idx_resources_cluster_namespace_name (cluster, namespace, name)"),
    ];

    // JSON_UNQUOTE of a JSON null is the text 'null'.
    private const string ApiVersionText = "COALESCE(JSON_UNQUOTE(JSON_EXTRACT(`object`, '$.apiVersion')), '')";

    /// <summary>Fills apiVersion and kind into objects stored without them (<see cref="TypeMetaRepair"/>).</summary>
    private static readonly TypeMetaRepair Repair = new(new TypeMetaRepairSql(
        CreateMarkerTable: $"CREATE TABLE IF NOT EXISTS {TypeMetaRepair.MarkerTable} (name varchar(100) NOT NULL, progress bigint unsigned NOT NULL DEFAULT 0, " +
            "repaired bigint NOT NULL DEFAULT 0, completed_at datetime(3) NULL, PRIMARY KEY (name)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4",
        InsertMarker: $"INSERT IGNORE INTO {TypeMetaRepair.MarkerTable} (name) VALUES (@name)",
        Lacking: $"(COALESCE(JSON_UNQUOTE(JSON_EXTRACT(`object`, '$.kind')), '') IN ('', 'null') OR {ApiVersionText} IN ('', 'null'))",
        Fix: $"`object` = JSON_SET(`object`, '$.apiVersion', IF({ApiVersionText} IN ('', 'null'), " +
            "CASE WHEN `group` = '' THEN version ELSE CONCAT(`group`, '/', version) END, JSON_UNQUOTE(JSON_EXTRACT(`object`, '$.apiVersion'))), '$.kind', kind)",
        Now: "UTC_TIMESTAMP(3)"));

    public static async Task EnsureAsync(MySqlDataSource dataSource, SqlLog? log, TextWriter report, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // Serializes start-up across processes sharing the database.
        await connection.ExecuteScalarLoggedAsync("SELECT GET_LOCK('clusterpedia.resources.schema', 60)", log, cancellationToken).ConfigureAwait(false);
        try
        {
            await connection.ExecuteNonQueryLoggedAsync(CreateTable, log, cancellationToken).ConfigureAwait(false);
            foreach (var (name, definition) in Indexes)
            {
                var exists = Convert.ToInt64(await connection.ExecuteScalarLoggedAsync(
                    $"SELECT COUNT(*) FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = 'resources' AND index_name = '{name}'",
                    log, cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) > 0;
                if (!exists) await connection.ExecuteNonQueryLoggedAsync($"ALTER TABLE resources ADD {definition}", log, cancellationToken).ConfigureAwait(false);
            }
            await Repair.RunAsync(connection, log, report, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await connection.ExecuteScalarLoggedAsync("SELECT RELEASE_LOCK('clusterpedia.resources.schema')", log, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
