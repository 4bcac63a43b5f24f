using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Clusterpedia.Objects;

namespace Clusterpedia.Synchro.Resources;

/// <summary>
/// Prepares a member object for storage in one pass over its bytes: drops <c>metadata.managedFields</c> and the
/// kubectl last-applied annotation, sets <c>shadow.clusterpedia.io/cluster-name</c>, and adds the top-level
/// <c>apiVersion</c> and <c>kind</c> when the member left them out (list items of built-in types). Everything else
/// is copied verbatim; there is no typed model. Without a cluster (recorded Events, which upstream stores without the
/// annotation) the annotations are left as they are.
/// </summary>
/// <exception cref="InvalidObjectException">
/// The object is not a JSON object, has no <c>metadata.name</c>, or its <c>kind</c> is not the resource's kind.
/// </exception>
public static class ObjectRewriter
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    public static byte[] Rewrite(ReadOnlySpan<byte> json, string? cluster, PruneOptions prune, TypeMeta type)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(8192);
        buffer.ResetWrittenCount();
        var reader = new Utf8JsonReader(json);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw new InvalidObjectException("object is not a JSON object");
            writer.WriteStartObject();
            bool hasName = false, hasApiVersion = false, hasKind = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("metadata"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.StartObject) throw new InvalidObjectException("metadata is not a JSON object");
                    hasName = RewriteMetadata(ref reader, writer, json, cluster, prune);
                    continue;
                }
                if (reader.ValueTextEquals("kind"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.String || !reader.ValueTextEquals(type.Kind))
                        throw new InvalidObjectException($"kind {Text(ref reader)} does not match the resource's kind \"{type.Kind}\"");
                    writer.WriteString("kind"u8, type.Kind);
                    hasKind = true;
                    continue;
                }
                if (reader.ValueTextEquals("apiVersion"u8)) hasApiVersion = true;
                WritePropertyName(ref reader, writer);
                reader.Read();
                CopyValue(ref reader, writer, json);
            }
            if (!hasName) throw new InvalidObjectException("object has no metadata.name");
            if (!hasApiVersion) writer.WriteString("apiVersion"u8, type.ApiVersion);
            if (!hasKind) writer.WriteString("kind"u8, type.Kind);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <returns>Whether the metadata has a non-empty <c>name</c>.</returns>
    private static bool RewriteMetadata(ref Utf8JsonReader reader, Utf8JsonWriter writer, ReadOnlySpan<byte> json, string? cluster, PruneOptions prune)
    {
        writer.WriteStartObject("metadata");
        var wroteAnnotations = false;
        var hasName = false;
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
                        || (cluster is not null && reader.ValueTextEquals(WellKnownUtf8.ClusterName)))
                    {
                        reader.Read();
                        reader.Skip();
                        continue;
                    }
                    WritePropertyName(ref reader, writer);
                    reader.Read();
                    CopyValue(ref reader, writer, json);
                }
                if (cluster is not null) writer.WriteString(WellKnownUtf8.ClusterName, cluster);
                writer.WriteEndObject();
                wroteAnnotations = true;
            }
            else
            {
                var isName = reader.ValueTextEquals("name"u8);
                WritePropertyName(ref reader, writer);
                reader.Read();
                if (isName) hasName = reader.TokenType == JsonTokenType.String && !reader.ValueSpan.IsEmpty;
                CopyValue(ref reader, writer, json);
            }
        }
        if (!wroteAnnotations && cluster is not null) WriteClusterAnnotation(writer, cluster);
        writer.WriteEndObject();
        return hasName;
    }

    /// <summary>The value the reader is on, for an error message: a quoted string, or its JSON token type.</summary>
    private static string Text(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String ? $"\"{reader.GetString()}\"" : reader.TokenType.ToString().ToLowerInvariant();

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
