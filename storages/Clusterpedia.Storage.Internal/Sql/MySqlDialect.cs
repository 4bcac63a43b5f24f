using System.Data.Common;
using System.Net.Sockets;
using System.Text;
using Clusterpedia.Storage.Internal.Config;
using Clusterpedia.Storage.Internal.Logging;
using Clusterpedia.Storage.Internal.Schema;
using MySqlConnector;

namespace Clusterpedia.Storage.Internal.Sql;

/// <summary>MySQL and MariaDB: JSON_EXTRACT with quoted paths (passed as parameters), ON DUPLICATE KEY UPDATE upserts.</summary>
internal sealed class MySqlDialect(MySqlDataSource dataSource, InternalStorageSettings settings) : SqlDialect(dataSource, settings)
{
    private const string Columns =
        "`group`, version, resource, kind, cluster, namespace, name, owner_uid, uid, resource_version, `object`, created_at, synced_at, deleted_at";

    private const string OnDuplicate =
        " ON DUPLICATE KEY UPDATE kind = VALUES(kind), owner_uid = VALUES(owner_uid), uid = VALUES(uid), " +
        "resource_version = VALUES(resource_version), `object` = VALUES(`object`), created_at = VALUES(created_at), " +
        "synced_at = VALUES(synced_at), deleted_at = VALUES(deleted_at)";

    // Shutdown, lock wait timeout, deadlock, read-only, cannot connect, server gone away, lost connection, too many connections.
    private static readonly HashSet<int> RecoverableNumbers = [1053, 1205, 1213, 1290, 2002, 2003, 2006, 2013, 1040, 1042];

    public override string Engine => "MySQL";
    public override string Group => "`group`";
    public override string Now => "UTC_TIMESTAMP(3)";

    public override bool RangeScansRowValues => false;

    public override bool ResolvesOwnersFirst => true;

    public override string MetadataOnlyObject =>
        $"JSON_OBJECT('apiVersion', {ApiVersion}, 'kind', kind, 'metadata', JSON_EXTRACT(`object`, '$.metadata'))";

    public override DbParameter Parameter(object? value) => new MySqlParameter { Value = value ?? DBNull.Value };

    public override DbParameter ClientParameter(object? value) => Parameter(value);

    // SQLSTATE class 42 (syntax: 1064; unknown column 1054, table 1146, function 1305), 22 (data: 1690 out of range) and
    // 21 (cardinality: 1242 subquery returns more than one row).
    public override bool IsStatementError(Exception e) =>
        e is MySqlException { SqlState: { } state } && (state.StartsWith("42", StringComparison.Ordinal) || state.StartsWith("22", StringComparison.Ordinal)
            || state.StartsWith("21", StringComparison.Ordinal));

    public override DbParameter JsonParameter(string json) => new MySqlParameter { MySqlDbType = MySqlDbType.JSON, Value = json };

    public override string JsonText(SqlText q, IReadOnlyList<string> path) => $"JSON_UNQUOTE(JSON_EXTRACT(`object`, {q.Param(Path(path))}))";

    public override string JsonMissing(SqlText q, IReadOnlyList<string> path) => $"JSON_EXTRACT(`object`, {q.Param(Path(path))}) IS NULL";

    public override string Numeric(string expression) => $"CAST({expression} AS DECIMAL(30,0))";

    protected override string IntegerCompare(string text, string op, string parameter) =>
        $"COALESCE({text} REGEXP '^-?[0-9]{{1,18}}$' AND CAST({text} AS SIGNED) {op} {parameter}, 0)";

    /// <summary><c>$."metadata"."labels"."app.kubernetes.io/name"</c>: every key quoted, so dots and slashes are literal.</summary>
    internal static string Path(IReadOnlyList<string> path)
    {
        var sb = new StringBuilder("$");
        foreach (var key in path)
            sb.Append(".\"").Append(key.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
        return sb.ToString();
    }

    public override void Insert(SqlText q, ResourceKey key, ResourceRow row, bool upsert)
    {
        q.Append($"INSERT INTO {Table} ({Columns}) VALUES (");
        AppendValues(q, q.Param(key.Resource.Group), q.Param(key.Resource.Version), q.Param(key.Resource.Resource), q.Param(key.Kind), q.Param(key.Cluster), row);
        q.Append(")");
        if (upsert) q.Append(OnDuplicate);
    }

    private void AppendValues(SqlText q, string g, string v, string r, string k, string c, ResourceRow row)
    {
        q.Append(g).Append(", ").Append(v).Append(", ").Append(r).Append(", ").Append(k).Append(", ").Append(c).Append(", ")
            .Append(q.Param(row.Namespace)).Append(", ").Append(q.Param(row.Name)).Append(", ").Append(q.Param(row.OwnerUid)).Append(", ")
            .Append(q.Param(row.Uid)).Append(", ").Append(q.Param(row.ResourceVersion)).Append(", ").Append(q.Param(row.Object)).Append(", ")
            .Append(q.Param(row.CreatedAt)).Append(", ").Append(Now).Append(", ").Append(q.Param(row.DeletedAt)).Append("");
    }

    public override async Task UpsertBatchAsync(DbConnection connection, ResourceKey key, IReadOnlyList<ResourceRow> rows, CancellationToken cancellationToken)
    {
        // One multi-row INSERT; the constant key columns are bound once and reused by every row.
        var q = new SqlText(this);
        string g = q.Param(key.Resource.Group), v = q.Param(key.Resource.Version), r = q.Param(key.Resource.Resource);
        string k = q.Param(key.Kind), c = q.Param(key.Cluster);
        q.Append($"INSERT INTO {Table} ({Columns}) VALUES ");
        for (var i = 0; i < rows.Count; i++)
        {
            q.Append(i == 0 ? "(" : ", (");
            AppendValues(q, g, v, r, k, c, rows[i]);
            q.Append(")");
        }
        q.Append(OnDuplicate);
        await using var command = q.CreateCommand(connection);
        await command.ExecuteNonQueryLoggedAsync(Log, cancellationToken).ConfigureAwait(false);
    }

    public override void RecordEvent(SqlText q, string cluster, string involvedUid, string eventUid, string eventJson, string eventKey, string eventResourceVersion)
    {
        // JSON_EXTRACT(?, '$') turns the text into a JSON value on MySQL and MariaDB alike (MariaDB has no CAST AS JSON).
        q.Append($"UPDATE {Table} SET events = JSON_SET(COALESCE(events, JSON_OBJECT()), {q.Param(Path([eventUid]))}, JSON_EXTRACT({q.Param(eventJson)}, '$')), ")
            .Append($"event_resource_versions = JSON_SET(COALESCE(event_resource_versions, JSON_OBJECT()), {q.Param(Path([eventKey]))}, {q.Param(eventResourceVersion)}) ")
            .Append($"WHERE cluster = {q.Param(cluster)} AND uid = {q.Param(involvedUid)}");
    }

    public override bool IsUniqueViolation(Exception e) => e is MySqlException { Number: 1062 };

    // CommandTimeoutExpired: MySqlConnector's CommandTimeout, after which it has sent KILL QUERY; 3024 is MySQL's
    // max_execution_time, 1969 MariaDB's max_statement_time.
    public override bool IsTimeout(Exception e) =>
        e is MySqlException { ErrorCode: MySqlErrorCode.CommandTimeoutExpired } or MySqlException { Number: 3024 or 1969 };

    public override bool IsRecoverable(Exception e) => e switch
    {
        MySqlException me => RecoverableNumbers.Contains(me.Number) || Settings.RecoverableMySqlNumbers.Contains(me.Number) || me.IsTransient
            || (me.InnerException is { } inner && IsRecoverable(inner)),
        TimeoutException or SocketException or IOException => true,
        _ => e.InnerException is { } inner && IsRecoverable(inner),
    };

    public override ReadOnlyMemory<byte> ReadJson(DbDataReader reader, int ordinal, ref byte[] buffer)
    {
        using var stream = reader.GetStream(ordinal);
        return ReadStream(stream, ref buffer);
    }

    public override Task EnsureSchemaAsync(TextWriter report, CancellationToken cancellationToken) =>
        MySqlSchema.EnsureAsync((MySqlDataSource)DataSource, Log, report, cancellationToken);
}
