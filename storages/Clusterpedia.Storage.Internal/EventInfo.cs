using System.Text.Json;
using Clusterpedia.Objects;

namespace Clusterpedia.Storage.Internal;

/// <summary>What RecordEvent needs from a core/v1 Event: its own key and version, and the involved object's uid.</summary>
internal readonly record struct EventInfo(string Uid, string Namespace, string Name, string ResourceVersion, string InvolvedUid)
{
    public static EventInfo Read(ResourceObject @event)
    {
        ObjectMetadata m;
        try
        {
            m = @event.Metadata;
        }
        catch (InvalidObjectException e)
        {
            throw StorageException.Invalid($"Storage<internal>: {e.Message}");
        }
        return new EventInfo(m.Uid, m.Namespace, m.Name, m.ResourceVersion, ReadInvolvedUid(@event.Json.Span));
    }

    private static string ReadInvolvedUid(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!reader.ValueTextEquals("involvedObject"u8))
            {
                reader.Read();
                reader.Skip();
                continue;
            }
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject) return "";
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isUid = reader.ValueTextEquals("uid"u8);
                reader.Read();
                if (isUid) return reader.TokenType == JsonTokenType.String ? reader.GetString()! : "";
                reader.Skip();
            }
            return "";
        }
        return "";
    }
}
