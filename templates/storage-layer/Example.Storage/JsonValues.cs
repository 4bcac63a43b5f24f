using System.Text.Json;
using Clusterpedia.Query;

namespace Example.Storage;

/// <summary>
/// The values at a field-selector path of an object, as text: strings unquoted, numbers and booleans as their JSON
/// text, objects and arrays as JSON; null and missing fields yield nothing. <c>[]</c> yields every element, <c>[n]</c> one.
/// </summary>
public static class JsonValues
{
    public static List<string> At(ReadOnlyMemory<byte> json, FieldPath path)
    {
        using var document = JsonDocument.Parse(json);
        var values = new List<string>();
        Collect(document.RootElement, path.Segments, 0, values);
        return values;
    }

    private static void Collect(JsonElement element, IReadOnlyList<FieldPathSegment> segments, int index, List<string> values)
    {
        if (index == segments.Count)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String: values.Add(element.GetString()!); break;
                case JsonValueKind.Null or JsonValueKind.Undefined: break;
                default: values.Add(element.GetRawText()); break;
            }
            return;
        }
        var segment = segments[index];
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(segment.Name, out var child)) return;
        if (!segment.IsList)
        {
            Collect(child, segments, index + 1, values);
            return;
        }
        if (child.ValueKind != JsonValueKind.Array) return;
        var position = 0;
        foreach (var item in child.EnumerateArray())
        {
            if (segment.Index is null || segment.Index == position) Collect(item, segments, index + 1, values);
            position++;
        }
    }
}
