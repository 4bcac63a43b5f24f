using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Clusterpedia.ClusterSimulator.Tests.Wire;

/// <summary>Plain HTTP against a simulated cluster, trusting only its own certificate, so tests see the bytes as sent.</summary>
internal sealed class RawHttp : IDisposable
{
    private readonly HttpClient _http;

    public RawHttp(ClusterSimulator cluster)
    {
        _http = new HttpClient(new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, cert, _, _) => cert?.GetCertHashString() == cluster.Certificate.GetCertHashString() },
        }) { BaseAddress = cluster.Url, Timeout = TimeSpan.FromSeconds(60) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", cluster.Options.RequiredToken ?? "t");
    }

    public HttpClient Client => _http;

    /// <summary>GET, with the status code and the body as text.</summary>
    public async Task<(int Code, string Body, HttpResponseMessage Response)> GetAsync(string url)
    {
        var response = await _http.GetAsync(url);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    /// <summary>GET that must answer 200 with a JSON object.</summary>
    public async Task<JsonObject> GetObjectAsync(string url)
    {
        var (code, body, response) = await GetAsync(url);
        response.Dispose();
        Assert.True(code == 200, $"GET {url}: {code} {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>The lines of a watch, until <paramref name="max"/> events or the server ends the stream.</summary>
    public async Task<(int Code, List<JsonObject> Events)> WatchAsync(string url, int max = int.MaxValue)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        var events = new List<JsonObject>();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));
        while (events.Count < max && await reader.ReadLineAsync(cts.Token) is { } line)
            events.Add(JsonNode.Parse(line)!.AsObject());
        return ((int)response.StatusCode, events);
    }

    public void Dispose() => _http.Dispose();
}
