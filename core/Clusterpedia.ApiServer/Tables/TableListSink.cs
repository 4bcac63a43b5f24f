using System.Text.Json;
using Clusterpedia.ApiServer.Http;
using Clusterpedia.ApiServer.Serialization;
using Clusterpedia.Storage;
using Microsoft.AspNetCore.Http;

namespace Clusterpedia.ApiServer.Tables;

/// <summary>A list answered as a Table: one row per object, streamed; continue and remainingItemCount in its metadata.</summary>
internal sealed class TableListSink(
    HttpContext context, OutputFormat format, TablePrinter printer, IncludeObject include, DateTimeOffset now, string metaVersion)
    : StreamingListSink(context, format)
{
    protected override string ItemsProperty => "rows";

    protected override void WritePrologue(Utf8JsonWriter w) => TableWriter.WriteHeader(w, printer, metaVersion);

    protected override void WriteItem(Utf8JsonWriter w, in ListItem item) =>
        TableWriter.WriteRow(w, printer, item.Json.Span, include, now, metaVersion);

    protected override void WriteEpilogue(Utf8JsonWriter w, in ListResult result) => WriteListMeta(w, result);
}
