using System.Globalization;
using Clusterpedia.Objects;
using Clusterpedia.Query;

namespace Example.Storage;

/// <summary>A row's position in a list order: its orderby values, its key and (collections) its resource.</summary>
public sealed record SortKey(string?[] Values, string Cluster, string Namespace, string Name, string Resource);

/// <summary>
/// The list order: the orderby fields, then (cluster, namespace, name) ascending, then the resource in collections,
/// so the order is total and a cursor (the last item's <see cref="SortKey"/>) marks an exact position.
/// </summary>
public sealed class SortOrder(IReadOnlyList<OrderBy> orderBy, bool collection)
{
    // A collection cursor carries the resource in its name, after a newline no object name contains.
    private const char ResourceSeparator = '\n';

    public SortKey KeyOf(StoredObject row) => new(
        orderBy.Select(o => o.Field switch
        {
            "cluster" => row.Cluster,
            "namespace" => row.Namespace,
            "name" => row.Name,
            "created_at" => row.Metadata.CreationTimestamp?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            _ => row.Metadata.ResourceVersion,
        }).ToArray(),
        row.Cluster, row.Namespace, row.Name, collection ? row.Resource.ToString() : "");

    public SortKey KeyOf(ListCursor cursor)
    {
        var separator = cursor.Name.IndexOf(ResourceSeparator);
        return separator < 0
            ? new SortKey([.. cursor.Values], cursor.Cluster, cursor.Namespace, cursor.Name, "")
            : new SortKey([.. cursor.Values], cursor.Cluster, cursor.Namespace, cursor.Name[..separator], cursor.Name[(separator + 1)..]);
    }

    public string CursorOf(SortKey key) =>
        new ListCursor(orderBy, key.Values, key.Cluster, key.Namespace, collection ? key.Name + ResourceSeparator + key.Resource : key.Name).Encode();

    public int Compare(SortKey x, SortKey y)
    {
        for (var i = 0; i < orderBy.Count; i++)
        {
            var c = orderBy[i].Field == "resource_version" ? CompareNumbers(x.Values[i], y.Values[i]) : string.CompareOrdinal(x.Values[i], y.Values[i]);
            if (c != 0) return orderBy[i].Descending ? -c : c;
        }
        var k = string.CompareOrdinal(x.Cluster, y.Cluster);
        if (k == 0) k = string.CompareOrdinal(x.Namespace, y.Namespace);
        if (k == 0) k = string.CompareOrdinal(x.Name, y.Name);
        if (k == 0) k = string.CompareOrdinal(x.Resource, y.Resource);
        return k;
    }

    /// <summary>resourceVersions compare as numbers; text that is not a number sorts first.</summary>
    private static int CompareNumbers(string? x, string? y)
    {
        var xn = decimal.TryParse(x, NumberStyles.None, CultureInfo.InvariantCulture, out var a);
        var yn = decimal.TryParse(y, NumberStyles.None, CultureInfo.InvariantCulture, out var b);
        return xn && yn ? a.CompareTo(b) : xn != yn ? (xn ? 1 : -1) : string.CompareOrdinal(x, y);
    }
}
