using System.Buffers;
using System.Text.Json;

namespace Clusterpedia.Storage.Memory;

/// <summary>
/// The <c>onlyMetadata</c> shape of an object: <c>{"apiVersion","kind","metadata"}</c>, with the metadata bytes copied
/// as stored. apiVersion and kind fall back to the resource's when the stored object lacks them.
/// </summary>
internal static class MetadataProjection
{
    public static ReadOnlyMemory<byte> Project(StoredObject obj, ResourceStore store)
    {
        var json = obj.Json.Span;
        var metadata = ReadOnlySpan<byte>.Empty;
        var reader = new Utf8JsonReader(json);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isMetadata = reader.ValueTextEquals("metadata"u8);
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            if (isMetadata) metadata = json[start..(int)reader.BytesConsumed];
        }

        var buffer = new ArrayBufferWriter<byte>(metadata.Length + 96);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            var apiVersion = obj.Metadata.ApiVersion;
            writer.WriteString("apiVersion"u8, apiVersion.Length > 0 ? apiVersion : store.Resource.ApiVersion);
            writer.WriteString("kind"u8, store.KindOf(obj));
            writer.WritePropertyName("metadata"u8);
            if (metadata.IsEmpty) writer.WriteRawValue("{}"u8, skipInputValidation: true);
            else writer.WriteRawValue(metadata, skipInputValidation: true);
            writer.WriteEndObject();
        }
        return buffer.WrittenMemory;
    }
}
