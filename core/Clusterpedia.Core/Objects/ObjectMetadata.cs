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
            // Fields are gathered in locals and the record built once: this runs for every synced object.
            var fields = new Fields();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("apiVersion"u8)) fields.ApiVersion = ReadString(ref reader);
                else if (reader.ValueTextEquals("kind"u8)) fields.Kind = ReadString(ref reader);
                else if (reader.ValueTextEquals("metadata"u8)) ReadMetadata(ref reader, ref fields);
                else { reader.Read(); reader.Skip(); }
            }
            return new ObjectMetadata
            {
                ApiVersion = fields.ApiVersion, Kind = fields.Kind, Name = fields.Name, Namespace = fields.Namespace,
                Uid = fields.Uid, ResourceVersion = fields.ResourceVersion,
                CreationTimestamp = fields.CreationTimestamp, DeletionTimestamp = fields.DeletionTimestamp,
                Labels = fields.Labels, Annotations = fields.Annotations, OwnerReferences = fields.OwnerReferences,
            };
        }
        catch (JsonException e)
        {
            throw new InvalidObjectException($"object is not valid JSON: {e.Message}");
        }
    }

    private struct Fields()
    {
        public string ApiVersion = "", Kind = "", Name = "", Namespace = "", Uid = "", ResourceVersion = "";
        public DateTimeOffset? CreationTimestamp, DeletionTimestamp;
        public IReadOnlyDictionary<string, string> Labels = Empty, Annotations = Empty;
        public IReadOnlyList<OwnerReference> OwnerReferences = [];
    }

    private static void ReadMetadata(ref Utf8JsonReader reader, ref Fields fields)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null) return;
        if (reader.TokenType != JsonTokenType.StartObject) throw new InvalidObjectException("metadata is not an object");
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("name"u8)) fields.Name = ReadString(ref reader);
            else if (reader.ValueTextEquals("namespace"u8)) fields.Namespace = ReadString(ref reader);
            else if (reader.ValueTextEquals("uid"u8)) fields.Uid = ReadString(ref reader);
            else if (reader.ValueTextEquals("resourceVersion"u8)) fields.ResourceVersion = ReadString(ref reader);
            else if (reader.ValueTextEquals("creationTimestamp"u8)) fields.CreationTimestamp = ReadTime(ref reader);
            else if (reader.ValueTextEquals("deletionTimestamp"u8)) fields.DeletionTimestamp = ReadTime(ref reader);
            else if (reader.ValueTextEquals("labels"u8)) fields.Labels = ReadStringMap(ref reader);
            else if (reader.ValueTextEquals("annotations"u8)) fields.Annotations = ReadStringMap(ref reader);
            else if (reader.ValueTextEquals("ownerReferences"u8)) fields.OwnerReferences = ReadOwners(ref reader);
            else { reader.Read(); reader.Skip(); }
        }
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
