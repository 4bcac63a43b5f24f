using Clusterpedia.Objects;
using Clusterpedia.Query;
using Microsoft.Data.Sqlite;

namespace Clusterpedia.Storage.Sample.Sql;

/// <summary>
/// Runs one list (of a resource or a collection) and writes the page to the sink: the filters of
/// <see cref="ListFilter"/>, the order and cursor of <see cref="ListOrder"/>, a numeric offset when the request
/// gave one, one row more than the limit to know whether a next page exists, and the remaining count on request.
/// </summary>
internal static class ListQuery
{
    /// <param name="resourceCondition">SQL choosing the rows' resources (it may add parameters).</param>
    /// <param name="collection">Collections order by resource last and carry it in their cursors.</param>
    public static async ValueTask RunAsync(
        SampleDatabase database, ListOptions options, Func<SqlText, string> resourceCondition, bool collection,
        IListSink sink, CancellationToken cancellationToken)
    {
        var order = new ListOrder(options.OrderBy, collection);
        var offset = Math.Max(0, options.Continue?.Offset ?? 0);
        var limit = Math.Max(0, options.Limit);

        // The page: the object (or its metadata only) and the columns cursors need.
        var page = new SqlText();
        var objectColumn = options.OnlyMetadata ? OnlyMetadata : "object";
        page.Append($"SELECT {objectColumn}, cluster, namespace, name, created_at, resource_version, \"group\", version, resource, kind FROM resources");
        Where(page, options, order, resourceCondition, collection);
        page.Append(order.OrderByClause);
        // LIMIT -1 is "no limit" in SQLite; an OFFSET needs a LIMIT.
        page.Append($" LIMIT {page.Param(limit > 0 ? limit + 1 : -1)} OFFSET {page.Param(offset)}");

        await using var connection = await database.ConnectAsync(cancellationToken).ConfigureAwait(false);
        // One read transaction: the page and the count see the same snapshot (WAL readers do not block the writer).
        // Deferred: it takes no write lock.
        await using var transaction = connection.BeginTransaction(deferred: true);

        long written = 0;
        ListedRow? last = null;
        var more = false;
        await using (var command = page.ToCommand(connection))
        {
            command.Transaction = transaction;
            await using var reader = await database.RunAsync("list", () => command.ExecuteReaderAsync(cancellationToken)).ConfigureAwait(false);
            while (await database.RunAsync("list", () => reader.ReadAsync(cancellationToken)).ConfigureAwait(false))
            {
                if (limit > 0 && written == limit)
                {
                    more = true;
                    break;
                }
                var row = ReadRow(reader);
                await sink.WriteItemAsync(new ListItem(reader.GetFieldValue<byte[]>(0), row.Resource, row.Kind), cancellationToken)
                    .ConfigureAwait(false);
                written++;
                last = row;
            }
        }

        long? remaining = null;
        if (options.WithRemainingCount == true)
        {
            var count = new SqlText().Append("SELECT COUNT(*) FROM resources");
            Where(count, options, order, resourceCondition, collection);
            await using var command = count.ToCommand(connection);
            command.Transaction = transaction;
            var total = (long)(await database.RunAsync("count", () => command.ExecuteScalarAsync(cancellationToken)).ConfigureAwait(false))!;
            remaining = Math.Max(0, total - offset - written);
        }

        var next = more && options.ShouldReturnContinue ? order.CursorOf(last!).Encode() : null;
        await sink.CompleteAsync(new ListResult(next, remaining), cancellationToken).ConfigureAwait(false);
    }

    private static void Where(SqlText q, ListOptions options, ListOrder order, Func<SqlText, string> resourceCondition, bool collection)
    {
        q.Append(" WHERE ").Append(resourceCondition(q));
        ListFilter.Append(q, options, withOwner: !collection);
        if (options.Continue?.Cursor is { } cursor) order.AppendAfter(q, cursor);
    }

    /// <summary>onlyMetadata: apiVersion, kind and metadata, falling back to the row's resource when the object lacks them.</summary>
    private const string OnlyMetadata = """
        json_object(
            'apiVersion', COALESCE(NULLIF(json_extract(object, '$.apiVersion'), ''), CASE "group" WHEN '' THEN version ELSE "group" || '/' || version END),
            'kind', COALESCE(NULLIF(json_extract(object, '$.kind'), ''), kind),
            'metadata', COALESCE(object -> '$.metadata', json_object()))
        """;

    private static ListedRow ReadRow(SqliteDataReader r) => new(
        r.GetString(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4), r.GetString(5),
        new GroupVersionResource(r.GetString(6), r.GetString(7), r.GetString(8)), r.GetString(9));
}
