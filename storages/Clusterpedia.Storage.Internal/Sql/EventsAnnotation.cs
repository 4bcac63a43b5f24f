using System.Text.Json;
using System.Text.Json.Nodes;
using Clusterpedia.Objects;

namespace Clusterpedia.Storage.Internal.Sql;

/// <summary>
/// <c>search.clusterpedia.io/inject-events</c>: the recorded Events (the <c>events</c> column, eventUid -> Event) become
/// the <c>shadow.clusterpedia.io/events</c> annotation, a JSON array as text, as upstream does.
/// </summary>
internal static class EventsAnnotation
{
    public static ReadOnlyMemory<byte> Inject(ReadOnlyMemory<byte> obj, ReadOnlyMemory<byte> events)
    {
        if (JsonNode.Parse(events.Span) is not JsonObject map || map.Count == 0) return obj;
        if (JsonNode.Parse(obj.Span) is not JsonObject root) return obj;
        var array = new JsonArray();
        foreach (var (_, value) in map) array.Add(value?.DeepClone());
        if (root["metadata"] is not JsonObject metadata) root["metadata"] = metadata = new JsonObject();
        if (metadata["annotations"] is not JsonObject annotations) metadata["annotations"] = annotations = new JsonObject();
        annotations[WellKnown.EventsAnnotation] = array.ToJsonString();
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream)) root.WriteTo(writer);
        return stream.ToArray();
    }

}
