using System.Text.Json;

namespace Clusterpedia.Kube.Api;

/// <summary>The three metadata fields a synchro needs to decide whether an object changed.</summary>
public readonly record struct ObjectKey(string Namespace, string Name, string ResourceVersion)
{
    /// <summary><c>namespace/name</c>, or <c>name</c> for cluster-scoped objects.</summary>
    public string Key => Namespace.Length == 0 ? Name : $"{Namespace}/{Name}";

    /// <summary>Reads <c>metadata.namespace</c>, <c>metadata.name</c> and <c>metadata.resourceVersion</c>, skipping the rest.</summary>
    public static ObjectKey Read(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw new JsonException("object is not a JSON object");
        string ns = "", name = "", rv = "";
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!reader.ValueTextEquals("metadata"u8))
            {
                reader.Read();
                reader.Skip();
                continue;
            }
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject) { reader.Skip(); continue; }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("namespace"u8)) { reader.Read(); ns = reader.GetString() ?? ""; }
                else if (reader.ValueTextEquals("name"u8)) { reader.Read(); name = reader.GetString() ?? ""; }
                else if (reader.ValueTextEquals("resourceVersion"u8)) { reader.Read(); rv = reader.GetString() ?? ""; }
                else { reader.Read(); reader.Skip(); }
            }
            break;
        }
        return new ObjectKey(ns, name, rv);
    }
}
