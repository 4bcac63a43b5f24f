using Clusterpedia.Objects;
using Clusterpedia.Query;

namespace Clusterpedia.Storage.Sample.Sql;

/// <summary>
/// The order of a list and its keyset cursors. The sort keys are the requested orderby fields, then
/// (cluster, namespace, name) ascending so the order is total, then, in collections where keys repeat across
/// resources, (group, version, resource). The next page starts strictly after the cursor's keys, so page N costs
/// what page 1 costs (DESIGN.md §3.3).
/// </summary>
internal sealed class ListOrder
{
    // A collection cursor's name carries the resource too: name, newline, group/version/resource.
    private const char ResourceSeparator = '\n';

    private readonly IReadOnlyList<OrderBy> _orderBy;
    private readonly List<Key> _keys = [];
    private readonly bool _collection;

    /// <param name="Field">The field name.</param>
    /// <param name="Sql">Its SQL expression.</param>
    /// <param name="Descending">Its direction.</param>
    private sealed record Key(string Field, string Sql, bool Descending);

    public ListOrder(IReadOnlyList<OrderBy> orderBy, bool collection)
    {
        _orderBy = orderBy;
        _collection = collection;
        foreach (var o in orderBy) _keys.Add(new Key(o.Field, Expression(o.Field), o.Descending));
        foreach (var field in (string[])["cluster", "namespace", "name"])
        {
            if (!_keys.Exists(k => k.Field == field)) _keys.Add(new Key(field, field, false));
        }
        if (collection)
        {
            foreach (var field in (string[])["group", "version", "resource"]) _keys.Add(new Key(field, $"\"{field}\"", false));
        }
    }

    /// <summary>A whitelisted field's SQL. A missing creation time sorts first; resource_version sorts as a number.</summary>
    private static string Expression(string field) => field switch
    {
        "cluster" or "namespace" or "name" => field,
        "created_at" => "COALESCE(created_at, '')",
        "resource_version" => "CAST(resource_version AS INTEGER)",
        _ => throw StorageException.Invalid(
            $"orderby field '{field}' is not supported; use cluster, namespace, name, created_at or resource_version"),
    };

    public string OrderByClause => " ORDER BY " + string.Join(", ", _keys.Select(k => k.Descending ? k.Sql + " DESC" : k.Sql));

    /// <summary>Appends <c> AND (keys come after the cursor)</c>.</summary>
    /// <exception cref="ListOptionsException">When the cursor was issued for another orderby.</exception>
    public void AppendAfter(SqlText q, ListCursor cursor)
    {
        cursor.EnsureMatches(_orderBy);
        var (name, resource) = SplitName(cursor.Name);
        var values = new List<string?>(cursor.Values);
        foreach (var key in _keys.Skip(_orderBy.Count))
        {
            values.Add(key.Field switch
            {
                "cluster" => cursor.Cluster,
                "namespace" => cursor.Namespace,
                "name" => name,
                "group" => resource.Group,
                "version" => resource.Version,
                _ => resource.Resource,
            });
        }

        // (k1 > v1) OR (k1 = v1 AND ((k2 > v2) OR (k2 = v2 AND ...))), built from the last key outwards.
        var condition = "";
        for (var i = _keys.Count - 1; i >= 0; i--)
        {
            var key = _keys[i];
            var value = CursorValue(q, key.Field, values[i]);
            var after = $"{key.Sql} {(key.Descending ? "<" : ">")} {value}";
            condition = condition.Length == 0 ? after : $"({after} OR ({key.Sql} = {value} AND {condition}))";
        }
        q.Append(" AND ").Append(condition);
    }

    private static string CursorValue(SqlText q, string field, string? value) => field switch
    {
        "created_at" => q.Param(value ?? ""),
        "resource_version" => $"CAST({q.Param(value ?? "")} AS INTEGER)",
        _ => q.Param(value ?? throw new ListOptionsException("continue", "continue token is malformed")),
    };

    /// <summary>The cursor after a row: its orderby values as stored, its key and (collections) its resource.</summary>
    public ListCursor CursorOf(ListedRow row)
    {
        var values = _orderBy.Select(o => o.Field switch
        {
            "cluster" => row.Cluster,
            "namespace" => row.Namespace,
            "name" => row.Name,
            "created_at" => row.CreatedAt,
            _ => row.ResourceVersion,
        }).ToArray();
        var name = _collection
            ? $"{row.Name}{ResourceSeparator}{row.Resource.Group}/{row.Resource.Version}/{row.Resource.Resource}"
            : row.Name;
        return new ListCursor(_orderBy, values, row.Cluster, row.Namespace, name);
    }

    private static (string Name, GroupVersionResource Resource) SplitName(string name)
    {
        var separator = name.IndexOf(ResourceSeparator);
        if (separator < 0) return (name, new GroupVersionResource("", "", ""));
        var parts = name[(separator + 1)..].Split('/');
        if (parts.Length != 3) throw new ListOptionsException("continue", "continue token is malformed");
        return (name[..separator], new GroupVersionResource(parts[0], parts[1], parts[2]));
    }
}

/// <summary>The columns of a listed row besides the object: what cursors and collection items need.</summary>
internal sealed record ListedRow(string Cluster, string Namespace, string Name, string? CreatedAt, string ResourceVersion,
    GroupVersionResource Resource, string Kind);
