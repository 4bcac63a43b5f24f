using System.Globalization;
using Clusterpedia.Query;

namespace Clusterpedia.Storage.Memory;

/// <summary>
/// The order of a list: the requested sort fields, then (cluster, namespace, name) ascending as the tie-breaker,
/// then, in collection resources where keys repeat across resources, the resource. Also turns an item into a
/// keyset cursor and compares items with a cursor.
/// </summary>
/// <remarks>
/// Values compare as text: <c>created_at</c> as a round-trip UTC timestamp (fixed width, so ordinal order is time
/// order; a missing timestamp sorts first), <c>resource_version</c> numerically (a value that is not a number sorts
/// before all numbers).
/// </remarks>
internal sealed class ListOrder : IComparer<ListCandidate>
{
    public const string Cluster = "cluster";
    public const string Namespace = "namespace";
    public const string Name = "name";
    public const string CreatedAt = "created_at";
    public const string ResourceVersion = "resource_version";

    private static readonly string[] Natural = [Cluster, Namespace, Name];

    // The resource of a collection item travels in the cursor's name, after a character no object name contains.
    private const char ResourceSeparator = '\n';

    private readonly IReadOnlyList<OrderBy> _orderBy;
    private readonly bool _withResource;

    private ListOrder(IReadOnlyList<OrderBy> orderBy, bool withResource)
    {
        _orderBy = orderBy;
        _withResource = withResource;
    }

    /// <exception cref="StorageException">With <see cref="StorageErrorKind.Invalid"/> for a field this layer cannot sort by.</exception>
    public static ListOrder Create(IReadOnlyList<OrderBy> orderBy, bool withResource)
    {
        foreach (var o in orderBy)
        {
            if (o.Field is not (Cluster or Namespace or Name or CreatedAt or ResourceVersion))
                throw StorageException.Invalid(
                    $"orderby field '{o.Field}' is not supported; use cluster, namespace, name, created_at or resource_version");
        }
        return new ListOrder(orderBy, withResource);
    }

    /// <summary>True when the order is the key order, so a sorted snapshot can be read as it is.</summary>
    public bool IsNatural
    {
        get
        {
            if (_withResource || _orderBy.Count > Natural.Length) return false;
            for (var i = 0; i < _orderBy.Count; i++)
            {
                if (_orderBy[i].Descending || _orderBy[i].Field != Natural[i]) return false;
            }
            return true;
        }
    }

    public string?[] ValuesOf(StoredObject obj)
    {
        var values = new string?[_orderBy.Count];
        for (var i = 0; i < values.Length; i++) values[i] = ValueOf(obj, _orderBy[i].Field);
        return values;
    }

    public ListCursor CursorOf(ListCandidate item)
    {
        var key = item.Object.Key;
        var name = _withResource ? key.Name + ResourceSeparator + item.Store.ResourceText : key.Name;
        return new ListCursor(_orderBy, ValuesOf(item.Object), key.Cluster, key.Namespace, name);
    }

    /// <summary>Sorts in this order, reading each item's sort values once rather than on every comparison.</summary>
    public void Sort(List<ListCandidate> items)
    {
        if (_orderBy.Count == 0)
        {
            items.Sort(this);
            return;
        }
        var keyed = new (string?[] Values, ListCandidate Item)[items.Count];
        for (var i = 0; i < keyed.Length; i++) keyed[i] = (ValuesOf(items[i].Object), items[i]);
        Array.Sort(keyed, (x, y) =>
        {
            for (var i = 0; i < _orderBy.Count; i++)
            {
                var c = CompareValues(_orderBy[i].Field, x.Values[i], y.Values[i]);
                if (c != 0) return _orderBy[i].Descending ? -c : c;
            }
            return CompareKeys(x.Item, y.Item);
        });
        for (var i = 0; i < keyed.Length; i++) items[i] = keyed[i].Item;
    }

    public int Compare(ListCandidate x, ListCandidate y)
    {
        for (var i = 0; i < _orderBy.Count; i++)
        {
            var field = _orderBy[i].Field;
            var c = CompareValues(field, ValueOf(x.Object, field), ValueOf(y.Object, field));
            if (c != 0) return _orderBy[i].Descending ? -c : c;
        }
        return CompareKeys(x, y);
    }

    private int CompareKeys(ListCandidate x, ListCandidate y)
    {
        var k = x.Object.Key.CompareTo(y.Object.Key);
        if (k != 0 || !_withResource) return k;
        return string.CompareOrdinal(x.Store.ResourceText, y.Store.ResourceText);
    }

    /// <summary>Compares an item with the position a cursor marks: positive when the item comes after it.</summary>
    public int CompareWithCursor(ListCandidate item, ListCursor cursor)
    {
        for (var i = 0; i < _orderBy.Count; i++)
        {
            var field = _orderBy[i].Field;
            var c = CompareValues(field, ValueOf(item.Object, field), cursor.Values[i]);
            if (c != 0) return _orderBy[i].Descending ? -c : c;
        }
        var (cursorName, cursorResource) = SplitName(cursor.Name);
        var k = item.Object.Key.CompareTo(new ObjectKey(cursor.Cluster, cursor.Namespace, cursorName));
        if (k != 0 || !_withResource) return k;
        return string.CompareOrdinal(item.Store.ResourceText, cursorResource);
    }

    /// <summary>The key a cursor marks, for seeking in a sorted snapshot.</summary>
    public static ObjectKey KeyOf(ListCursor cursor) => new(cursor.Cluster, cursor.Namespace, SplitName(cursor.Name).Name);

    private static (string Name, string Resource) SplitName(string name)
    {
        var separator = name.IndexOf(ResourceSeparator);
        return separator < 0 ? (name, "") : (name[..separator], name[(separator + 1)..]);
    }

    private static string? ValueOf(StoredObject obj, string field) => field switch
    {
        Cluster => obj.Key.Cluster,
        Namespace => obj.Key.Namespace,
        Name => obj.Key.Name,
        CreatedAt => obj.Metadata.CreationTimestamp?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        _ => obj.Metadata.ResourceVersion,
    };

    private static int CompareValues(string field, string? x, string? y)
    {
        if (x is null || y is null) return x is null ? (y is null ? 0 : -1) : 1;
        return field == ResourceVersion ? CompareNumericText(x, y) : string.CompareOrdinal(x, y);
    }

    /// <summary>Compares decimal digit strings of any length by value; non-numbers come first, in text order.</summary>
    private static int CompareNumericText(string x, string y)
    {
        var xs = x.AsSpan().TrimStart('0');
        var ys = y.AsSpan().TrimStart('0');
        var xNumber = x.Length > 0 && !xs.ContainsAnyExceptInRange('0', '9');
        var yNumber = y.Length > 0 && !ys.ContainsAnyExceptInRange('0', '9');
        if (xNumber != yNumber) return xNumber ? 1 : -1;
        if (!xNumber) return string.CompareOrdinal(x, y);
        return xs.Length != ys.Length ? xs.Length.CompareTo(ys.Length) : xs.SequenceCompareTo(ys);
    }
}
