using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Clusterpedia.Kube.Connection;
using Clusterpedia.Kube.Discovery;

namespace Clusterpedia.Kube.Api;

/// <summary>
/// Our own Kubernetes client for the sync path: paged list processed page by page, watch as a stream of JSON
/// lines, discovery, health and version. Objects are never deserialized; only key and resourceVersion are read.
/// </summary>
public sealed class KubeClient : IDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(5);
    private readonly HttpClient _http;

    public KubeClient(KubeConnection connection)
    {
        Connection = connection;
        _http = connection.CreateHttpClient();
    }

    public KubeConnection Connection { get; }

    /// <summary>Server-side watch timeout, randomized between 15 and 30 minutes so watches of many resources do not expire together.</summary>
    public static int RandomWatchTimeoutSeconds() => Random.Shared.Next(15 * 60, 30 * 60 + 1);

    public Task<VersionInfo> GetVersionAsync(CancellationToken cancellationToken) =>
        GetJsonAsync("version", KubeJsonContext.Default.VersionInfo, cancellationToken);

    /// <summary><c>GET /readyz</c>, falling back to <c>/healthz</c> when the cluster has no readyz (404).</summary>
    public async Task<HealthCheckResult> CheckHealthAsync(CancellationToken cancellationToken)
    {
        var path = "readyz";
        try
        {
            var (status, body) = await GetTextAsync(path, cancellationToken).ConfigureAwait(false);
            if (status == HttpStatusCode.NotFound) (status, body) = await GetTextAsync(path = "healthz", cancellationToken).ConfigureAwait(false);
            return status == HttpStatusCode.OK && body.Trim() == "ok"
                ? new HealthCheckResult(ClusterHealthState.Healthy, "cluster health responded with ok")
                : new HealthCheckResult(ClusterHealthState.Unhealthy, "cluster health responded without ok");
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // As client-go words it (Get "<url>": ...), so the condition says which address failed and after how long.
            var url = new Uri(_http.BaseAddress!, path);
            return new HealthCheckResult(ClusterHealthState.NotReachable, e is OperationCanceledException
                ? $"Get \"{url}\": no answer within the {HealthTimeout.TotalSeconds:0}s health check timeout"
                : $"Get \"{url}\": {e.Message}");
        }
    }

    private async Task<(HttpStatusCode, string)> GetTextAsync(string path, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(HealthTimeout);
        using var response = await _http.GetAsync(path, timeout.Token).ConfigureAwait(false);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false));
    }

    /// <summary>Groups and resources from <c>/api</c>, <c>/apis</c> and each group version's resource list.</summary>
    public async Task<DiscoverySnapshot> DiscoverAsync(CancellationToken cancellationToken)
    {
        var groups = new List<DiscoveredGroup>();
        var core = await GetJsonAsync("api", KubeJsonContext.Default.ApiVersions, cancellationToken).ConfigureAwait(false);
        groups.Add(new DiscoveredGroup("", core.Versions ?? [], core.Versions?.FirstOrDefault()));
        var list = await GetJsonAsync("apis", KubeJsonContext.Default.ApiGroupList, cancellationToken).ConfigureAwait(false);
        foreach (var g in list.Groups ?? [])
            groups.Add(new DiscoveredGroup(g.Name, g.Versions?.Select(v => v.Version).ToArray() ?? [], g.PreferredVersion?.Version));

        var resources = new List<DiscoveredResource>();
        foreach (var group in groups)
        {
            foreach (var version in group.Versions)
            {
                var path = group.Name.Length == 0 ? $"api/{version}" : $"apis/{group.Name}/{version}";
                ApiResourceList rl;
                try
                {
                    rl = await GetJsonAsync(path, KubeJsonContext.Default.ApiResourceList, cancellationToken).ConfigureAwait(false);
                }
                catch (KubeApiException e) when (e.StatusCode is 404 or 503)
                {
                    continue; // an aggregated API that is down must not fail discovery of the rest
                }
                foreach (var r in rl.Resources ?? [])
                {
                    if (r.Name.Contains('/', StringComparison.Ordinal)) continue; // subresource
                    resources.Add(new DiscoveredResource(group.Name, version, r.Name, r.Kind,
                        string.IsNullOrEmpty(r.SingularName) ? r.Kind.ToLowerInvariant() : r.SingularName, r.Namespaced, r.Verbs ?? [], r.ShortNames ?? []));
                }
            }
        }
        return new DiscoverySnapshot(groups, resources);
    }

    /// <summary>
    /// Lists a resource in pages of <paramref name="limit"/> (0 = unpaged). Each page is fetched only after the
    /// caller has finished with the previous one, so at most one page is held in memory.
    /// </summary>
    /// <exception cref="KubeApiException">On an error answer; <see cref="KubeApiException.IsExpired"/> when a continue token expired.</exception>
    public async IAsyncEnumerable<ListPage> ListAsync(ApiResourcePath resource, int limit, string? resourceVersion,
        [EnumeratorCancellation] CancellationToken cancellationToken, string? fieldSelector = null)
    {
        string? cont = null;
        do
        {
            var query = new List<string>();
            if (limit > 0) query.Add($"limit={limit}");
            if (fieldSelector != null) query.Add($"fieldSelector={Uri.EscapeDataString(fieldSelector)}");
            if (cont != null) query.Add($"continue={Uri.EscapeDataString(cont)}");
            else if (!string.IsNullOrEmpty(resourceVersion)) query.Add($"resourceVersion={Uri.EscapeDataString(resourceVersion)}");
            var url = resource.CollectionPath + (query.Count > 0 ? "?" + string.Join('&', query) : "");
            var body = await GetBytesAsync(url, cancellationToken).ConfigureAwait(false);
            var page = ListPage.Parse(body);
            yield return page;
            cont = page.Continue;
        }
        while (cont != null);
    }

    /// <summary>
    /// Watches a resource from <paramref name="resourceVersion"/>, with bookmarks. Ends when the server closes the
    /// stream (timeout or restart); the caller watches again from the last resourceVersion it saw.
    /// </summary>
    /// <exception cref="KubeApiException">On an error answer or ERROR event; <see cref="KubeApiException.IsExpired"/> means relist.</exception>
    public async IAsyncEnumerable<KubeWatchEvent> WatchAsync(ApiResourcePath resource, string resourceVersion, int timeoutSeconds,
        [EnumeratorCancellation] CancellationToken cancellationToken, string? fieldSelector = null)
    {
        var url = $"{resource.CollectionPath}?watch=true&allowWatchBookmarks=true&timeoutSeconds={timeoutSeconds}&resourceVersion={Uri.EscapeDataString(resourceVersion)}"
            + (fieldSelector is null ? "" : $"&fieldSelector={Uri.EscapeDataString(fieldSelector)}");
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        lifetime.CancelAfter(TimeSpan.FromSeconds(timeoutSeconds + 30)); // a server that forgets its timeout must not hang us
        using var response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, lifetime.Token).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw StatusReader.ToException(await response.Content.ReadAsByteArrayAsync(lifetime.Token).ConfigureAwait(false), (int)response.StatusCode);
        var stream = await response.Content.ReadAsStreamAsync(lifetime.Token).ConfigureAwait(false);
        var pipe = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024));
        try
        {
            while (true)
            {
                if (await ReadOrTimeOutAsync(pipe, lifetime.Token, cancellationToken).ConfigureAwait(false) is not { } result) yield break;
                var buffer = result.Buffer;
                while (TryReadLine(ref buffer, out var line))
                {
                    if (line.Length == 0) continue;
                    yield return line.IsSingleSegment ? KubeWatchEvent.Parse(line.FirstSpan) : KubeWatchEvent.Parse(line.ToArray());
                }
                pipe.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted) yield break;
            }
        }
        finally
        {
            await pipe.CompleteAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Null when our own guard timeout fired: the watch just ends, as if the server had closed it.</summary>
    private static async ValueTask<ReadResult?> ReadOrTimeOutAsync(PipeReader pipe, CancellationToken lifetime, CancellationToken caller)
    {
        try
        {
            return await pipe.ReadAsync(lifetime).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!caller.IsCancellationRequested)
        {
            return null;
        }
    }

    private static bool TryReadLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        var newline = buffer.PositionOf((byte)'\n');
        if (newline is null)
        {
            line = default;
            return false;
        }
        line = buffer.Slice(0, newline.Value);
        buffer = buffer.Slice(buffer.GetPosition(1, newline.Value));
        return true;
    }

    /// <summary>GET of one object's raw JSON.</summary>
    /// <exception cref="KubeApiException">404 when it does not exist.</exception>
    public async Task<byte[]> GetObjectAsync(string path, CancellationToken cancellationToken) =>
        (await GetBytesAsync(path, cancellationToken).ConfigureAwait(false)).ToArray();

    /// <summary>PUT (replace) of an object or subresource; returns the stored object.</summary>
    /// <exception cref="KubeApiException">409 when the resourceVersion is stale.</exception>
    public Task<byte[]> PutObjectAsync(string path, ReadOnlyMemory<byte> json, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, path, json, cancellationToken);

    /// <summary>POST (create) of an object into a collection; returns the stored object.</summary>
    public Task<byte[]> CreateObjectAsync(string collectionPath, ReadOnlyMemory<byte> json, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, collectionPath, json, cancellationToken);

    public Task<byte[]> DeleteObjectAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, path, null, cancellationToken);

    private async Task<byte[]> SendAsync(HttpMethod method, string path, ReadOnlyMemory<byte>? json, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RequestTimeout);
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Accept.ParseAdd("application/json");
        if (json is { } body)
        {
            request.Content = new ReadOnlyMemoryContent(body);
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }
        using var response = await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode) throw StatusReader.ToException(bytes, (int)response.StatusCode);
        return bytes;
    }

    private async Task<T> GetJsonAsync<T>(string path, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        var body = await GetBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return JsonSerializer.Deserialize(body.Span, type) ?? throw new KubeApiException(500, "", $"GET /{path}: empty answer");
    }

    private async Task<ReadOnlyMemory<byte>> GetBytesAsync(string path, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RequestTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode) throw StatusReader.ToException(body, (int)response.StatusCode);
        return body;
    }

    public void Dispose() => _http.Dispose();
}
