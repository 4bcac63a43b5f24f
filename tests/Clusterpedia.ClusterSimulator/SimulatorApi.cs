using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Clusterpedia.ClusterSimulator;

/// <summary>
/// The Kubernetes API surface of the simulated cluster: health, version, discovery, get, list (<c>SimulatorApi.List.cs</c>),
/// watch (<c>SimulatorApi.Watch.cs</c>) and writes (<c>SimulatorApi.Writes.cs</c>), answering as kube-apiserver does
/// (<c>reference/kube-apiserver-wire.md</c>).
/// </summary>
internal sealed partial class SimulatorApi(ClusterSimulator cluster)
{
    private static readonly byte[] Newline = "\n"u8.ToArray();

    // Quotes as \" (not \u0022), as Go's encoder writes them: `pods \"x\" not found`.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private const string NoSuchPath = "the server could not find the requested resource";

    public async Task HandleAsync(HttpContext ctx)
    {
        if (cluster.Unreachable)
        {
            ctx.Abort();
            return;
        }
        cluster.RecordAuthorization(ctx.Request.Headers.Authorization.ToString());
        var byCertificate = cluster.Options.ClientCertificateThumbprint is { } thumbprint
            && string.Equals(ctx.Connection.ClientCertificate?.Thumbprint, thumbprint, StringComparison.OrdinalIgnoreCase);
        if (!byCertificate && cluster.Options.RequiredToken is { } token && ctx.Request.Headers.Authorization.ToString() != $"Bearer {token}")
        {
            await WriteStatusAsync(ctx, 401, "Unauthorized", "Unauthorized").ConfigureAwait(false);
            return;
        }
        var path = ctx.Request.Path.Value ?? "/";
        if (path is "/readyz" or "/healthz" or "/livez")
        {
            ctx.Response.StatusCode = cluster.Unhealthy ? 503 : 200;
            ctx.Response.ContentType = "text/plain";
            await ctx.Response.WriteAsync(cluster.Unhealthy ? "[-]etcd failed: reason withheld\nreadyz check failed" : "ok").ConfigureAwait(false);
            return;
        }
        if (cluster.TakeThrottled())
        {
            var seconds = cluster.ThrottleRetryAfterSeconds;
            ctx.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await WriteStatusAsync(ctx, 429, "TooManyRequests", "Too many requests, please try again later.", new StatusDetails(RetryAfterSeconds: seconds))
                .ConfigureAwait(false);
            return;
        }
        try
        {
            await RouteAsync(ctx, path).ConfigureAwait(false);
        }
        catch (SimulatedApiException e)
        {
            await WriteStatusAsync(ctx, e.Code, e.Reason, e.Message, e.Details).ConfigureAwait(false);
        }
    }

    private async Task RouteAsync(HttpContext ctx, string path)
    {
        switch (path)
        {
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

        var served = cluster.Served;
        var segments = path.Trim('/').Split('/');
        string group, version;
        int rest;
        if (segments[0] == "api" && segments.Length >= 2) (group, version, rest) = ("", segments[1], 2);
        else if (segments[0] == "apis" && segments.Length == 2 && DiscoveryWriter.Groups(served).Contains(segments[1]))
        {
            await WriteJsonAsync(ctx, 200, w => DiscoveryWriter.WriteGroup(w, segments[1], served)).ConfigureAwait(false);
            return;
        }
        else if (segments[0] == "apis" && segments.Length >= 3) (group, version, rest) = (segments[1], segments[2], 3);
        else throw new SimulatedApiException(404, "NotFound", NoSuchPath, StatusDetails.None);
        if (!served.Any(r => r.Group == group && r.Version == version)) throw new SimulatedApiException(404, "NotFound", NoSuchPath, StatusDetails.None);
        if (segments.Length == rest)
        {
            await WriteJsonAsync(ctx, 200, w => DiscoveryWriter.WriteResourceList(w, group, version, served)).ConfigureAwait(false);
            return;
        }

        string? ns = null;
        var tail = segments[rest..];
        if (tail.Length >= 3 && tail[0] == "namespaces") { ns = tail[1]; tail = tail[2..]; }
        var resource = served.FirstOrDefault(r => r.Group == group && r.Version == version && r.Resource == tail[0]);
        var statusSubresource = tail.Length == 3 && tail[2] == "status";
        if (statusSubresource) tail = tail[..2];
        if (resource is null || tail.Length > 2 || (ns != null && !resource.Namespaced))
            throw new SimulatedApiException(404, "NotFound", NoSuchPath, StatusDetails.None);
        if (!HttpMethods.IsGet(ctx.Request.Method))
        {
            await WriteAsync(ctx, resource, ns ?? "", tail.Length == 2 ? tail[1] : null, statusSubresource).ConfigureAwait(false);
            return;
        }
        if (tail.Length == 2)
        {
            var key = ns is null ? tail[1] : $"{ns}/{tail[1]}";
            if (resource.Namespaced && ns is null || cluster.Store.Get(resource, key) is not { } stored) throw SimulatedStore.NotFound(resource, tail[1]);
            ctx.Response.ContentType = "application/json";
            await ctx.Response.Body.WriteAsync(stored.Json).ConfigureAwait(false);
            return;
        }

        var query = ctx.Request.Query;
        var selector = ObjectSelector.Parse(resource, query["labelSelector"], query["fieldSelector"]);
        if (query["watch"] is [var watch] && watch is "true" or "1")
            await WatchAsync(ctx, resource, ns, selector).ConfigureAwait(false);
        else
            await ListAsync(ctx, resource, ns, selector).ConfigureAwait(false);
    }

    /// <summary>A 422 Invalid about the request's list options, as kube's ListOptions validation answers.</summary>
    private static SimulatedApiException InvalidListOptions(string field, string reason, string detail) =>
        new(422, "Invalid", $"ListOptions.meta.k8s.io \"\" is invalid: {field}: {detail}",
            new StatusDetails(Group: "meta.k8s.io", Kind: "ListOptions", Causes: [new StatusCause(reason, detail, field)]));

    private static async Task WriteEventAsync(HttpContext ctx, Action<Utf8JsonWriter> write, bool flush = true, CancellationToken ct = default)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions)) write(w);
        await ctx.Response.Body.WriteAsync(buffer.WrittenMemory, ct).ConfigureAwait(false);
        await ctx.Response.Body.WriteAsync(Newline, ct).ConfigureAwait(false);
        if (flush) await ctx.Response.Body.FlushAsync(ct).ConfigureAwait(false);
    }

    private static async Task WriteJsonAsync(HttpContext ctx, int status, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(16384);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions)) write(w);
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        ctx.Response.ContentLength = buffer.WrittenCount;
        await ctx.Response.Body.WriteAsync(buffer.WrittenMemory).ConfigureAwait(false);
    }

    private static Task WriteStatusAsync(HttpContext ctx, int code, string reason, string message, StatusDetails? details = null) =>
        WriteJsonAsync(ctx, code, w => KubeStatus.Write(w, code, reason, message, details));
}
