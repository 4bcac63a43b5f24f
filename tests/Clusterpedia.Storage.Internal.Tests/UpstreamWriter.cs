using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Clusterpedia.Objects;
using Clusterpedia.Storage.Internal.Tests.Servers;
using MySqlConnector;
using Npgsql;
using NpgsqlTypes;

namespace Clusterpedia.Storage.Internal.Tests;

/// <summary>
/// Writes rows the way upstream Clusterpedia v0.9 does, built from what its code does (not from ours):
/// <list type="bullet">
/// <item>the synchro (<c>default_resource_synchro.go</c>) gets each object from the dynamic client as unstructured, with
/// apiVersion and kind (the client copies the list's onto items that lack them), drops <c>metadata.managedFields</c> and the
/// last-applied annotation (and <c>annotations</c> when that empties it), then sets <c>shadow.clusterpedia.io/cluster-name</c>;</item>
/// <item><c>ResourceStorage.Create</c> (<c>resource_storage.go</c>) encodes it with the storage codec, which writes an unstructured
/// object of the storage version as Go's encoder writes a map (<see cref="GoJson"/>), and GORM inserts every column of
/// <c>Resource</c> (<c>types.go</c>): kind from the object, owner_uid of the controller reference, created_at =
/// creationTimestamp, synced_at = now (autoUpdateTime), deleted_at = deletionTimestamp or NULL, events and
/// event_resource_versions NULL (nil JSONMap);</item>
/// <item><c>RecordEvent</c> sets <c>events[uid]</c> to the core/v1 codec's encoding (apiVersion and kind, managedFields dropped
/// by the event synchro, no cluster annotation) and <c>event_resource_versions["ns/name"]</c> to <c>CAST('&lt;rv&gt;' AS JSON)</c>,
/// a JSON number.</item>
/// </list>
/// </summary>
internal static class UpstreamWriter
{
    /// <summary>The object upstream's synchro hands its storage: the member's object (with apiVersion and kind), pruned, with the cluster annotation.</summary>
    public static JsonObject SynchroObject(ReadOnlySpan<byte> memberJson, string cluster)
    {
        var obj = JsonNode.Parse(memberJson)!.AsObject();
        var metadata = obj["metadata"]!.AsObject();
        metadata.Remove("managedFields");
        if (metadata["annotations"] is JsonObject annotations && annotations.Remove(WellKnown.LastAppliedAnnotation) && annotations.Count == 0)
            metadata.Remove("annotations");
        if (metadata["annotations"] is not JsonObject kept) metadata["annotations"] = kept = new JsonObject();
        kept[WellKnown.ClusterNameAnnotation] = cluster;
        return obj;
    }

    /// <summary>The row upstream's <c>Create</c> writes for <paramref name="obj"/> (a <see cref="SynchroObject"/>); synced_at is now.</summary>
    public static StoredRow Row(GroupVersionResource storage, string cluster, JsonObject obj)
    {
        var json = JsonDocument.Parse(obj.ToJsonString()).RootElement;
        var metadata = json.GetProperty("metadata");
        string Meta(string name) => metadata.TryGetProperty(name, out var v) ? v.GetString()! : "";
        DateTime? Time(string name) => metadata.TryGetProperty(name, out var v)
            ? DateTime.Parse(v.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal)
            : null;
        var owner = metadata.TryGetProperty("ownerReferences", out var owners)
            ? owners.EnumerateArray().FirstOrDefault(o => o.TryGetProperty("controller", out var c) && c.ValueKind == JsonValueKind.True)
            : default;
        return new StoredRow(0, storage.Group, storage.Version, storage.Resource, json.GetProperty("kind").GetString()!, cluster,
            Meta("namespace"), Meta("name"), owner.ValueKind == JsonValueKind.Object ? owner.GetProperty("uid").GetString()! : "",
            Meta("uid"), Meta("resourceVersion"), GoJson.Marshal(json), null, null,
            Time("creationTimestamp") ?? throw new InvalidOperationException("test objects have a creationTimestamp"),
            DateTime.UtcNow, Time("deletionTimestamp"));
    }

    /// <summary>Inserts <paramref name="row"/> (a <see cref="Row"/>) with the statement GORM builds for <c>Create</c>.</summary>
    public static void Insert(IDatabaseServer server, string database, StoredRow row)
    {
        var postgres = server.Type == "postgres";
        var q = postgres ? "\"" : "`";
        var columns = string.Join(",", new[]
        {
            "group", "version", "resource", "kind", "cluster", "namespace", "name", "owner_uid", "uid", "resource_version", "object",
            "events", "event_resource_versions", "created_at", "synced_at", "deleted_at",
        }.Select(c => q + c + q));
        using var connection = server.Open(database);
        using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO {q}resources{q} ({columns}) VALUES (@g, @v, @r, @k, @c, @ns, @n, @o, @u, @rv, @obj, NULL, NULL, @created, @synced, @deleted)";
        Add(command, "g", row.Group);
        Add(command, "v", row.Version);
        Add(command, "r", row.Resource);
        Add(command, "k", row.Kind);
        Add(command, "c", row.Cluster);
        Add(command, "ns", row.Namespace);
        Add(command, "n", row.Name);
        Add(command, "o", row.OwnerUid);
        Add(command, "u", row.Uid);
        Add(command, "rv", row.ResourceVersion);
        Add(command, "obj", row.Object, jsonb: postgres);
        Add(command, "created", row.CreatedAt);
        Add(command, "synced", row.SyncedAt);
        Add(command, "deleted", row.DeletedAt);
        command.ExecuteNonQuery();
    }

    /// <summary>What upstream's <c>RecordEvent</c> puts into <c>events</c> for a member Event (as listed).</summary>
    public static (string Uid, JsonObject Json, string Key, string ResourceVersion, string InvolvedUid) Event(ReadOnlySpan<byte> memberEvent)
    {
        var @event = JsonNode.Parse(memberEvent)!.AsObject();
        @event["metadata"]!.AsObject().Remove("managedFields");
        @event["apiVersion"] = "v1";
        @event["kind"] = "Event";
        var metadata = @event["metadata"]!;
        return ((string)metadata["uid"]!, @event, $"{(string?)metadata["namespace"]}/{(string?)metadata["name"]}",
            (string)metadata["resourceVersion"]!, (string)@event["involvedObject"]!["uid"]!);
    }

    /// <summary>Upstream's <c>RecordEvent</c> of a member Event (as listed) on the row of its involved object.</summary>
    public static void RecordEvent(IDatabaseServer server, string database, string cluster, ReadOnlySpan<byte> memberEvent)
    {
        var (uid, @event, key, rv, involved) = Event(memberEvent);
        var text = @event.ToJsonString();
        using var connection = server.Open(database);
        using var command = connection.CreateCommand();
        if (server.Type == "postgres")
        {
            command.CommandText = "UPDATE \"resources\" SET \"events\"=JSONB_SET(COALESCE(events, '{}'), @uidPath, @event, true)," +
                "\"event_resource_versions\"=JSONB_SET(COALESCE(event_resource_versions, '{}'), @keyPath, @rv, true) WHERE \"cluster\" = @c AND \"uid\" = @involved";
            command.Parameters.Add(new NpgsqlParameter("uidPath", new[] { uid }));
            command.Parameters.Add(new NpgsqlParameter("keyPath", new[] { key }));
            command.Parameters.Add(new NpgsqlParameter("event", NpgsqlDbType.Jsonb) { Value = text });
            command.Parameters.Add(new NpgsqlParameter("rv", NpgsqlDbType.Jsonb) { Value = rv }); // the text "123": a JSON number
        }
        else
        {
            // Upstream's CAST(? AS JSON); MariaDB has no JSON cast, and JSON_EXTRACT(?, '$') yields the same value.
            command.CommandText = "UPDATE `resources` SET `events`=JSON_SET(COALESCE(events, JSON_OBJECT()), @uidPath, JSON_EXTRACT(@event, '$'))," +
                "`event_resource_versions`=JSON_SET(COALESCE(event_resource_versions, JSON_OBJECT()), @keyPath, JSON_EXTRACT(@rv, '$')) WHERE `cluster` = @c AND `uid` = @involved";
            command.Parameters.Add(new MySqlParameter("uidPath", $"$.\"{uid}\""));
            command.Parameters.Add(new MySqlParameter("keyPath", $"$.\"{key}\""));
            command.Parameters.Add(new MySqlParameter("event", text));
            command.Parameters.Add(new MySqlParameter("rv", rv));
        }
        Add(command, "c", cluster);
        Add(command, "involved", involved);
        command.ExecuteNonQuery();
    }

    private static void Add(DbCommand command, string name, object? value, bool jsonb = false)
    {
        if (jsonb)
        {
            command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Jsonb) { Value = value });
            return;
        }
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        if (value is null) p.DbType = System.Data.DbType.DateTime;
        command.Parameters.Add(p);
    }
}
