using System.Data;
using Clusterpedia.Objects;
using Clusterpedia.Query;
using Clusterpedia.Storage.Internal.Logging;

namespace Clusterpedia.Storage.Internal.Sql;

/// <summary>
/// Runs a list: one SELECT ordered by the sort keys then (cluster, namespace, name), starting after the keyset cursor
/// (or at a numeric offset), fetching one row more than the page to know whether a continue token is due. Rows are
/// streamed to the sink as they arrive; nothing is collected in memory.
/// </summary>
internal static class ListExecutor
{
    /// <param name="typeFilter">Appends the type condition (no leading AND), e.g. the storage GVR.</param>
    /// <param name="resource">The resource of every row for a resource storage; null for a collection (read per row).</param>
    /// <param name="clientSql">The client's own SQL condition (<see cref="WhereSql.From"/>), in the page and in the count.</param>
    public static async ValueTask RunAsync(SqlDialect d, ListOptions o, Action<SqlText> typeFilter, GroupVersionResource? resource, string? kind,
        WhereSql? clientSql, IListSink sink, CancellationToken cancellationToken)
    {
        var collection = resource is null;
        var keys = OrderKey.For(o.OrderBy, collection);
        var cursor = o.Continue?.Cursor;
        cursor?.EnsureMatches(o.OrderBy);
        var offset = Math.Max(0, o.Continue?.Offset ?? 0);

        await using var connection = await d.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var owners = collection ? null : await OwnerChain.ResolveAsync(d, connection, o, cancellationToken).ConfigureAwait(false);
        var select = Select(d, o, typeFilter, resource, keys, cursor, offset, clientSql, owners);

        long written = 0;
        var more = false;
        string lastCluster = "", lastNamespace = "", lastName = "", lastRv = "";
        var lastCreated = default(DateTime);
        var lastResource = resource ?? default;
        await using (var command = select.CreateQueryCommand(connection))
        {
            // The log times the statement and the reading of its rows, not the sink's writes to the client.
            var trace = SqlTrace.Start(d.Log);
            try
            {
                await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken).ConfigureAwait(false);
                var buffer = new byte[16 * 1024];
                var eventsBuffer = o.InjectEvents ? new byte[4 * 1024] : [];
                var objectOrdinal = collection ? 9 : 5;
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (o.Limit > 0 && written == o.Limit)
                    {
                        more = true;
                        break;
                    }
                    lastCluster = reader.GetString(0);
                    lastNamespace = reader.GetString(1);
                    lastName = reader.GetString(2);
                    lastCreated = reader.GetDateTime(3);
                    lastRv = reader.GetString(4);
                    var itemResource = resource ?? new GroupVersionResource(reader.GetString(5), reader.GetString(6), reader.GetString(7));
                    var itemKind = collection ? reader.GetString(8) : kind;
                    lastResource = itemResource;
                    var json = d.ReadJson(reader, objectOrdinal, ref buffer);
                    if (o.InjectEvents && !await reader.IsDBNullAsync(objectOrdinal + 1, cancellationToken).ConfigureAwait(false))
                        json = EventsAnnotation.Inject(json, d.ReadJson(reader, objectOrdinal + 1, ref eventsBuffer));
                    var paused = trace.Pause();
                    await sink.WriteItemAsync(new ListItem(json, itemResource, itemKind), cancellationToken).ConfigureAwait(false);
                    trace.Resume(paused);
                    written++;
                }
            }
            catch (Exception e)
            {
                trace.Failed(command, written, e);
                throw;
            }
            trace.Done(command, written + (more ? 1 : 0));
        }

        string? token = null;
        if (more && o.ShouldReturnContinue)
        {
            var values = o.OrderBy.Select(ob => (string?)OrderKey.CursorValue(ob.Field, lastCluster, lastNamespace, lastName, lastCreated, lastRv)).ToArray();
            token = new ListCursor(o.OrderBy, values, lastCluster, lastNamespace, OrderKey.CursorName(lastName, collection ? lastResource : null)).Encode();
        }

        long? remaining = null;
        if (o.WithRemainingCount == true)
        {
            if (!more) remaining = 0;
            else
            {
                var count = new SqlText(d).Append($"SELECT COUNT(*) FROM {SqlDialect.Table} WHERE ");
                Where(count, d, o, typeFilter, resource is not null, keys, cursor, clientSql, owners);
                await using var command = count.CreateQueryCommand(connection);
                var total = Convert.ToInt64(await command.ExecuteScalarLoggedAsync(d.Log, cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
                remaining = Math.Max(0, total - offset - written);
            }
        }
        await sink.CompleteAsync(new ListResult(token, remaining), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The page's SELECT (one row more than the limit).</summary>
    internal static SqlText Select(SqlDialect d, ListOptions o, Action<SqlText> typeFilter, GroupVersionResource? resource,
        IReadOnlyList<OrderKey> keys, ListCursor? cursor, long offset, WhereSql? clientSql, OwnerChain? owners = null)
    {
        var collection = resource is null;
        var select = new SqlText(d).Append("SELECT ").Append(OrderKey.SelectColumns);
        if (collection) select.Append($", {d.Group}, version, resource, kind");
        select.Append(", ").Append(o.OnlyMetadata ? d.MetadataOnlyObject : "object");
        if (o.InjectEvents) select.Append(", events");
        select.Append($" FROM {SqlDialect.Table} WHERE ");
        Where(select, d, o, typeFilter, !collection, keys, cursor, clientSql, owners);
        ListFilter.AppendOrderBy(select, keys, o.Limit > 0 && ListFilter.HasSelectiveIndex(o));
        // One row more than the page tells whether a continue token is due.
        if (o.Limit > 0) select.Append(" LIMIT ").Append(select.Param(o.Limit == long.MaxValue ? o.Limit : o.Limit + 1));
        if (offset > 0)
        {
            // MySQL has no OFFSET without LIMIT.
            if (o.Limit == 0 && d is MySqlDialect) select.Append(" LIMIT 18446744073709551615");
            select.Append(" OFFSET ").Append(select.Param(offset));
        }
        return select;
    }

    private static void Where(SqlText q, SqlDialect d, ListOptions o, Action<SqlText> typeFilter, bool withOwner, IReadOnlyList<OrderKey> keys,
        ListCursor? cursor, WhereSql? clientSql, OwnerChain? owners)
    {
        q.Append("(");
        typeFilter(q);
        q.Append(")");
        ListFilter.Append(q, o, withOwner, clientSql, owners);
        if (cursor is not null) ListFilter.AppendAfter(q, keys, cursor);
    }
}
