using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Clusterpedia.Objects;

namespace Clusterpedia.Storage;

/// <summary>
/// The contract's rule that every stored object carries top-level <c>apiVersion</c> and <c>kind</c>
/// (<see cref="IResourceStorage"/>). Layers pass each object they write through <see cref="Complete"/>.
/// </summary>
/// <remarks>
/// A kube-apiserver leaves both out of the items of a list of a built-in type; upstream Clusterpedia's apiserver cannot
/// decode a stored object without them ("Object 'Kind' is missing") and kubectl refuses it.
/// </remarks>
public static class StoredTypeMeta
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    /// <summary>
    /// The object as it is to be stored: the same instance when it names both (the synchro's objects do, so this costs
    /// one read of the already parsed metadata); otherwise a copy that starts with the missing ones, apiVersion from
    /// <see cref="ResourceStorageConfig.Resource"/> (<c>group/version</c>, or <c>version</c> for the core group) and
    /// kind from <see cref="ResourceStorageConfig.Kind"/>. An empty string or null counts as missing.
    /// </summary>
    /// <exception cref="StorageException">
    /// With <see cref="StorageErrorKind.Invalid"/> when the object's kind is not the config's, or when it has none and
    /// the config names none either.
    /// </exception>
    /// <exception cref="InvalidObjectException">When the bytes are not a JSON object; each layer maps it as it maps other unusable objects.</exception>
    public static ResourceObject Complete(ResourceStorageConfig config, ResourceObject obj)
    {
        var metadata = obj.Metadata;
        var kind = metadata.Kind;
        if (kind.Length > 0 && config.Kind.Length > 0 && !string.Equals(kind, config.Kind, StringComparison.Ordinal))
        {
            throw StorageException.Invalid(
                $"object {Describe(metadata)} has kind \"{kind}\", but {config.Resource} stores kind \"{config.Kind}\"");
        }
        if (kind.Length > 0 && metadata.ApiVersion.Length > 0) return obj;
        if (kind.Length == 0 && config.Kind.Length == 0)
            throw StorageException.Invalid($"object {Describe(metadata)} has no kind, and {config.Resource} names none to fill in");
        return new ResourceObject(Prepend(obj.Json.Span,
            metadata.ApiVersion.Length > 0 ? metadata.ApiVersion : config.Resource.ApiVersion,
            kind.Length > 0 ? kind : config.Kind));
    }

    private static string Describe(ObjectMetadata m) => m.Namespace.Length > 0 ? $"\"{m.Namespace}/{m.Name}\"" : $"\"{m.Name}\"";

    /// <summary>Writes apiVersion and kind first, then every other member as it was (their old, empty values dropped).</summary>
    private static byte[] Prepend(ReadOnlySpan<byte> json, string apiVersion, string kind)
    {
        var buffer = new ArrayBufferWriter<byte>(json.Length + 64);
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            reader.Read();
            writer.WriteStartObject();
            writer.WriteString("apiVersion"u8, apiVersion);
            writer.WriteString("kind"u8, kind);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("apiVersion"u8) || reader.ValueTextEquals("kind"u8))
                {
                    reader.Read();
                    reader.Skip();
                    continue;
                }
                if (reader.ValueIsEscaped) writer.WritePropertyName(reader.GetString()!);
                else writer.WritePropertyName(reader.ValueSpan);
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                writer.WriteRawValue(json[start..(int)reader.BytesConsumed], skipInputValidation: true);
            }
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
