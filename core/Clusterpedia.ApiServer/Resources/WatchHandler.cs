using System.Buffers;
using System.Text.Json;
using Clusterpedia.ApiServer.Http;
using Clusterpedia.ApiServer.Serialization;
using Clusterpedia.ApiServer.Tables;
using Clusterpedia.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Clusterpedia.ApiServer.Resources;

/// <summary>
/// <c>?watch=true</c>: one JSON watch event per line, flushed as it happens. A resourceVersion that is too old
/// becomes an ERROR event carrying a 410 Status, after which the stream ends (client-go then relists).
/// </summary>
internal sealed class WatchHandler(IStorageFactory storage, TimeProvider time, ClusterpediaApiOptions apiOptions, ILogger logger)
{
    public async Task HandleAsync(ResourceRequest request)
    {
        if (!storage.SupportedVerbs.HasFlag(StorageVerbs.Watch))
            throw ApiException.MethodNotSupported(request.GroupResource, "watch");

        var context = request.Context;
        var options = ListOptionsReader.Read(context.Request, request.Cluster, request.Path.Namespace,
            onlyMetadata: request.Negotiated.Shape == OutputShape.PartialObjectMetadata, remainingCountByDefault: false);
        if (request.Path.Name is { } name) options = options with { Names = [name] };
        var timeout = options.Timeout ?? apiOptions.DefaultWatchTimeout ?? TimeSpan.FromMinutes(30 + 30 * Random.Shared.NextDouble());

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(request.Aborted);
        deadline.CancelAfter(timeout);
        var token = deadline.Token;

        var include = TableWriter.ParseIncludeObject(context.Request.Query["includeObject"]);
        var printer = TablePrinters.For(request.GroupResource);
        var resourceStorage = storage.GetResourceStorage(request.Resource.StorageConfig);
        IAsyncEnumerator<WatchEvent>? events = null;
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        await response.StartAsync(token).ConfigureAwait(false);
        await response.BodyWriter.FlushAsync(token).ConfigureAwait(false);

        var buffer = new ArrayBufferWriter<byte>(4096);
        var withColumns = true;
        try
        {
            while (true)
            {
                WatchEvent evt;
                try
                {
                    // Created inside the try so that a storage refusing the resourceVersion up front still yields an ERROR event.
                    events ??= resourceStorage.WatchAsync(options, token).GetAsyncEnumerator(token);
                    if (!await events.MoveNextAsync().ConfigureAwait(false)) break;
                    evt = events.Current;
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    break;
                }
                catch (StorageException e)
                {
                    // Expired (410) and every other storage failure end the watch with an ERROR event, as Kubernetes does.
                    var status = ErrorMapping.ToApiException(e, request.GroupResource);
                    if (status.Code >= 500)
                        logger.LogWarning(e, "watch of {Resource} failed, correlation id {CorrelationId}", request.Resource.Resource, ErrorMapping.CorrelationIdOf(status));
                    evt = new WatchEvent(WatchEventType.Error, StatusWriter.ToJson(status));
                }

                buffer.ResetWrittenCount();
                WriteEvent(buffer, evt, request, include, printer, ref withColumns);
                await response.BodyWriter.WriteAsync(buffer.WrittenMemory, request.Aborted).ConfigureAwait(false);
                if (evt.Type == WatchEventType.Error) break;
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The timeout or the client ended the watch.
        }
        finally
        {
            if (events is not null) await events.DisposeAsync().ConfigureAwait(false);
        }
    }

    // Like kube-apiserver, only the first Table event carries the column definitions.
    private void WriteEvent(ArrayBufferWriter<byte> buffer, in WatchEvent evt, ResourceRequest request, IncludeObject include,
        TablePrinter printer, ref bool withColumns)
    {
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("type", WatchEvent.TypeName(evt.Type));
            w.WritePropertyName("object");
            var isObject = evt.Type is WatchEventType.Added or WatchEventType.Modified or WatchEventType.Deleted;
            var negotiated = request.Negotiated;
            if (isObject && negotiated.Shape == OutputShape.Table)
            {
                w.WriteStartObject();
                TableWriter.WriteHeader(w, printer, negotiated.MetaVersion, withColumns);
                withColumns = false;
                w.WriteStartArray("rows");
                TableWriter.WriteRow(w, printer, evt.Object.Span, include, time.GetUtcNow(), negotiated.MetaVersion);
                w.WriteEndArray();
                w.WriteStartObject("metadata");
                w.WriteEndObject();
                w.WriteEndObject();
            }
            else if (isObject && negotiated.Shape == OutputShape.PartialObjectMetadata)
                JsonSlices.WritePartialObjectMetadata(w, evt.Object.Span, negotiated.MetaVersion);
            else
                CompactJson.WriteValue(w, evt.Object.Span);
            w.WriteEndObject();
        }
        buffer.Write("\n"u8);
    }
}
