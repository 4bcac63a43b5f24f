using System.Text.Json;
using Clusterpedia.ApiServer.Serialization;
using Clusterpedia.Objects;

namespace Clusterpedia.ApiServer.Tables;

/// <summary>Writes meta.k8s.io Table pieces: column definitions (Cluster first) and rows.</summary>
internal static class TableWriter
{
    public static void WriteHeader(Utf8JsonWriter w, TablePrinter printer, string metaVersion, bool withColumns = true)
    {
        w.WriteString("kind", "Table");
        w.WriteString("apiVersion", "meta.k8s.io/" + metaVersion);
        if (!withColumns) return;
        w.WriteStartArray("columnDefinitions");
        WriteColumn(w, TableColumn.Cluster);
        foreach (var c in printer.Columns) WriteColumn(w, c);
        w.WriteEndArray();
    }

    public static void WriteColumn(Utf8JsonWriter w, TableColumn c)
    {
        w.WriteStartObject();
        w.WriteString("name", c.Name);
        w.WriteString("type", c.Type);
        w.WriteString("format", c.Format);
        w.WriteString("description", c.Description);
        w.WriteNumber("priority", c.Priority);
        w.WriteEndObject();
    }

    public static void WriteRow(Utf8JsonWriter w, TablePrinter printer, ReadOnlySpan<byte> json, IncludeObject include, DateTimeOffset now, string metaVersion)
    {
        var reader = new Utf8JsonReader(json);
        using var doc = JsonDocument.ParseValue(ref reader);
        var root = doc.RootElement;
        w.WriteStartObject();
        w.WriteStartArray("cells");
        w.WriteStringValue(root.Str("metadata", "annotations", WellKnown.ClusterNameAnnotation));
        printer.WriteCells(w, root, now);
        w.WriteEndArray();
        switch (include)
        {
            case IncludeObject.Metadata:
                w.WritePropertyName("object");
                JsonSlices.WritePartialObjectMetadata(w, json, metaVersion);
                break;
            case IncludeObject.Object:
                w.WritePropertyName("object");
                CompactJson.WriteValue(w, json);
                break;
        }
        w.WriteEndObject();
    }

    /// <summary>Reads <c>includeObject</c>; kubectl leaves it out and gets metadata.</summary>
    public static IncludeObject ParseIncludeObject(string? value) => value switch
    {
        null or "" or "Metadata" => IncludeObject.Metadata,
        "None" => IncludeObject.None,
        "Object" => IncludeObject.Object,
        _ => throw Http.ApiException.BadRequest($"invalid includeObject: '{value}' is not one of None, Metadata, Object"),
    };
}
