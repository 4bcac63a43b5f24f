using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Clusterpedia.ClusterSimulator;

// Watches: one JSON event per line on a chunked 200, objects with kind and apiVersion, bookmarks only when asked for,
// the streaming-list form (sendInitialEvents), and a compacted resourceVersion refused in either of kube's two ways.
internal sealed partial class SimulatorApi
{
    private const string InitialEventsEnd = "k8s.io/initial-events-end";

    private async Task WatchAsync(HttpContext ctx, SimulatedResource resource, string? ns, ObjectSelector selector)
    {
        var query = ctx.Request.Query;
        var rv = query["resourceVersion"].ToString();
        long? from = long.TryParse(rv, CultureInfo.InvariantCulture, out var parsed) ? parsed
            : rv.Length == 0 ? null : throw new SimulatedApiException(400, "BadRequest", $"invalid resource version \"{rv}\"");
        var bookmarks = query["allowWatchBookmarks"] is [var b] && b is "true" or "1";
        bool? sendInitialEvents = query["sendInitialEvents"] is [var s] ? s is "true" or "1" : null;
        ValidateWatch(query["resourceVersionMatch"].ToString(), sendInitialEvents);
        // sendInitialEvents=false with an unset version starts at the most recent one, without the synthetic ADDED events.
        if (sendInitialEvents == false && from is null or 0) from = cluster.Store.ResourceVersion;
        var timeout = int.TryParse(query["timeoutSeconds"], CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.FromMinutes(30);
        SimulatedWatch watch;
        try
        {
            watch = cluster.Store.Watch(resource, ns, from, selector, sendInitialEvents == true);
        }
        catch (ExpiredException e)
        {
            if (cluster.Options.ExpiredWatch == ExpiredWatchAnswer.Gone) throw new SimulatedApiException(410, "Expired", e.Message);
            // The watch cache answers 200 and then a single ERROR event carrying the 410 Status.
            ctx.Response.StatusCode = 200;
            ctx.Response.ContentType = "application/json";
            await WriteEventAsync(ctx, w =>
            {
                w.WriteStartObject(); w.WriteString("type", "ERROR"); w.WritePropertyName("object");
                KubeStatus.Write(w, 410, "Expired", e.Message); w.WriteEndObject();
            }).ConfigureAwait(false);
            return;
        }

        using var registration = watch;
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted);
        lifetime.CancelAfter(timeout);
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "application/json";
        await ctx.Response.StartAsync(lifetime.Token).ConfigureAwait(false);
        await ctx.Response.Body.FlushAsync(lifetime.Token).ConfigureAwait(false);
        // The initial state ends with a bookmark saying so, when the client asked for both.
        var untilInitialEnd = sendInitialEvents == true && bookmarks ? watch.InitialEvents : -1;
        var reader = watch.Channel.Reader;
        try
        {
            if (untilInitialEnd == 0) await WriteBookmarkAsync(ctx, resource, watch.StartResourceVersion, initialEventsEnd: true, lifetime.Token).ConfigureAwait(false);
            while (!lifetime.IsCancellationRequested)
            {
                using var tick = CancellationTokenSource.CreateLinkedTokenSource(lifetime.Token);
                tick.CancelAfter(cluster.Options.BookmarkInterval);
                bool more;
                try
                {
                    more = await reader.WaitToReadAsync(tick.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!lifetime.IsCancellationRequested)
                {
                    var current = cluster.Store.ResourceVersion;
                    if (bookmarks && !reader.TryPeek(out _)) await WriteBookmarkAsync(ctx, resource, current, initialEventsEnd: false, lifetime.Token).ConfigureAwait(false);
                    continue;
                }
                if (!more)
                {
                    // Dropped by a restart, or the cluster went unreachable: end the stream the way each would.
                    if (cluster.Unreachable) ctx.Abort();
                    return;
                }
                while (reader.TryRead(out var e))
                {
                    await WriteEventAsync(ctx, w =>
                    {
                        w.WriteStartObject(); w.WriteString("type", e.Type); w.WritePropertyName("object");
                        w.WriteRawValue(e.Json, skipInputValidation: true); w.WriteEndObject();
                    }, flush: false, lifetime.Token).ConfigureAwait(false);
                    if (--untilInitialEnd == 0)
                        await WriteBookmarkAsync(ctx, resource, watch.StartResourceVersion, initialEventsEnd: true, lifetime.Token).ConfigureAwait(false);
                }
                await ctx.Response.Body.FlushAsync(lifetime.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static void ValidateWatch(string match, bool? sendInitialEvents)
    {
        if (sendInitialEvents != null && match != NotOlderThan)
            throw InvalidListOptions("resourceVersionMatch", "FieldValueForbidden", $"Forbidden: sendInitialEvents requires setting resourceVersionMatch to {NotOlderThan}");
        if (match.Length > 0 && sendInitialEvents is null)
            throw InvalidListOptions("resourceVersionMatch", "FieldValueForbidden", "Forbidden: resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided");
        if (match.Length > 0 && match != NotOlderThan)
            throw InvalidListOptions("resourceVersionMatch", "FieldValueNotSupported", $"Unsupported value: \"{match}\": supported values: \"{NotOlderThan}\"");
    }

    /// <summary>A bookmark: kind, apiVersion and metadata.resourceVersion only, plus the initial-events-end annotation when it closes the initial state.</summary>
    private static Task WriteBookmarkAsync(HttpContext ctx, SimulatedResource resource, long rv, bool initialEventsEnd, CancellationToken ct) =>
        WriteEventAsync(ctx, w =>
        {
            w.WriteStartObject(); w.WriteString("type", "BOOKMARK");
            w.WriteStartObject("object");
            TypeMeta.Write(w, resource);
            w.WriteStartObject("metadata");
            w.WriteString("resourceVersion", rv.ToString(CultureInfo.InvariantCulture));
            if (initialEventsEnd) { w.WriteStartObject("annotations"); w.WriteString(InitialEventsEnd, "true"); w.WriteEndObject(); }
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        }, flush: true, ct);
}
