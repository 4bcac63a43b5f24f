using Clusterpedia.Objects;
using Clusterpedia.Query;

namespace Clusterpedia.Storage.Internal.Sql;

/// <summary>
/// Translates the filtering <see cref="ListOptions"/> into a parameterized WHERE clause, in upstream's order
/// (internalstorage util.go applyListOptionsToQuery): clusters, namespaces, names, since/before, the client's own SQL
/// (feature-gated), labels, fuzzy name, field selector, owner.
/// </summary>
internal static class ListFilter
{
    public const string NotSupportListField = "Storage<internal>: Not Support list field";

    /// <summary>Appends <c>AND</c>-ed conditions (each starting with " AND ") to <paramref name="q"/>.</summary>
    /// <param name="clientSql">The <c>whereSQL</c>/<c>whereSQLStatement</c> condition, already checked against the feature gates.</param>
    /// <param name="owners">The owner search resolved beforehand (<see cref="OwnerChain"/>); null writes it as nested subqueries.</param>
    public static void Append(SqlText q, ListOptions o, bool withOwner, WhereSql? clientSql, OwnerChain? owners = null)
    {
        var d = q.Dialect;
        In(q, "cluster", o.Clusters);
        In(q, "namespace", o.Namespaces);
        In(q, "name", o.Names);
        if (o.Since is { } since) q.Append(" AND created_at >= ").Append(q.Param(since.UtcDateTime));
        if (o.Before is { } before) q.Append(" AND created_at < ").Append(q.Param(before.UtcDateTime));
        clientSql?.AppendTo(q);
        foreach (var r in o.LabelSelector) q.Append(" AND ").Append(d.LabelPredicate(q, r));
        foreach (var fuzzy in o.FuzzyNames) q.Append(" AND name LIKE ").Append(q.Param("%" + EscapeLike(fuzzy.Trim()) + "%"));
        foreach (var f in o.FieldSelector)
        {
            if (f.Path.HasListSegment) throw StorageException.Invalid(NotSupportListField);
            q.Append(" AND ").Append(d.JsonPredicate(q, f.Path.Segments.Select(s => s.Name).ToArray(), f.Operator, f.Values));
        }
        if (withOwner && o.HasOwner)
        {
            if (owners is null) Owner(q, o);
            else owners.AppendTo(q);
        }
    }

    private static void In(SqlText q, string column, IReadOnlyList<string> values)
    {
        if (values.Count == 1) q.Append($" AND {column} = ").Append(q.Param(values[0]));
        else if (values.Count > 1) q.Append($" AND {column} IN ").Append(q.List(values));
    }

    // LIKE's escape character is the backslash on both engines.
    internal static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    /// <summary>
    /// Children by the controller ownerReference: <c>owner_uid</c> of the owner given by uid, or by name (+ group-resource,
    /// + the request's namespaces or cluster scope); each seniority level nests one more subquery.
    /// </summary>
    private static void Owner(SqlText q, ListOptions o)
    {
        var cluster = OwnerCluster(o);
        var condition = !string.IsNullOrEmpty(o.OwnerUid)
            ? $"owner_uid = {q.Param(o.OwnerUid)}"
            : $"owner_uid IN ({OwnerByName(q, o, cluster)})";
        for (var i = 0; i < o.OwnerSeniority; i++)
            condition = $"owner_uid IN (SELECT uid FROM {SqlDialect.Table} WHERE cluster = {q.Param(cluster)} AND {condition})";
        q.Append(" AND ").Append(condition);
    }

    /// <summary>The one cluster an owner search needs.</summary>
    public static string OwnerCluster(ListOptions o) => o.Clusters.Count == 1
        ? o.Clusters[0]
        : throw StorageException.Invalid("Storage<internal>: If searching by owner uid or name, then the cluster must be specified");

    /// <summary>The SELECT of the owner's uid by name (+ group-resource, + the request's namespaces or cluster scope).</summary>
    public static string OwnerByName(SqlText q, ListOptions o, string cluster)
    {
        var owner = $"SELECT uid FROM {SqlDialect.Table} WHERE cluster = {q.Param(cluster)}";
        if (o.OwnerGroupResource is GroupResource gr)
            owner += $" AND {q.Dialect.Group} = {q.Param(gr.Group)} AND resource = {q.Param(gr.Resource)}";
        if (o.Namespaces.Count > 0) owner += $" AND namespace IN {q.List(o.Namespaces.Append(""))}";
        return owner + $" AND name = {q.Param(o.OwnerName!)}";
    }

    /// <summary>Rows strictly after the cursor in the order of <paramref name="keys"/>.</summary>
    public static void AppendAfter(SqlText q, IReadOnlyList<OrderKey> keys, ListCursor cursor)
    {
        var values = new string[keys.Count];
        var (name, resource) = OrderKey.SplitCursorName(cursor.Name);
        if (keys.Any(k => k.Field == "resource") != (resource.Length == 3))
            throw new ListOptionsException("continue", "continue token was issued for another list");
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i];
            var index = IndexOf(cursor.OrderBy, key.Field);
            var text = index >= 0 ? cursor.Values[index] : key.Field switch
            {
                "cluster" => cursor.Cluster,
                "namespace" => cursor.Namespace,
                "name" => name,
                "group" => resource[0],
                "version" => resource[1],
                _ => resource[2],
            };
            values[i] = key.Value(q, text);
        }
        var d = q.Dialect;
        if (d.RangeScansRowValues && keys.All(k => k.Descending == keys[0].Descending))
        {
            // One row-value comparison: the index on the key columns answers it directly.
            q.Append(" AND (").Append(string.Join(", ", keys.Select(k => k.Expression(d)))).Append(keys[0].Descending ? ") < (" : ") > (")
                .Append(string.Join(", ", values)).Append(")");
            return;
        }
        // Mixed directions, or an engine without row-value ranges: (k1 after v1) OR (k1 = v1 AND k2 after v2) OR ...
        var terms = new List<string>(keys.Count);
        for (var i = 0; i < keys.Count; i++)
        {
            var parts = new List<string>(i + 1);
            for (var j = 0; j < i; j++) parts.Add($"{keys[j].Expression(d)} = {values[j]}");
            parts.Add($"{keys[i].Expression(d)} {(keys[i].Descending ? "<" : ">")} {values[i]}");
            terms.Add("(" + string.Join(" AND ", parts) + ")");
        }
        q.Append(" AND (").Append(string.Join(" OR ", terms)).Append(")");
    }

    private static int IndexOf(IReadOnlyList<OrderBy> orderBy, string field)
    {
        for (var i = 0; i < orderBy.Count; i++)
            if (orderBy[i].Field == field) return i;
        return -1;
    }

    /// <param name="selective">The filter has a selective indexed predicate that should drive the plan (see <see cref="SqlDialect.WithoutIndexOrder"/>).</param>
    public static void AppendOrderBy(SqlText q, IReadOnlyList<OrderKey> keys, bool selective) =>
        q.Append(" ORDER BY ").Append(string.Join(", ", keys.Select((k, i) =>
        {
            var expression = i == 0 && selective ? q.Dialect.WithoutIndexOrder(k.Expression(q.Dialect), k.Field) : k.Expression(q.Dialect);
            return k.Descending ? expression + " DESC" : expression;
        })));

    /// <summary>Whether a label equality, a fuzzy name or an owner narrows the rows through an index of its own.</summary>
    public static bool HasSelectiveIndex(ListOptions o) =>
        o.LabelSelector.Any(r => r.Operator is SelectorOperator.Equals or SelectorOperator.In) || o.FuzzyNames.Count > 0 || o.HasOwner;
}
