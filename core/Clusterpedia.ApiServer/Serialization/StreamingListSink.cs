using System.Buffers;
using System.Text.Json;
using Clusterpedia.ApiServer.Http;
using Clusterpedia.Storage;
using Microsoft.AspNetCore.Http;

namespace Clusterpedia.ApiServer.Serialization;

/// <summary>
/// Writes a list response while the storage reads it: the envelope is opened on the first item, every item's
/// stored bytes are copied into the response body (compact, and gzip-compressed past 128 KiB when accepted: see
/// <see cref="ResponseBody"/>), and the list metadata (known only at the end) follows the items. YAML cannot be
/// streamed like this, so it is buffered and converted at the end.
/// </summary>
internal abstract class StreamingListSink : IListSink, IDisposable
{
    // Push bytes to the client every so often instead of after every item.
    private const long FlushThreshold = 32 * 1024;

    private readonly HttpContext _context;
    private readonly OutputFormat _format;
    private ArrayBufferWriter<byte>? _yaml;
    private ResponseBody? _body;
    private Utf8JsonWriter? _writer;
    private long _flushedAt;

    protected StreamingListSink(HttpContext context, OutputFormat format)
    {
        _context = context;
        _format = format;
    }

    /// <summary>Writes the properties before the items array (kind, apiVersion, ...), inside the open object.</summary>
    protected abstract void WritePrologue(Utf8JsonWriter w);

    /// <summary>The name of the items array: <c>items</c>, or <c>rows</c> for a Table.</summary>
    protected virtual string ItemsProperty => "items";

    protected abstract void WriteItem(Utf8JsonWriter w, in ListItem item);

    /// <summary>Writes the properties after the items array (metadata, continue, ...), inside the open object.</summary>
    protected abstract void WriteEpilogue(Utf8JsonWriter w, in ListResult result);

    public async ValueTask WriteItemAsync(ListItem item, CancellationToken cancellationToken)
    {
        var w = Start();
        WriteItem(w, item);
        w.Flush();
        if (_yaml is null && w.BytesCommitted - _flushedAt >= FlushThreshold)
        {
            _flushedAt = w.BytesCommitted;
            await _body!.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask CompleteAsync(ListResult result, CancellationToken cancellationToken)
    {
        var w = Start();
        w.WriteEndArray();
        WriteEpilogue(w, result);
        w.WriteEndObject();
        w.Flush();
        await w.DisposeAsync().ConfigureAwait(false);
        if (_yaml is not null)
        {
            var yaml = new ArrayBufferWriter<byte>(_yaml.WrittenCount + _yaml.WrittenCount / 2);
            YamlConverter.Convert(_yaml.WrittenSpan, yaml);
            await ResponseCompression.WriteAsync(_context, yaml.WrittenMemory).ConfigureAwait(false);
            return;
        }
        await _body!.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Releases the compressor of a list that failed before it completed.</summary>
    public void Dispose() => _body?.Dispose();

    private Utf8JsonWriter Start()
    {
        if (_writer is not null) return _writer;
        var response = _context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = _format == OutputFormat.Yaml ? "application/yaml" : "application/json";
        IBufferWriter<byte> target = _format == OutputFormat.Yaml ? _yaml = new ArrayBufferWriter<byte>(16 * 1024) : _body = new ResponseBody(_context);
        _writer = new Utf8JsonWriter(target);
        _writer.WriteStartObject();
        WritePrologue(_writer);
        _writer.WriteStartArray(ItemsProperty);
        return _writer;
    }

    /// <summary>Writes the list metadata of Kubernetes lists: resourceVersion, continue, remainingItemCount.</summary>
    protected static void WriteListMeta(Utf8JsonWriter w, in ListResult result)
    {
        w.WriteStartObject("metadata");
        if (!string.IsNullOrEmpty(result.ResourceVersion)) w.WriteString("resourceVersion", result.ResourceVersion);
        if (!string.IsNullOrEmpty(result.Continue)) w.WriteString("continue", result.Continue);
        if (result.RemainingItemCount is { } remaining) w.WriteNumber("remainingItemCount", Math.Max(0, remaining));
        w.WriteEndObject();
    }
}
