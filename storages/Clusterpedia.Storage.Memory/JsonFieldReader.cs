using System.Text;
using System.Text.Json;
using Clusterpedia.Query;

namespace Clusterpedia.Storage.Memory;

/// <summary>
/// Reads the values at a field path of an object's JSON with <see cref="Utf8JsonReader"/>, without building a DOM.
/// Values come back as text: strings unquoted, numbers and booleans as their JSON text, objects and arrays as raw JSON;
/// JSON null counts as missing (as PostgreSQL's <c>-&gt;&gt;</c> does). A list segment <c>[]</c> yields every element,
/// <c>[n]</c> only the n-th.
/// </summary>
internal static class JsonFieldReader
{
    public static List<string> Read(ReadOnlySpan<byte> json, FieldPath path)
    {
        var values = new List<string>(1);
        var reader = new Utf8JsonReader(json);
        if (reader.Read()) Collect(ref reader, path.Segments, 0, values);
        return values;
    }

    /// <summary>Collects from the value the reader is on, leaving the reader on that value's last token.</summary>
    private static void Collect(ref Utf8JsonReader reader, IReadOnlyList<FieldPathSegment> segments, int index, List<string> values)
    {
        if (index == segments.Count)
        {
            AddText(ref reader, values);
            return;
        }
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        var segment = segments[index];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var match = reader.ValueTextEquals(segment.Name);
            reader.Read();
            if (!match)
            {
                reader.Skip();
            }
            else if (!segment.IsList)
            {
                Collect(ref reader, segments, index + 1, values);
            }
            else if (reader.TokenType == JsonTokenType.StartArray)
            {
                var position = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (segment.Index is null || segment.Index == position) Collect(ref reader, segments, index + 1, values);
                    else reader.Skip();
                    position++;
                }
            }
            else
            {
                reader.Skip();
            }
        }
    }

    private static void AddText(ref Utf8JsonReader reader, List<string> values)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                values.Add(reader.GetString()!);
                break;
            case JsonTokenType.Number:
                values.Add(Encoding.UTF8.GetString(reader.ValueSpan));
                break;
            case JsonTokenType.True:
                values.Add("true");
                break;
            case JsonTokenType.False:
                values.Add("false");
                break;
            case JsonTokenType.StartObject:
            case JsonTokenType.StartArray:
                using (var element = JsonDocument.ParseValue(ref reader))
                    values.Add(element.RootElement.GetRawText());
                break;
        }
    }
}
