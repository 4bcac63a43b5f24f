using System.Data.Common;
using System.Text.Json;
using Clusterpedia.Storage.Internal.Tests.Servers;

namespace Clusterpedia.Storage.Internal.Tests;

/// <summary>Every column of one <c>resources</c> row, read the same way from PostgreSQL and MariaDB (times as UTC).</summary>
public sealed record StoredRow(
    long Id, string Group, string Version, string Resource, string Kind, string Cluster, string Namespace, string Name,
    string OwnerUid, string Uid, string ResourceVersion, string Object, string? Events, string? EventResourceVersions,
    DateTime CreatedAt, DateTime SyncedAt, DateTime? DeletedAt)
{
    public JsonElement ObjectJson => Parse(Object)!.Value;

    public static List<StoredRow> ReadAll(IDatabaseServer server, string database, string where = "")
    {
        var postgres = server.Type == "postgres";
        var g = postgres ? "\"group\"" : "`group`";
        var json = postgres ? "::text" : "";
        using var connection = server.Open(database);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT id, {g}, version, resource, kind, cluster, namespace, name, owner_uid, uid, resource_version, " +
            $"object{json}, events{json}, event_resource_versions{json}, created_at, synced_at, deleted_at FROM resources {where} ORDER BY id";
        using var reader = command.ExecuteReader();
        var rows = new List<StoredRow>();
        while (reader.Read())
        {
            rows.Add(new StoredRow(
                Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture),
                reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                reader.GetString(6), reader.GetString(7), reader.GetString(8), reader.GetString(9), reader.GetString(10),
                reader.GetString(11), NullableString(reader, 12), NullableString(reader, 13),
                Utc(reader.GetDateTime(14)), Utc(reader.GetDateTime(15)), reader.IsDBNull(16) ? null : Utc(reader.GetDateTime(16))));
        }
        return rows;
    }

    private static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    // PostgreSQL returns timestamptz as UTC; MariaDB's datetime has no zone and holds UTC as our writer and upstream's (loc=UTC) write it.
    private static DateTime Utc(DateTime value) => value.Kind == DateTimeKind.Utc ? value : DateTime.SpecifyKind(value, DateTimeKind.Utc);

    public static JsonElement? Parse(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();

    /// <summary>The differences between two rows, column by column (JSON columns as JSON), leaving out <paramref name="except"/>.</summary>
    public static List<string> Differences(StoredRow expected, StoredRow actual, params string[] except)
    {
        var problems = new List<string>();
        void Check(string column, object? e, object? a)
        {
            if (!except.Contains(column) && !Equals(e, a)) problems.Add($"{column}: expected {e ?? "NULL"}, got {a ?? "NULL"}");
        }
        void CheckJson(string column, string? e, string? a)
        {
            if (except.Contains(column)) return;
            var (ej, aj) = (Parse(e), Parse(a));
            if (ej is null != aj is null || (ej is { } x && aj is { } y && !JsonElement.DeepEquals(x, y)))
                problems.Add($"{column}: expected {e ?? "NULL"}, got {a ?? "NULL"}");
        }
        Check("group", expected.Group, actual.Group);
        Check("version", expected.Version, actual.Version);
        Check("resource", expected.Resource, actual.Resource);
        Check("kind", expected.Kind, actual.Kind);
        Check("cluster", expected.Cluster, actual.Cluster);
        Check("namespace", expected.Namespace, actual.Namespace);
        Check("name", expected.Name, actual.Name);
        Check("owner_uid", expected.OwnerUid, actual.OwnerUid);
        Check("uid", expected.Uid, actual.Uid);
        Check("resource_version", expected.ResourceVersion, actual.ResourceVersion);
        CheckJson("object", expected.Object, actual.Object);
        CheckJson("events", expected.Events, actual.Events);
        CheckJson("event_resource_versions", expected.EventResourceVersions, actual.EventResourceVersions);
        Check("created_at", expected.CreatedAt, actual.CreatedAt);
        Check("synced_at", expected.SyncedAt, actual.SyncedAt);
        Check("deleted_at", expected.DeletedAt, actual.DeletedAt);
        return problems;
    }
}
