using System.Runtime.CompilerServices;
using Clusterpedia.Objects;
using Clusterpedia.Query;
using Clusterpedia.Storage.Internal.Logging;
using Clusterpedia.Storage.Internal.Sql;

namespace Clusterpedia.Storage.Internal;

/// <summary>The objects of one storage resource (group, version, resource) in the <c>resources</c> table, across clusters.</summary>
internal sealed class InternalResourceStorage(SqlDialect dialect, ResourceStorageConfig config, WhereSqlGates gates) : IResourceStorage
{
    /// <summary>Rows per multi-row upsert statement.</summary>
    internal const int BatchSize = 500;

    /// <summary>JSON characters per statement, so batches of large objects stay under the server's packet limit (MySQL 16 MB).</summary>
    internal const int BatchChars = 4 * 1024 * 1024;

    public ResourceStorageConfig Config { get; } = config;

    private static readonly ResourceStorageConfig EventsConfig = new(new("", "v1", "events"), "Event", true);

    private GroupVersionResource Resource => Config.Resource;

    private string Describe(string verb) => $"{verb} {Resource}";

    private void TypeFilter(SqlText q) =>
        q.Append($"{dialect.Group} = {q.Param(Resource.Group)} AND version = {q.Param(Resource.Version)} AND resource = {q.Param(Resource.Resource)}");

    private void KeyFilter(SqlText q, string cluster, string @namespace, string name)
    {
        TypeFilter(q);
        q.Append($" AND cluster = {q.Param(cluster)} AND namespace = {q.Param(@namespace)} AND name = {q.Param(name)}");
    }

    public async ValueTask<ResourceObject> GetAsync(string cluster, string @namespace, string name, CancellationToken cancellationToken)
    {
        var q = GetSql(cluster, @namespace, name);
        try
        {
            await using var connection = await dialect.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = q.CreateQueryCommand(connection);
            var trace = SqlTrace.Start(dialect.Log);
            try
            {
                // A get is the same statement every time: prepared once per pooled connection, PostgreSQL skips parsing
                // and planning it (docs/benchmarks.md Q7). MySqlConnector ignores it unless the DSN enables prepares.
                await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
                await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken).ConfigureAwait(false);
                if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    trace.NotFound(command);
                    throw StorageException.NotFound($"{Resource.GroupResource} \"{name}\" not found in cluster {cluster}" + (@namespace.Length > 0 ? $", namespace {@namespace}" : ""));
                }
                var buffer = new byte[8 * 1024];
                var found = new ResourceObject(dialect.ReadJson(reader, 0, ref buffer).ToArray());
                trace.Done(command, 1);
                return found;
            }
            catch (Exception e) when (e is not StorageException)
            {
                trace.Failed(command, -1, e);
                throw;
            }
        }
        catch (Exception e) when (Wrap(e, cancellationToken))
        {
            throw dialect.Classify(e, Describe("get"));
        }
    }

    /// <summary>The SELECT a get runs (also timed by the benchmarks).</summary>
    internal SqlText GetSql(string cluster, string @namespace, string name)
    {
        var q = new SqlText(dialect).Append($"SELECT object FROM {SqlDialect.Table} WHERE ");
        KeyFilter(q, cluster, @namespace, name);
        return q.Append(" LIMIT 1");
    }

    public async ValueTask ListAsync(ListOptions options, IListSink sink, CancellationToken cancellationToken)
    {
        var clientSql = WhereSql.From(options, gates, dialect is MySqlDialect);
        try
        {
            await ListExecutor.RunAsync(dialect, options, TypeFilter, Resource, Config.Kind, clientSql, sink, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (Wrap(e, cancellationToken))
        {
            throw dialect.Classify(e, Describe("list"), clientSql);
        }
    }

    /// <summary>The SELECT a list runs, for benchmarks that time the same SQL outside the storage.</summary>
    internal SqlText ListSql(ListOptions options) =>
        ListExecutor.Select(dialect, options, TypeFilter, Resource, OrderKey.For(options.OrderBy, false), options.Continue?.Cursor,
            Math.Max(0, options.Continue?.Offset ?? 0), WhereSql.From(options, gates, dialect is MySqlDialect));

    public async IAsyncEnumerable<WatchEvent> WatchAsync(ListOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        throw StorageException.NotSupported("Storage<internal>: watch is not supported by the internal storage");
#pragma warning disable CS0162 // An async iterator needs a yield to be one.
        yield break;
#pragma warning restore CS0162
    }

    public ValueTask CreateAsync(string cluster, ResourceObject obj, CancellationToken cancellationToken) =>
        InsertAsync(cluster, obj, upsert: false, cancellationToken);

    public ValueTask UpsertAsync(string cluster, ResourceObject obj, CancellationToken cancellationToken) =>
        InsertAsync(cluster, obj, upsert: true, cancellationToken);

    private async ValueTask InsertAsync(string cluster, ResourceObject obj, bool upsert, CancellationToken cancellationToken)
    {
        var (row, kind) = ResourceRow.For(Config, obj);
        var q = new SqlText(dialect);
        dialect.Insert(q, new ResourceKey(Resource, kind, cluster), row, upsert);
        try
        {
            await ExecuteAsync(q, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!upsert && dialect.IsUniqueViolation(e))
        {
            throw StorageException.AlreadyExists($"{Resource.GroupResource} \"{row.Name}\" already exists in cluster {cluster}");
        }
        catch (Exception e) when (Wrap(e, cancellationToken))
        {
            throw dialect.Classify(e, Describe(upsert ? "upsert" : "create"));
        }
    }

    public async ValueTask UpdateAsync(string cluster, ResourceObject obj, CancellationToken cancellationToken)
    {
        var (row, _) = ResourceRow.For(Config, obj);
        var q = new SqlText(dialect);
        q.Append($"UPDATE {SqlDialect.Table} SET owner_uid = {q.Param(row.OwnerUid)}");
        q.Append($", uid = {q.Param(row.Uid)}, resource_version = {q.Param(row.ResourceVersion)}, object = {q.Add(dialect.JsonParameter(row.Object))}")
            .Append($", created_at = {q.Param(row.CreatedAt)}, deleted_at = {q.Add(NullableTime(row.DeletedAt))}, synced_at = {dialect.Now} WHERE ");
        KeyFilter(q, cluster, row.Namespace, row.Name);
        int affected;
        try
        {
            affected = await ExecuteAsync(q, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (Wrap(e, cancellationToken))
        {
            throw dialect.Classify(e, Describe("update"));
        }
        if (affected == 0) throw StorageException.NotFound($"{Resource.GroupResource} \"{row.Name}\" not found in cluster {cluster}");
    }

    private System.Data.Common.DbParameter NullableTime(DateTime? value)
    {
        var p = dialect.Parameter(value);
        p.DbType = System.Data.DbType.DateTime;
        return p;
    }

    public async ValueTask UpsertManyAsync(string cluster, IReadOnlyList<ResourceObject> objects, CancellationToken cancellationToken)
    {
        if (objects.Count == 0) return;
        // A statement may not touch one key twice: the last write of a key wins, as with one-by-one upserts.
        var rows = new Dictionary<(string, string), (ResourceRow Row, string Kind)>(objects.Count);
        foreach (var obj in objects)
        {
            var (row, kind) = ResourceRow.For(Config, obj);
            rows[(row.Namespace, row.Name)] = (row, kind);
        }
        try
        {
            await using var connection = await dialect.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            foreach (var group in rows.Values.GroupBy(r => r.Kind))
            {
                foreach (var chunk in Batches(group.Select(r => r.Row)))
                    await dialect.UpsertBatchAsync(connection, new ResourceKey(Resource, group.Key, cluster), chunk, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (Wrap(e, cancellationToken))
        {
            throw dialect.Classify(e, Describe("upsert"));
        }
    }

    /// <summary>Splits rows into statements of at most <see cref="BatchSize"/> rows and about <see cref="BatchChars"/> of JSON.</summary>
    internal static IEnumerable<List<ResourceRow>> Batches(IEnumerable<ResourceRow> rows)
    {
        var batch = new List<ResourceRow>(BatchSize);
        long chars = 0;
        foreach (var row in rows)
        {
            if (batch.Count > 0 && (batch.Count == BatchSize || chars + row.Object.Length > BatchChars))
            {
                yield return batch;
                batch = new List<ResourceRow>(BatchSize);
                chars = 0;
            }
            batch.Add(row);
            chars += row.Object.Length;
        }
        if (batch.Count > 0) yield return batch;
    }

    public async ValueTask DeleteAsync(string cluster, string @namespace, string name, CancellationToken cancellationToken)
    {
        var q = new SqlText(dialect).Append($"DELETE FROM {SqlDialect.Table} WHERE ");
        KeyFilter(q, cluster, @namespace, name);
        try
        {
            await ExecuteAsync(q, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (Wrap(e, cancellationToken))
        {
            throw dialect.Classify(e, Describe("delete"));
        }
    }

    public async ValueTask RecordEventAsync(string cluster, ResourceObject @event, CancellationToken cancellationToken)
    {
        var e = EventInfo.Read(@event);
        if (e.InvolvedUid.Length == 0) throw StorageException.Invalid("Storage<internal>: the event has no involvedObject.uid");
        // Upstream stores events as the core/v1 codec encodes them, which always writes apiVersion and kind.
        @event = ResourceRow.Complete(EventsConfig, @event);
        var q = new SqlText(dialect);
        dialect.RecordEvent(q, cluster, e.InvolvedUid, e.Uid, System.Text.Encoding.UTF8.GetString(@event.Json.Span),
            ClusterResourceVersions.KeyOf(e.Namespace, e.Name), e.ResourceVersion);
        try
        {
            await ExecuteAsync(q, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (Wrap(ex, cancellationToken))
        {
            throw dialect.Classify(ex, Describe("record event on"));
        }
    }

    private async Task<int> ExecuteAsync(SqlText q, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = q.CreateCommand(connection);
        return await command.ExecuteNonQueryLoggedAsync(dialect.Log, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Database errors are classified; the caller's cancellation and our own exceptions pass through.</summary>
    internal static bool Wrap(Exception e, CancellationToken cancellationToken) =>
        e is not (StorageException or ListOptionsException) && !(e is OperationCanceledException && cancellationToken.IsCancellationRequested);
}
