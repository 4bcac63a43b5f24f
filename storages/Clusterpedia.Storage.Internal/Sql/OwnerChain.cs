using System.Data.Common;
using Clusterpedia.Query;
using Clusterpedia.Storage.Internal.Logging;

namespace Clusterpedia.Storage.Internal.Sql;

/// <summary>
/// An owner search resolved before the list, level by level: the uids whose children the list returns. MariaDB plans the
/// nested <c>owner_uid IN (SELECT uid ... IN (SELECT uid ...))</c> form by walking all of the cluster's rows and probing
/// the owner set (45 ms for a deployment's pods among 100,000); given the uids as a set it reads the owner_uid index
/// (2-10 ms). PostgreSQL starts from the owner by itself and keeps the single statement for direct children and
/// grandchildren; deeper chains are resolved here on every engine.
/// </summary>
internal sealed class OwnerChain
{
    // Beyond this many uids the set would make a statement of its own size; the nested form is used instead.
    private const int MaxUids = 5_000;

    private OwnerChain(IReadOnlyList<string> uids) => Uids = uids;

    public IReadOnlyList<string> Uids { get; }

    /// <summary>The chain, or null when the dialect keeps the nested form or the set grows too large.</summary>
    public static async Task<OwnerChain?> ResolveAsync(SqlDialect d, DbConnection connection, ListOptions o, CancellationToken cancellationToken)
    {
        // Every engine resolves ownerSeniority >= 2 level by level: nested, each level multiplies the planner's row estimate,
        // and PostgreSQL on a table without fresh statistics ran ownerSeniority=10 past the statement timeout.
        if (!o.HasOwner || (!d.ResolvesOwnersFirst && o.OwnerSeniority < 2)) return null;
        var cluster = ListFilter.OwnerCluster(o);
        IReadOnlyList<string> uids;
        if (!string.IsNullOrEmpty(o.OwnerUid)) uids = [o.OwnerUid];
        else
        {
            var byName = new SqlText(d);
            byName.Append(ListFilter.OwnerByName(byName, o, cluster));
            uids = await ReadUidsAsync(d, connection, byName, cancellationToken).ConfigureAwait(false);
        }
        for (var level = 0; level < o.OwnerSeniority && uids.Count > 0; level++)
        {
            if (uids.Count > MaxUids) return null;
            var children = new SqlText(d);
            children.Append($"SELECT uid FROM {SqlDialect.Table} WHERE cluster = ").Append(children.Param(cluster))
                .Append(" AND owner_uid IN ").Append(children.List(uids));
            uids = await ReadUidsAsync(d, connection, children, cancellationToken).ConfigureAwait(false);
        }
        return uids.Count > MaxUids ? null : new OwnerChain(uids);
    }

    /// <summary>The list's owner condition: children of these uids (none when the chain ended empty).</summary>
    public void AppendTo(SqlText q)
    {
        if (Uids.Count == 0) q.Append(" AND 1 = 0");
        else q.Append(" AND owner_uid IN ").Append(q.List(Uids));
    }

    private static async Task<IReadOnlyList<string>> ReadUidsAsync(SqlDialect d, DbConnection connection, SqlText query, CancellationToken cancellationToken)
    {
        await using var command = query.CreateQueryCommand(connection);
        var trace = SqlTrace.Start(d.Log);
        var uids = new List<string>();
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) uids.Add(reader.GetString(0));
        }
        catch (Exception e)
        {
            trace.Failed(command, uids.Count, e);
            throw;
        }
        trace.Done(command, uids.Count);
        // The same uid twice (e.g. one owner name in a namespace and at cluster scope) matters once.
        return uids.Distinct(StringComparer.Ordinal).ToList();
    }
}
