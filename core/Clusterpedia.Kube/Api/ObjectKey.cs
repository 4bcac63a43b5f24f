using System.Text.Json;

namespace Clusterpedia.Kube.Api;

/// <summary>The three metadata fields a synchro needs to decide whether an object changed.</summary>
public readonly record struct ObjectKey(string Namespace, string Name, string ResourceVersion)
{
    /// <summary><c>namespace/name</c>, or <c>name</c> for cluster-scoped objects.</summary>
    public string Key => Namespace.Length == 0 ? Name : $"{Namespace}/{Name}";

    /// <summary>
    /// Reads <c>metadata.namespace</c>, <c>metadata.name</c> and <c>metadata.resourceVersion</c>, skipping the rest.
    /// A value that is not a JSON object has an empty key: the synchro reports it as an invalid object.
    /// </summary>
    public static ObjectKey Read(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return new ObjectKey("", "", "");
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
                if (reader.ValueTextEquals("namespace"u8)) ns = ReadString(ref reader);
                else if (reader.ValueTextEquals("name"u8)) name = ReadString(ref reader);
                else if (reader.ValueTextEquals("resourceVersion"u8)) rv = ReadString(ref reader);
                else { reader.Read(); reader.Skip(); }
            }
            break;
        }
        return new ObjectKey(ns, name, rv);
    }

    /// <summary>The string value after the property name; a value of another type reads as empty.</summary>
    private static string ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String) return reader.GetString()!;
        reader.Skip();
        return "";
    }
}
