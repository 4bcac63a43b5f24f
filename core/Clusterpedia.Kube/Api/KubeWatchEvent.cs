using System.Text.Json;

namespace Clusterpedia.Kube.Api;

public enum KubeWatchEventType
{
    Added,
    Modified,
    Deleted,
    Bookmark,
}

/// <summary>One watch event with the object's key, resourceVersion and raw JSON (its own buffer).</summary>
public readonly record struct KubeWatchEvent(KubeWatchEventType Type, ObjectKey Key, ReadOnlyMemory<byte> Json)
{
    /// <summary>Parses one line of a watch stream.</summary>
    /// <exception cref="KubeApiException">For an ERROR event, carrying its Status (410 means relist).</exception>
    public static KubeWatchEvent Parse(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw new JsonException("watch event is not a JSON object");
        string? type = null;
        ReadOnlySpan<byte> obj = default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8)) { reader.Read(); type = reader.GetString(); }
            else if (reader.ValueTextEquals("object"u8))
            {
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                obj = line[start..(int)reader.BytesConsumed];
            }
            else { reader.Read(); reader.Skip(); }
        }
        if (type == "ERROR") throw StatusReader.ToException(obj, 500);
        var kind = type switch
        {
            "ADDED" => KubeWatchEventType.Added,
            "MODIFIED" => KubeWatchEventType.Modified,
            "DELETED" => KubeWatchEventType.Deleted,
            "BOOKMARK" => KubeWatchEventType.Bookmark,
            _ => throw new JsonException($"unknown watch event type '{type}'"),
        };
        if (obj.IsEmpty) throw new JsonException("watch event has no object");
        return new KubeWatchEvent(kind, ObjectKey.Read(obj), obj.ToArray());
    }
}
