namespace Clusterpedia.Objects;

/// <summary>
/// A Kubernetes object as UTF-8 JSON, with its metadata read once on demand. The bytes are never
/// deserialized into a typed model (DESIGN.md §3.1).
/// </summary>
public sealed class ResourceObject
{
    private ObjectMetadata? _metadata;

    public ResourceObject(ReadOnlyMemory<byte> json)
    {
        Json = json;
    }

    public ReadOnlyMemory<byte> Json { get; }

    /// <summary>The metadata view, parsed with <see cref="System.Text.Json.Utf8JsonReader"/> on first use.</summary>
    /// <exception cref="InvalidObjectException">When the bytes are not a JSON object.</exception>
    public ObjectMetadata Metadata => _metadata ??= ObjectMetadata.Read(Json.Span);

    public static ResourceObject FromString(string json) => new(System.Text.Encoding.UTF8.GetBytes(json));

    public override string ToString() => System.Text.Encoding.UTF8.GetString(Json.Span);
}

/// <summary>Raised when bytes handed over as an object are not a usable Kubernetes object.</summary>
public sealed class InvalidObjectException(string message) : Exception(message);
