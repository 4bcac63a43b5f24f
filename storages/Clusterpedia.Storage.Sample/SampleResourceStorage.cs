using System.Runtime.CompilerServices;
using Clusterpedia.Objects;
using Clusterpedia.Query;
using Clusterpedia.Storage.Sample.Sql;

namespace Clusterpedia.Storage.Sample;

/// <summary>
/// Reads and writes the objects of one storage resource: the rows of <c>resources</c> with its group, version and
/// resource. Cheap to create; the factory hands out a new one per call.
/// </summary>
internal sealed class SampleResourceStorage(ResourceStorageConfig config, SampleDatabase database) : IResourceStorage
{
    private const string KeyCondition =
        "\"group\" = @group AND version = @version AND resource = @resource AND cluster = @cluster AND namespace = @namespace AND name = @name";

    public ResourceStorageConfig Config { get; } = config;

    public async ValueTask<ResourceObject> GetAsync(string cluster, string @namespace, string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT object FROM resources WHERE {KeyCondition}";
        BindKey(command, cluster, @namespace, name);
        await using var reader = await database.RunAsync("get", () => command.ExecuteReaderAsync(cancellationToken)).ConfigureAwait(false);
        if (!await database.RunAsync("get", () => reader.ReadAsync(cancellationToken)).ConfigureAwait(false))
            throw StorageException.NotFound($"{Config.Resource.GroupResource} \"{name}\" not found in cluster {cluster}"
                + (@namespace.Length > 0 ? $", namespace {@namespace}" : ""));
        return new ResourceObject(reader.GetFieldValue<byte[]>(0));
    }

    public ValueTask ListAsync(ListOptions options, IListSink sink, CancellationToken cancellationToken) =>
        ListQuery.RunAsync(database, options, ResourceCondition, collection: false, sink, cancellationToken);

    private string ResourceCondition(SqlText q) =>
        $"\"group\" = {q.Param(Config.Resource.Group)} AND version = {q.Param(Config.Resource.Version)} AND resource = {q.Param(Config.Resource.Resource)}";

    /// <summary>This layer does not watch: it advertises get and list only, and refuses on the first MoveNextAsync.</summary>
    public async IAsyncEnumerable<WatchEvent> WatchAsync(ListOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        throw StorageException.NotSupported("Storage<sample-storage>: watch is not supported");
#pragma warning disable CS0162 // An iterator needs a yield; it is never reached.
        yield break;
#pragma warning restore CS0162
    }

    public async ValueTask CreateAsync(string cluster, ResourceObject obj, CancellationToken cancellationToken)
    {
        // A taken key violates the unique index; SampleDatabase.Translate makes that AlreadyExists.
        await WriteAsync($"INSERT INTO resources ({ResourceRow.Columns}) VALUES ({ResourceRow.Values})", "create", cluster, obj, cancellationToken)
            .ConfigureAwait(false);
    }

    public async ValueTask UpdateAsync(string cluster, ResourceObject obj, CancellationToken cancellationToken)
    {
        const string sql = "UPDATE resources SET kind = @kind, owner_uid = @owner_uid, uid = @uid, resource_version = @resource_version, "
            + "object = @object, created_at = @created_at, synced_at = @synced_at, deleted_at = @deleted_at WHERE " + KeyCondition;
        if (await WriteAsync(sql, "update", cluster, obj, cancellationToken).ConfigureAwait(false) == 0)
            throw StorageException.NotFound($"{Config.Resource.GroupResource} \"{obj.Metadata.Name}\" not found in cluster {cluster}");
    }

    /// <summary>Insert or replace in one statement: the synchro's ordinary write.</summary>
    private const string UpsertSql = $"INSERT INTO resources ({ResourceRow.Columns}) VALUES ({ResourceRow.Values}) "
        + "ON CONFLICT (\"group\", version, resource, cluster, namespace, name) DO UPDATE SET "
        + "kind = excluded.kind, owner_uid = excluded.owner_uid, uid = excluded.uid, resource_version = excluded.resource_version, "
        + "object = excluded.object, created_at = excluded.created_at, synced_at = excluded.synced_at, deleted_at = excluded.deleted_at";

    public async ValueTask UpsertAsync(string cluster, ResourceObject obj, CancellationToken cancellationToken) =>
        await WriteAsync(UpsertSql, "upsert", cluster, obj, cancellationToken).ConfigureAwait(false);

    /// <summary>A batch in one transaction with one prepared statement: one fsync instead of one per object.</summary>
    public async ValueTask UpsertManyAsync(string cluster, IReadOnlyList<ResourceObject> objects, CancellationToken cancellationToken)
    {
        var rows = objects.Select(o => ResourceRow.From(Config, cluster, o)).ToArray();
        await using var connection = await database.ConnectAsync(cancellationToken).ConfigureAwait(false);
        await database.RunAsync("upsert many", async () =>
        {
            await using var transaction = connection.BeginTransaction();
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = UpsertSql;
            foreach (var row in rows)
            {
                row.Bind(command);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return rows.Length;
        }).ConfigureAwait(false);
    }

    public async ValueTask DeleteAsync(string cluster, string @namespace, string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"DELETE FROM resources WHERE {KeyCondition}";
        BindKey(command, cluster, @namespace, name);
        await database.RunAsync("delete", () => command.ExecuteNonQueryAsync(cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>This layer keeps no Events.</summary>
    public ValueTask RecordEventAsync(string cluster, ResourceObject @event, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    private async Task<int> WriteAsync(string sql, string what, string cluster, ResourceObject obj, CancellationToken cancellationToken)
    {
        var row = ResourceRow.From(Config, cluster, obj);
        await using var connection = await database.ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        row.Bind(command);
        return await database.RunAsync(what, () => command.ExecuteNonQueryAsync(cancellationToken)).ConfigureAwait(false);
    }

    private void BindKey(Microsoft.Data.Sqlite.SqliteCommand command, string cluster, string @namespace, string name)
    {
        command.Parameters.AddWithValue("@group", Config.Resource.Group);
        command.Parameters.AddWithValue("@version", Config.Resource.Version);
        command.Parameters.AddWithValue("@resource", Config.Resource.Resource);
        command.Parameters.AddWithValue("@cluster", cluster);
        command.Parameters.AddWithValue("@namespace", @namespace);
        command.Parameters.AddWithValue("@name", name);
    }
}
