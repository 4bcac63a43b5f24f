using System.Text.Json;

namespace Clusterpedia.ApiServer.Serialization;

/// <summary>Cuts raw JSON values out of an object's bytes without deserializing it.</summary>
internal static class JsonSlices
{
    /// <summary>The raw bytes of a top-level property's value, or empty when the object has no such property.</summary>
    public static ReadOnlySpan<byte> TopLevelProperty(ReadOnlySpan<byte> json, ReadOnlySpan<byte> name)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var match = reader.ValueTextEquals(name);
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            if (match) return json[start..(int)reader.BytesConsumed];
        }
        return default;
    }

    /// <summary>Writes <c>{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":{...}}</c> for an object.</summary>
    public static void WritePartialObjectMetadata(Utf8JsonWriter w, ReadOnlySpan<byte> json, string metaVersion = "v1")
    {
        w.WriteStartObject();
        w.WriteString("kind", "PartialObjectMetadata");
        w.WriteString("apiVersion", "meta.k8s.io/" + metaVersion);
        var metadata = TopLevelProperty(json, "metadata"u8);
        w.WritePropertyName("metadata");
        if (metadata.IsEmpty)
        {
            w.WriteStartObject();
            w.WriteEndObject();
        }
        else CompactJson.WriteValue(w, metadata);
        w.WriteEndObject();
    }
}
