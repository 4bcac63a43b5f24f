using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Clusterpedia.ClusterSimulator;

/// <summary>The Kubernetes API surface of the simulated cluster: health, version, discovery, list, get and watch.</summary>
internal sealed class SimulatorApi(ClusterSimulator cluster)
{
    private static readonly byte[] Newline = "\n"u8.ToArray();

    public async Task HandleAsync(HttpContext ctx)
    {
        if (cluster.Unreachable)
        {
            ctx.Abort();
            return;
        }
        var byCertificate = cluster.Options.ClientCertificateThumbprint is { } thumbprint
            && string.Equals(ctx.Connection.ClientCertificate?.Thumbprint, thumbprint, StringComparison.OrdinalIgnoreCase);
        if (!byCertificate && cluster.Options.RequiredToken is { } token && ctx.Request.Headers.Authorization.ToString() != $"Bearer {token}")
        {
            await WriteStatusAsync(ctx, 401, "Unauthorized", "Unauthorized").ConfigureAwait(false);
            return;
        }
        var path = ctx.Request.Path.Value ?? "/";
        switch (path)
        {
            case "/readyz" or "/healthz" or "/livez":
                ctx.Response.StatusCode = cluster.Unhealthy ? 503 : 200;
                ctx.Response.ContentType = "text/plain";
                await ctx.Response.WriteAsync(cluster.Unhealthy ? "[-]etcd failed: reason withheld\nreadyz check failed" : "ok").ConfigureAwait(false);
                return;
            case "/version":
                await WriteJsonAsync(ctx, 200, DiscoveryWriter.WriteVersion).ConfigureAwait(false);
                return;
            case "/api":
                await WriteJsonAsync(ctx, 200, w => DiscoveryWriter.WriteApiVersions(w, $"127.0.0.1:{cluster.Port}")).ConfigureAwait(false);
                return;
            case "/apis":
                await WriteJsonAsync(ctx, 200, w => DiscoveryWriter.WriteGroupList(w, cluster.Served)).ConfigureAwait(false);
                return;
        }

        var segments = path.Trim('/').Split('/');
        string group, version;
        int rest;
        if (segments[0] == "api" && segments.Length >= 2) (group, version, rest) = ("", segments[1], 2);
        else if (segments[0] == "apis" && segments.Length == 2 && DiscoveryWriter.Groups(cluster.Served).Contains(segments[1]))
        {
            await WriteJsonAsync(ctx, 200, w => DiscoveryWriter.WriteGroup(w, segments[1], cluster.Served)).ConfigureAwait(false);
            return;
        }
        else if (segments[0] == "apis" && segments.Length >= 3) (group, version, rest) = (segments[1], segments[2], 3);
        else
        {
            await WriteStatusAsync(ctx, 404, "NotFound", "the server could not find the requested resource").ConfigureAwait(false);
            return;
        }
        if (!cluster.Served.Any(r => r.Group == group && r.Version == version))
        {
            await WriteStatusAsync(ctx, 404, "NotFound", "the server could not find the requested resource").ConfigureAwait(false);
            return;
        }
        if (segments.Length == rest)
        {
            await WriteJsonAsync(ctx, 200, w => DiscoveryWriter.WriteResourceList(w, group, version, cluster.Served)).ConfigureAwait(false);
            return;
        }

        string? ns = null;
        var tail = segments[rest..];
        if (tail.Length >= 3 && tail[0] == "namespaces") { ns = tail[1]; tail = tail[2..]; }
        var resource = cluster.Served.FirstOrDefault(r => r.Group == group && r.Version == version && r.Resource == tail[0]);
        var statusSubresource = tail.Length == 3 && tail[2] == "status";
        if (statusSubresource) tail = tail[..2];
        if (resource is null || tail.Length > 2 || (ns != null && !resource.Namespaced))
        {
            await WriteStatusAsync(ctx, 404, "NotFound", "the server could not find the requested resource").ConfigureAwait(false);
            return;
        }
        if (!HttpMethods.IsGet(ctx.Request.Method))
        {
            await WriteAsync(ctx, resource, ns ?? "", tail.Length == 2 ? tail[1] : null, statusSubresource).ConfigureAwait(false);
            return;
        }
        if (tail.Length == 2)
        {
            var key = ns is null ? tail[1] : $"{ns}/{tail[1]}";
            if (resource.Namespaced && ns is null || cluster.Store.Get(resource, key) is not { } stored)
            {
                await WriteStatusAsync(ctx, 404, "NotFound", $"{resource.Resource}{(resource.Group.Length > 0 ? "." + resource.Group : "")} \"{tail[1]}\" not found").ConfigureAwait(false);
                return;
            }
            ctx.Response.ContentType = "application/json";
            await ctx.Response.Body.WriteAsync(stored.Json).ConfigureAwait(false);
            return;
        }

        var query = ctx.Request.Query;
        string? involvedKind = null;
        if (query["fieldSelector"] is [{ Length: > 0 } selector])
        {
            // The simulator understands the one selector the synchro sends for events.
            if (resource != SimulatedResource.Events || !selector.StartsWith("involvedObject.kind=", StringComparison.Ordinal))
            {
                await WriteStatusAsync(ctx, 400, "BadRequest", $"field label not supported: {selector}").ConfigureAwait(false);
                return;
            }
            involvedKind = selector["involvedObject.kind=".Length..];
        }
        if (query["watch"] is [var watch] && watch is "true" or "1")
            await WatchAsync(ctx, resource, ns, involvedKind).ConfigureAwait(false);
        else
            await ListAsync(ctx, resource, ns, involvedKind).ConfigureAwait(false);
    }

    /// <summary>POST, PUT (object or status) and DELETE of raw objects; the simulator's own resources are read-only.</summary>
    private async Task WriteAsync(HttpContext ctx, SimulatedResource resource, string ns, string? name, bool status)
    {
        if (!SimulatedResource.Writable.Contains(resource))
        {
            await WriteStatusAsync(ctx, 405, "MethodNotAllowed", $"the simulator does not write {resource.Resource}").ConfigureAwait(false);
            return;
        }
        try
        {
            byte[] body;
            var method = ctx.Request.Method;
            if (HttpMethods.IsDelete(method) && name != null) body = cluster.Store.DeleteRaw(resource, ns, name);
            else
            {
                var node = await System.Text.Json.Nodes.JsonNode.ParseAsync(ctx.Request.Body).ConfigureAwait(false) as System.Text.Json.Nodes.JsonObject
                    ?? throw new SimulatedApiException(400, "BadRequest", "the body is not a JSON object");
                if (HttpMethods.IsPost(method) && name is null) body = cluster.Store.CreateRaw(resource, ns, node);
                else if (HttpMethods.IsPut(method) && name != null) body = cluster.Store.ReplaceRaw(resource, ns, name, node, status);
                else throw new SimulatedApiException(405, "MethodNotAllowed", $"{method} is not supported here");
            }
            ctx.Response.StatusCode = HttpMethods.IsPost(method) ? 201 : 200;
            ctx.Response.ContentType = "application/json";
            await ctx.Response.Body.WriteAsync(body).ConfigureAwait(false);
        }
        catch (SimulatedApiException e)
        {
            await WriteStatusAsync(ctx, e.Code, e.Reason, e.Message).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            await WriteStatusAsync(ctx, 400, "BadRequest", e.Message).ConfigureAwait(false);
        }
    }

    private async Task ListAsync(HttpContext ctx, SimulatedResource resource, string? ns, string? involvedKind)
    {
        var query = ctx.Request.Query;
        _ = int.TryParse(query["limit"], CultureInfo.InvariantCulture, out var limit);
        ListPage page;
        try
        {
            page = cluster.Store.List(resource, ns, limit, query["continue"], involvedKind);
        }
        catch (ExpiredException e)
        {
            await WriteStatusAsync(ctx, 410, "Expired", e.Message).ConfigureAwait(false);
            return;
        }
        catch (FormatException)
        {
            await WriteStatusAsync(ctx, 400, "BadRequest", "invalid continue token").ConfigureAwait(false);
            return;
        }
        await WriteJsonAsync(ctx, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("kind", resource.Kind + "List");
            w.WriteString("apiVersion", resource.ApiVersion);
            w.WriteStartObject("metadata");
            w.WriteString("resourceVersion", page.ResourceVersion.ToString(CultureInfo.InvariantCulture));
            if (page.Continue != null) w.WriteString("continue", page.Continue);
            w.WriteEndObject();
            w.WriteStartArray("items");
            var bare = cluster.Options.BareListItems && !resource.IsCustomResource;
            foreach (var item in page.Items)
            {
                if (bare) WriteWithoutTypeMeta(w, item);
                else w.WriteRawValue(item, skipInputValidation: true);
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    /// <summary>An object without its top-level apiVersion and kind, as a kube-apiserver writes list items of built-in types.</summary>
    private static void WriteWithoutTypeMeta(Utf8JsonWriter w, byte[] item)
    {
        var reader = new Utf8JsonReader(item);
        reader.Read();
        w.WriteStartObject();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var skip = reader.ValueTextEquals("apiVersion"u8) || reader.ValueTextEquals("kind"u8);
            var name = reader.GetString()!;
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            if (skip) continue;
            w.WritePropertyName(name);
            w.WriteRawValue(item.AsSpan(start, (int)reader.BytesConsumed - start), skipInputValidation: true);
        }
        w.WriteEndObject();
    }

    private async Task WatchAsync(HttpContext ctx, SimulatedResource resource, string? ns, string? involvedKind)
    {
        var query = ctx.Request.Query;
        long? from = long.TryParse(query["resourceVersion"], CultureInfo.InvariantCulture, out var rv) ? rv : null;
        var bookmarks = query["allowWatchBookmarks"] is [var b] && b is "true" or "1";
        var timeout = int.TryParse(query["timeoutSeconds"], CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.FromMinutes(30);
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "application/json";
        SimulatedWatch watch;
        try
        {
            watch = cluster.Store.Watch(resource, ns, from, involvedKind);
        }
        catch (ExpiredException e)
        {
            // Kubernetes answers 200 and then a single ERROR event carrying the 410 Status.
            await WriteEventAsync(ctx, w =>
            {
                w.WriteStartObject(); w.WriteString("type", "ERROR"); w.WritePropertyName("object");
                DiscoveryWriter.WriteStatus(w, 410, "Expired", e.Message); w.WriteEndObject();
            }).ConfigureAwait(false);
            return;
        }

        using var registration = watch;
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted);
        lifetime.CancelAfter(timeout);
        await ctx.Response.StartAsync(lifetime.Token).ConfigureAwait(false);
        await ctx.Response.Body.FlushAsync(lifetime.Token).ConfigureAwait(false);
        var reader = watch.Channel.Reader;
        try
        {
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
                    if (bookmarks && !reader.TryPeek(out _)) await WriteBookmarkAsync(ctx, resource, current, lifetime.Token).ConfigureAwait(false);
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
                }
                await ctx.Response.Body.FlushAsync(lifetime.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static Task WriteBookmarkAsync(HttpContext ctx, SimulatedResource resource, long rv, CancellationToken ct) =>
        WriteEventAsync(ctx, w =>
        {
            w.WriteStartObject(); w.WriteString("type", "BOOKMARK");
            w.WriteStartObject("object");
            w.WriteString("kind", resource.Kind); w.WriteString("apiVersion", resource.ApiVersion);
            w.WriteStartObject("metadata"); w.WriteString("resourceVersion", rv.ToString(CultureInfo.InvariantCulture)); w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        }, flush: true, ct);

    private static async Task WriteEventAsync(HttpContext ctx, Action<Utf8JsonWriter> write, bool flush = true, CancellationToken ct = default)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var w = new Utf8JsonWriter(buffer)) write(w);
        await ctx.Response.Body.WriteAsync(buffer.WrittenMemory, ct).ConfigureAwait(false);
        await ctx.Response.Body.WriteAsync(Newline, ct).ConfigureAwait(false);
        if (flush) await ctx.Response.Body.FlushAsync(ct).ConfigureAwait(false);
    }

    private static async Task WriteJsonAsync(HttpContext ctx, int status, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(16384);
        using (var w = new Utf8JsonWriter(buffer)) write(w);
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        ctx.Response.ContentLength = buffer.WrittenCount;
        await ctx.Response.Body.WriteAsync(buffer.WrittenMemory).ConfigureAwait(false);
    }

    private static Task WriteStatusAsync(HttpContext ctx, int code, string reason, string message) =>
        WriteJsonAsync(ctx, code, w => DiscoveryWriter.WriteStatus(w, code, reason, message));
}
