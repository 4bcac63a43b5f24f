using System.Globalization;
using System.Text.Json;

namespace Clusterpedia.Objects;

/// <summary>The metadata of an object, read straight from its JSON bytes; everything else is skipped.</summary>
public sealed record ObjectMetadata
{
    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    public string ApiVersion { get; init; } = "";
    public string Kind { get; init; } = "";
    public string Name { get; init; } = "";
    public string Namespace { get; init; } = "";
    public string Uid { get; init; } = "";
    public string ResourceVersion { get; init; } = "";
    public DateTimeOffset? CreationTimestamp { get; init; }
    public DateTimeOffset? DeletionTimestamp { get; init; }
    public IReadOnlyDictionary<string, string> Labels { get; init; } = Empty;
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = Empty;
    public IReadOnlyList<OwnerReference> OwnerReferences { get; init; } = [];

    /// <summary>The uid of the controller ownerReference (the one with <c>controller: true</c>), or empty.</summary>
    public string ControllerUid => OwnerReferences.FirstOrDefault(o => o.Controller)?.Uid ?? "";

    /// <summary>The cluster the object was synced from, from the <c>shadow.clusterpedia.io/cluster-name</c> annotation.</summary>
    public string? Cluster => Annotations.TryGetValue(WellKnown.ClusterNameAnnotation, out var c) ? c : null;

    public static ObjectMetadata Read(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                throw new InvalidObjectException("object is not a JSON object");
            var result = new ObjectMetadata();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("apiVersion"u8)) result = result with { ApiVersion = ReadString(ref reader) };
                else if (reader.ValueTextEquals("kind"u8)) result = result with { Kind = ReadString(ref reader) };
                else if (reader.ValueTextEquals("metadata"u8)) result = ReadMetadata(ref reader, result);
                else { reader.Read(); reader.Skip(); }
            }
            return result;
        }
        catch (JsonException e)
        {
            throw new InvalidObjectException($"object is not valid JSON: {e.Message}");
        }
    }

    private static ObjectMetadata ReadMetadata(ref Utf8JsonReader reader, ObjectMetadata result)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null) return result;
        if (reader.TokenType != JsonTokenType.StartObject) throw new InvalidObjectException("metadata is not an object");
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("name"u8)) result = result with { Name = ReadString(ref reader) };
            else if (reader.ValueTextEquals("namespace"u8)) result = result with { Namespace = ReadString(ref reader) };
            else if (reader.ValueTextEquals("uid"u8)) result = result with { Uid = ReadString(ref reader) };
            else if (reader.ValueTextEquals("resourceVersion"u8)) result = result with { ResourceVersion = ReadString(ref reader) };
            else if (reader.ValueTextEquals("creationTimestamp"u8)) result = result with { CreationTimestamp = ReadTime(ref reader) };
            else if (reader.ValueTextEquals("deletionTimestamp"u8)) result = result with { DeletionTimestamp = ReadTime(ref reader) };
            else if (reader.ValueTextEquals("labels"u8)) result = result with { Labels = ReadStringMap(ref reader) };
            else if (reader.ValueTextEquals("annotations"u8)) result = result with { Annotations = ReadStringMap(ref reader) };
            else if (reader.ValueTextEquals("ownerReferences"u8)) result = result with { OwnerReferences = ReadOwners(ref reader) };
            else { reader.Read(); reader.Skip(); }
        }
        return result;
    }

    private static string ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString()!,
            JsonTokenType.Null => "",
            _ => throw new InvalidObjectException($"expected a string, found {reader.TokenType}"),
        };
    }

    private static DateTimeOffset? ReadTime(ref Utf8JsonReader reader)
    {
        var text = ReadString(ref reader);
        if (text.Length == 0) return null;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t.ToUniversalTime()
            : throw new InvalidObjectException($"invalid timestamp '{text}'");
    }

    private static IReadOnlyDictionary<string, string> ReadStringMap(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null) return Empty;
        if (reader.TokenType != JsonTokenType.StartObject) throw new InvalidObjectException("expected a map of strings");
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            map[key] = ReadString(ref reader);
        }
        return map;
    }

    private static IReadOnlyList<OwnerReference> ReadOwners(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null) return [];
        if (reader.TokenType != JsonTokenType.StartArray) throw new InvalidObjectException("ownerReferences is not an array");
        var owners = new List<OwnerReference>();
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            string apiVersion = "", kind = "", name = "", uid = "";
            var controller = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("apiVersion"u8)) apiVersion = ReadString(ref reader);
                else if (reader.ValueTextEquals("kind"u8)) kind = ReadString(ref reader);
                else if (reader.ValueTextEquals("name"u8)) name = ReadString(ref reader);
                else if (reader.ValueTextEquals("uid"u8)) uid = ReadString(ref reader);
                else if (reader.ValueTextEquals("controller"u8)) { reader.Read(); controller = reader.TokenType == JsonTokenType.True; }
                else { reader.Read(); reader.Skip(); }
            }
            owners.Add(new OwnerReference(apiVersion, kind, name, uid, controller));
        }
        return owners;
    }
}
