using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Clusterpedia.Objects;
using Clusterpedia.Query;
using Clusterpedia.Storage;

namespace Example.Storage;

/// <summary>
/// One list: filter, order, start after the continue cursor (or skip an offset), cut the page, write it.
/// A database-backed layer does these steps in its query instead (WHERE, ORDER BY, a keyset condition, LIMIT).
/// </summary>
public static class ListWriter
{
    public static async ValueTask WriteAsync(
        IEnumerable<StoredObject> rows, ListOptions options, HashSet<string>? owners, bool collection,
        IListSink sink, CancellationToken cancellationToken)
    {
        var cursor = options.Continue?.Cursor;
        cursor?.EnsureMatches(options.OrderBy); // a token for another orderby is a 400
        foreach (var o in options.OrderBy)
        {
            if (!OrderByParser.SupportedFields.Contains(o.Field)) throw StorageException.Invalid($"cannot sort by '{o.Field}'");
        }

        var order = new SortOrder(options.OrderBy, collection);
        var matching = rows.Where(row => Matches(row, options, owners))
            .Select(row => (Row: row, Key: order.KeyOf(row)))
            .Order(Comparer<(StoredObject Row, SortKey Key)>.Create((a, b) => order.Compare(a.Key, b.Key)))
            .ToList();
        if (cursor is not null)
        {
            var after = order.KeyOf(cursor);
            matching = matching.Where(m => order.Compare(m.Key, after) > 0).ToList();
        }

        var offset = (int)Math.Clamp(options.Continue?.Offset ?? 0, 0, int.MaxValue);
        var rest = matching.Skip(offset).ToList();
        var page = options.Limit > 0 ? rest.Take((int)Math.Min(options.Limit, int.MaxValue)).ToList() : rest;

        foreach (var (row, _) in page)
        {
            var json = options.OnlyMetadata ? OnlyMetadata(row) : row.Object.Json;
            await sink.WriteItemAsync(new ListItem(json, row.Resource, row.Kind), cancellationToken);
        }
        var more = rest.Count > page.Count;
        var next = more && options.ShouldReturnContinue ? order.CursorOf(page[^1].Key) : null;
        long? remaining = options.WithRemainingCount == true ? rest.Count - page.Count : null;
        await sink.CompleteAsync(new ListResult(next, remaining), cancellationToken);
    }

    private static bool Matches(StoredObject row, ListOptions o, HashSet<string>? owners)
    {
        var m = row.Metadata;
        if (o.Clusters.Count > 0 && !o.Clusters.Contains(row.Cluster)) return false;
        if (o.Namespaces.Count > 0 && !o.Namespaces.Contains(m.Namespace)) return false;
        if (o.Names.Count > 0 && !o.Names.Contains(m.Name)) return false;
        if (o.FuzzyNames.Any(f => !m.Name.Contains(f, StringComparison.Ordinal))) return false;
        if (o.Since is { } since && !(m.CreationTimestamp >= since)) return false;
        if (o.Before is { } before && !(m.CreationTimestamp < before)) return false;
        if (owners is not null && !owners.Contains(m.ControllerUid)) return false;
        if (!o.LabelSelector.All(l => l.Matches(m.Labels))) return false;
        return o.FieldSelector.All(f => FieldMatches(f, JsonValues.At(row.Object.Json, f.Path)));
    }

    /// <summary>Label-selector semantics over a field's values: negations also match a missing field.</summary>
    private static bool FieldMatches(FieldRequirement f, List<string> values) => f.Operator switch
    {
        SelectorOperator.Equals or SelectorOperator.In => values.Exists(f.Values.Contains),
        SelectorOperator.NotEquals or SelectorOperator.NotIn => !values.Exists(f.Values.Contains),
        SelectorOperator.Exists => values.Count > 0,
        SelectorOperator.DoesNotExist => values.Count == 0,
        SelectorOperator.GreaterThan => values.Exists(v => long.TryParse(v, out var x) && x > long.Parse(f.Values[0], CultureInfo.InvariantCulture)),
        SelectorOperator.LessThan => values.Exists(v => long.TryParse(v, out var x) && x < long.Parse(f.Values[0], CultureInfo.InvariantCulture)),
        _ => false,
    };

    /// <summary>onlyMetadata: <c>{"apiVersion", "kind", "metadata"}</c>.</summary>
    private static ReadOnlyMemory<byte> OnlyMetadata(StoredObject row)
    {
        using var document = JsonDocument.Parse(row.Object.Json);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("apiVersion", row.Metadata.ApiVersion.Length > 0 ? row.Metadata.ApiVersion : row.Resource.ApiVersion);
            writer.WriteString("kind", row.Kind);
            writer.WritePropertyName("metadata");
            if (document.RootElement.TryGetProperty("metadata", out var metadata)) metadata.WriteTo(writer);
            else writer.WriteRawValue("{}");
            writer.WriteEndObject();
        }
        return buffer.WrittenMemory;
    }
}
