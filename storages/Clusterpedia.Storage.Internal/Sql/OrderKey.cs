using System.Globalization;
using Clusterpedia.Query;

namespace Clusterpedia.Storage.Internal.Sql;

/// <summary>
/// One sort key of a list: a whitelisted field mapped to its SQL expression. The keys of a list are the requested
/// orderby fields followed by (cluster, namespace, name), so the order is total and keyset cursors are exact.
/// </summary>
internal sealed record OrderKey(string Field, bool Descending)
{
    /// <summary>The columns every list selects first, in this order, so cursors can be built from any row.</summary>
    public const string SelectColumns = "cluster, namespace, name, created_at, resource_version";

    /// <param name="collection">
    /// A collection mixes resources, where (cluster, namespace, name) repeats: (group, version, resource) end the keys.
    /// </param>
    public static IReadOnlyList<OrderKey> For(IReadOnlyList<OrderBy> orderBy, bool collection)
    {
        var keys = new List<OrderKey>(orderBy.Count + 3);
        foreach (var o in orderBy)
        {
            if (!OrderByParser.SupportedFields.Contains(o.Field))
                throw StorageException.Invalid($"Storage<internal>: cannot sort by '{o.Field}'");
            keys.Add(new OrderKey(o.Field, o.Descending));
        }
        foreach (var field in (string[])["cluster", "namespace", "name"])
            if (!keys.Any(k => k.Field == field)) keys.Add(new OrderKey(field, false));
        if (collection)
            foreach (var field in (string[])["group", "version", "resource"]) keys.Add(new OrderKey(field, false));
        return keys;
    }

    public string Expression(SqlDialect dialect) => Field switch
    {
        "resource_version" => dialect.Numeric("resource_version"),
        "group" => dialect.Group,
        _ => Field,
    };

    // In a collection's cursor the name carries the resource too: name, newline, group/version/resource.
    private const char ResourceSeparator = '\n';

    public static string CursorName(string name, Clusterpedia.Objects.GroupVersionResource? resource) =>
        resource is { } r ? $"{name}{ResourceSeparator}{r.Group}/{r.Version}/{r.Resource}" : name;

    /// <summary>The cursor's name and, for a collection, the group, version and resource after it.</summary>
    public static (string Name, string[] Resource) SplitCursorName(string name)
    {
        var i = name.IndexOf(ResourceSeparator);
        if (i < 0) return (name, []);
        var resource = name[(i + 1)..].Split('/');
        if (resource.Length != 3) throw new ListOptionsException("continue", "continue token is malformed");
        return (name[..i], resource);
    }

    /// <summary>The cursor value's SQL: a parameter, cast like the column expression.</summary>
    public string Value(SqlText q, string? value)
    {
        if (value is null) throw new ListOptionsException("continue", "continue token is malformed");
        return Field switch
        {
            "created_at" => q.Param(DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var t)
                ? DateTime.SpecifyKind(t, DateTimeKind.Utc)
                : throw new ListOptionsException("continue", "continue token is malformed")),
            // ListCursor.Decode let only digits through; "" is an item without a resourceVersion.
            "resource_version" => q.Dialect.Numeric(q.Param(value.Length == 0 ? "0" : value)),
            _ => q.Param(value),
        };
    }

    /// <summary>The text a cursor carries for this field, from the row's values.</summary>
    public static string CursorValue(string field, string cluster, string @namespace, string name, DateTime createdAt, string resourceVersion) => field switch
    {
        "cluster" => cluster,
        "namespace" => @namespace,
        "name" => name,
        "created_at" => DateTime.SpecifyKind(createdAt, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture),
        _ => resourceVersion,
    };
}
