using System.Buffers;
using System.Globalization;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Clusterpedia.Synchro.Local;

/// <summary>
/// Converts YAML documents to JSON with YamlDotNet's node model (no reflection), so manifests can then be read with
/// the source-generated JSON context. Plain scalars become booleans, numbers or null as YAML 1.2's core schema says;
/// quoted scalars stay strings.
/// </summary>
public static class YamlToJson
{
    /// <summary>Each non-empty document of the text as UTF-8 JSON.</summary>
    /// <exception cref="YamlException">When the text is not valid YAML.</exception>
    public static IReadOnlyList<byte[]> Convert(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var result = new List<byte[]>();
        foreach (var doc in stream.Documents)
        {
            if (doc.RootNode is YamlScalarNode { Value: null or "" }) continue;
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer)) Write(writer, doc.RootNode);
            result.Add(buffer.WrittenSpan.ToArray());
        }
        return result;
    }

    private static void Write(Utf8JsonWriter writer, YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode map:
                writer.WriteStartObject();
                foreach (var (key, value) in map.Children)
                {
                    writer.WritePropertyName(((YamlScalarNode)key).Value ?? "");
                    Write(writer, value);
                }
                writer.WriteEndObject();
                break;
            case YamlSequenceNode seq:
                writer.WriteStartArray();
                foreach (var item in seq.Children) Write(writer, item);
                writer.WriteEndArray();
                break;
            case YamlScalarNode scalar:
                WriteScalar(writer, scalar);
                break;
            default:
                throw new YamlException(node.Start, node.End, $"unsupported YAML node {node.NodeType}");
        }
    }

    private static void WriteScalar(Utf8JsonWriter writer, YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style is ScalarStyle.Plain)
        {
            switch (value)
            {
                case "" or "~" or "null" or "Null" or "NULL": writer.WriteNullValue(); return;
                case "true" or "True" or "TRUE": writer.WriteBooleanValue(true); return;
                case "false" or "False" or "FALSE": writer.WriteBooleanValue(false); return;
            }
            if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) { writer.WriteNumberValue(l); return; }
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && char.IsAsciiDigit(value[^1])) { writer.WriteNumberValue(d); return; }
        }
        writer.WriteStringValue(value);
    }
}
