using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Clusterpedia.Objects;

namespace Clusterpedia.Synchro.Resources;

/// <summary>
/// Prepares a member object for storage in one pass over its bytes: drops <c>metadata.managedFields</c> and the
/// kubectl last-applied annotation, and sets <c>shadow.clusterpedia.io/cluster-name</c>. Everything else is copied
/// verbatim; there is no typed model.
/// </summary>
public static class ObjectRewriter
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    public static byte[] Rewrite(ReadOnlySpan<byte> json, string cluster, PruneOptions prune)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(8192);
        buffer.ResetWrittenCount();
        var reader = new Utf8JsonReader(json);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw new InvalidObjectException("object is not a JSON object");
            writer.WriteStartObject();
            var wroteMetadata = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("metadata"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        RewriteMetadata(ref reader, writer, json, cluster, prune);
                        wroteMetadata = true;
                        continue;
                    }
                    reader.Skip();
                    continue;
                }
                WritePropertyName(ref reader, writer);
                reader.Read();
                CopyValue(ref reader, writer, json);
            }
            if (!wroteMetadata)
            {
                writer.WriteStartObject("metadata");
                WriteClusterAnnotation(writer, cluster);
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void RewriteMetadata(ref Utf8JsonReader reader, Utf8JsonWriter writer, ReadOnlySpan<byte> json, string cluster, PruneOptions prune)
    {
        writer.WriteStartObject("metadata");
        var wroteAnnotations = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (prune.ManagedFields && reader.ValueTextEquals("managedFields"u8))
            {
                reader.Read();
                reader.Skip();
            }
            else if (reader.ValueTextEquals("annotations"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }
                writer.WriteStartObject("annotations");
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if ((prune.LastAppliedConfiguration && reader.ValueTextEquals(WellKnownUtf8.LastApplied))
                        || reader.ValueTextEquals(WellKnownUtf8.ClusterName))
                    {
                        reader.Read();
                        reader.Skip();
                        continue;
                    }
                    WritePropertyName(ref reader, writer);
                    reader.Read();
                    CopyValue(ref reader, writer, json);
                }
                writer.WriteString(WellKnownUtf8.ClusterName, cluster);
                writer.WriteEndObject();
                wroteAnnotations = true;
            }
            else
            {
                WritePropertyName(ref reader, writer);
                reader.Read();
                CopyValue(ref reader, writer, json);
            }
        }
        if (!wroteAnnotations) WriteClusterAnnotation(writer, cluster);
        writer.WriteEndObject();
    }

    private static void WriteClusterAnnotation(Utf8JsonWriter writer, string cluster)
    {
        writer.WriteStartObject("annotations");
        writer.WriteString(WellKnownUtf8.ClusterName, cluster);
        writer.WriteEndObject();
    }

    private static void WritePropertyName(ref Utf8JsonReader reader, Utf8JsonWriter writer)
    {
        if (reader.ValueIsEscaped) writer.WritePropertyName(reader.GetString()!);
        else writer.WritePropertyName(reader.ValueSpan);
    }

    /// <summary>Copies the value the reader is on, byte for byte.</summary>
    private static void CopyValue(ref Utf8JsonReader reader, Utf8JsonWriter writer, ReadOnlySpan<byte> json)
    {
        var start = (int)reader.TokenStartIndex;
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
        writer.WriteRawValue(json[start..(int)reader.BytesConsumed], skipInputValidation: true);
    }

    private static class WellKnownUtf8
    {
        public static ReadOnlySpan<byte> ClusterName => "shadow.clusterpedia.io/cluster-name"u8;
        public static ReadOnlySpan<byte> LastApplied => "kubectl.kubernetes.io/last-applied-configuration"u8;
    }
}
