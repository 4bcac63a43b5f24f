using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Clusterpedia.ClusterSimulator;

/// <summary>
/// An object's <c>kind</c> and <c>apiVersion</c>, where kube writes them: first, kind before apiVersion for built-in
/// types (Go's TypeMeta field order), apiVersion before kind for custom resources (unstructured maps are encoded with
/// sorted keys); and not at all on list items of built-in types.
/// </summary>
public static class TypeMeta
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    public static IEnumerable<(string Name, JsonNode Value)> Fields(SimulatedResource resource) => resource.Custom
        ? [("apiVersion", JsonValue.Create(resource.ApiVersion)), ("kind", JsonValue.Create(resource.Kind))]
        : [("kind", JsonValue.Create(resource.Kind)), ("apiVersion", JsonValue.Create(resource.ApiVersion))];

    public static void Write(Utf8JsonWriter w, SimulatedResource resource)
    {
        foreach (var (name, value) in Fields(resource)) w.WriteString(name, value.GetValue<string>());
    }

    /// <summary>The object as a list item: for a built-in type, without its top-level kind and apiVersion.</summary>
    public static byte[] ListItem(SimulatedResource resource, byte[] json)
    {
        if (resource.Custom) return json;
        var buffer = new ArrayBufferWriter<byte>(json.Length);
        var reader = new Utf8JsonReader(json);
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            reader.Read();
            w.WriteStartObject();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var skip = reader.ValueTextEquals("kind"u8) || reader.ValueTextEquals("apiVersion"u8);
                var name = reader.GetString()!;
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                if (!skip)
                {
                    w.WritePropertyName(name);
                    w.WriteRawValue(json.AsSpan(start, (int)reader.BytesConsumed - start), skipInputValidation: true);
                }
            }
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
