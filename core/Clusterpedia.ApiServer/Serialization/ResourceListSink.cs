using System.Text.Json;
using Clusterpedia.ApiServer.Http;
using Clusterpedia.Storage;
using Microsoft.AspNetCore.Http;

namespace Clusterpedia.ApiServer.Serialization;

/// <summary>A <c>&lt;Kind&gt;List</c> of stored objects, or a PartialObjectMetadataList of their metadata.</summary>
internal sealed class ResourceListSink : StreamingListSink
{
    private readonly string _kind;
    private readonly string _apiVersion;
    private readonly bool _partial;
    private readonly string _metaVersion;

    private ResourceListSink(HttpContext context, OutputFormat format, string kind, string apiVersion, bool partial, string metaVersion)
        : base(context, format)
    {
        _kind = kind;
        _apiVersion = apiVersion;
        _partial = partial;
        _metaVersion = metaVersion;
    }

    public static ResourceListSink Objects(HttpContext context, OutputFormat format, string kind, string apiVersion) =>
        new(context, format, kind + "List", apiVersion, partial: false, "v1");

    public static ResourceListSink PartialMetadata(HttpContext context, OutputFormat format, string metaVersion) =>
        new(context, format, "PartialObjectMetadataList", "meta.k8s.io/" + metaVersion, partial: true, metaVersion);

    protected override void WritePrologue(Utf8JsonWriter w)
    {
        w.WriteString("kind", _kind);
        w.WriteString("apiVersion", _apiVersion);
    }

    protected override void WriteItem(Utf8JsonWriter w, in ListItem item)
    {
        if (_partial) JsonSlices.WritePartialObjectMetadata(w, item.Json.Span, _metaVersion);
        else CompactJson.WriteValue(w, item.Json.Span);
    }

    protected override void WriteEpilogue(Utf8JsonWriter w, in ListResult result) => WriteListMeta(w, result);
}
