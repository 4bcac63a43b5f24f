using System.Text.Json;
using Clusterpedia.ApiServer.Http;
using Clusterpedia.ApiServer.Serialization;
using Clusterpedia.ApiServer.Tables;
using Clusterpedia.Objects;
using Clusterpedia.Storage;
using Microsoft.AspNetCore.Http;

namespace Clusterpedia.ApiServer.CollectionResources;

/// <summary>
/// A <c>CollectionResource</c> with its items streamed; <c>resourceTypes</c> (the distinct types on this page) is
/// only known at the end and follows the items. As a Table, one row per item with its cluster, type and name.
/// </summary>
internal sealed class CollectionResourceSink(HttpContext context, OutputFormat format, string name, bool table, DateTimeOffset now, string metaVersion)
    : StreamingListSink(context, format)
{
    internal static readonly TableColumn[] ItemColumns =
    [
        TableColumn.Cluster,
        TableColumn.Text("Group"),
        TableColumn.Text("Version"),
        TableColumn.Text("Kind"),
        TableColumn.Text("Namespace"),
        TableColumn.ObjectName,
        TableColumn.Age,
    ];

    private readonly List<(GroupVersionResource Resource, string? Kind)> _types = [];

    protected override string ItemsProperty => table ? "rows" : "items";

    protected override void WritePrologue(Utf8JsonWriter w)
    {
        if (table)
        {
            w.WriteString("kind", "Table");
            w.WriteString("apiVersion", "meta.k8s.io/" + metaVersion);
            w.WriteStartArray("columnDefinitions");
            foreach (var c in ItemColumns) TableWriter.WriteColumn(w, c);
            w.WriteEndArray();
            return;
        }
        w.WriteString("kind", "CollectionResource");
        w.WriteString("apiVersion", "clusterpedia.io/v1beta1");
        w.WriteStartObject("metadata");
        w.WriteString("name", name);
        w.WriteNull("creationTimestamp");
        w.WriteEndObject();
    }

    protected override void WriteItem(Utf8JsonWriter w, in ListItem item)
    {
        if (!_types.Contains((item.Resource, item.Kind))) _types.Add((item.Resource, item.Kind));
        if (!table)
        {
            CompactJson.WriteValue(w, item.Json.Span);
            return;
        }
        var metadata = ObjectMetadata.Read(item.Json.Span);
        w.WriteStartObject();
        w.WriteStartArray("cells");
        w.WriteStringValue(metadata.Cluster ?? "");
        w.WriteStringValue(item.Resource.Group);
        w.WriteStringValue(item.Resource.Version);
        w.WriteStringValue(item.Kind ?? metadata.Kind);
        w.WriteStringValue(metadata.Namespace);
        w.WriteStringValue(metadata.Name);
        w.WriteStringValue(HumanDuration.Since(metadata.CreationTimestamp, now));
        w.WriteEndArray();
        w.WritePropertyName("object");
        JsonSlices.WritePartialObjectMetadata(w, item.Json.Span, metaVersion);
        w.WriteEndObject();
    }

    protected override void WriteEpilogue(Utf8JsonWriter w, in ListResult result)
    {
        if (table)
        {
            WriteListMeta(w, result);
            return;
        }
        w.WriteStartArray("resourceTypes");
        foreach (var (resource, kind) in _types)
        {
            w.WriteStartObject();
            w.WriteString("group", resource.Group);
            w.WriteString("version", resource.Version);
            if (!string.IsNullOrEmpty(kind)) w.WriteString("kind", kind);
            w.WriteString("resource", resource.Resource);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (!string.IsNullOrEmpty(result.Continue)) w.WriteString("continue", result.Continue);
        if (result.RemainingItemCount is { } remaining) w.WriteNumber("remainingItemCount", Math.Max(0, remaining));
    }
}
