using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Clusterpedia.ApiServer.Tests.Infrastructure;

/// <summary>Random compact JSON documents with awkward strings, and the same documents re-spaced between their tokens.</summary>
internal static class RandomJson
{
    private static readonly string[] Pieces = ["a", "key", " ", "  ", ": ", ", ", "\"", "\\", "\\\\", "\\\"", "{", "}", "[", "]", "\n", "\t", "é", "日本", "0"];
    private static readonly string[] Gaps = ["", " ", "  ", "\n", "\n    ", "\t", "\r\n", " \t "];

    /// <summary>A compact document, strings escaped as JSON.stringify escapes them (no astral characters: the relaxed encoder writes those as \u pairs).</summary>
    public static string Document(Random random)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            Value(w, random, depth: 0);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Value(Utf8JsonWriter w, Random random, int depth)
    {
        switch (depth < 4 ? random.Next(7) : random.Next(3, 7))
        {
            case 0 or 1:
                w.WriteStartObject();
                for (var i = random.Next(6); i > 0; i--)
                {
                    // Unique and not a number, or JavaScript would drop or reorder it.
                    w.WritePropertyName($"k{i}{Text(random)}");
                    Value(w, random, depth + 1);
                }
                w.WriteEndObject();
                break;
            case 2:
                w.WriteStartArray();
                for (var i = random.Next(6); i > 0; i--) Value(w, random, depth + 1);
                w.WriteEndArray();
                break;
            case 3 or 4: w.WriteStringValue(Text(random)); break;
            case 5: w.WriteNumberValue(random.Next(-1000, 1000)); break;
            default:
                if (random.Next(3) == 0) w.WriteNullValue();
                else w.WriteBooleanValue(random.Next(2) == 0);
                break;
        }
    }

    private static string Text(Random random)
    {
        var sb = new StringBuilder();
        for (var i = random.Next(40); i > 0; i--) sb.Append(Pieces[random.Next(Pieces.Length)]);
        return sb.ToString();
    }

    /// <summary>The document with random whitespace around every token and separator, as a pretty printer or jsonb would.</summary>
    public static string Respace(string compact, Random random)
    {
        var json = Encoding.UTF8.GetBytes(compact);
        var output = new List<byte>();
        void Gap() => output.AddRange(Encoding.UTF8.GetBytes(Gaps[random.Next(Gaps.Length)]));
        var reader = new Utf8JsonReader(json);
        var end = 0;
        Gap();
        while (reader.Read())
        {
            // What lies between two tokens of a compact document is a ':' or a ',' or nothing.
            foreach (var separator in json.AsSpan(end, (int)reader.TokenStartIndex - end))
            {
                output.Add(separator);
                Gap();
            }
            // A property name's BytesConsumed is past its ':' already.
            var start = (int)reader.TokenStartIndex;
            end = reader.TokenType == JsonTokenType.PropertyName ? start + reader.ValueSpan.Length + 2 : (int)reader.BytesConsumed;
            output.AddRange(json.AsSpan(start, end - start));
            Gap();
        }
        return Encoding.UTF8.GetString(output.ToArray());
    }
}
