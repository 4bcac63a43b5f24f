using System.Text.Json;

namespace Clusterpedia.Kube.Api;

/// <summary>One listed object: its key and resourceVersion, and its raw JSON (a slice of the page buffer).</summary>
public readonly record struct ListedObject(ObjectKey Key, ReadOnlyMemory<byte> Json);

/// <summary>
/// One page of a list. The item bytes point into the page's buffer and stay valid only until the next page is
/// requested; copy what must outlive it.
/// </summary>
public sealed class ListPage
{
    public required string ResourceVersion { get; init; }
    public string? Continue { get; init; }
    public required IReadOnlyList<ListedObject> Items { get; init; }

    /// <summary>Reads <c>metadata.resourceVersion</c>, <c>metadata.continue</c> and each item's key and raw bytes.</summary>
    public static ListPage Parse(ReadOnlyMemory<byte> body)
    {
        var span = body.Span;
        var reader = new Utf8JsonReader(span);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw new JsonException("list is not a JSON object");
        string rv = "", cont = "";
        var items = new List<ListedObject>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("metadata"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject) { reader.Skip(); continue; }
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("resourceVersion"u8)) { reader.Read(); rv = reader.GetString() ?? ""; }
                    else if (reader.ValueTextEquals("continue"u8)) { reader.Read(); cont = reader.GetString() ?? ""; }
                    else { reader.Read(); reader.Skip(); }
                }
            }
            else if (reader.ValueTextEquals("items"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Null) continue;
                if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("list items is not an array");
                // Every element is kept, objects or not: the synchro reports the ones it cannot store.
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    var end = (int)reader.BytesConsumed;
                    var json = body[start..end];
                    items.Add(new ListedObject(ObjectKey.Read(json.Span), json));
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        return new ListPage { ResourceVersion = rv, Continue = cont.Length == 0 ? null : cont, Items = items };
    }
}
