using System.Net.Http.Headers;
using System.Text.Json;

namespace Clusterpedia.ClusterSimulator.Tests;

/// <summary>The watch protocol details kubectl does not exercise: resume, 410 after compaction, bookmarks, timeout, restart.</summary>
public sealed class WatchProtocolTests : IAsyncLifetime
{
    private ClusterSimulator _cluster = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _cluster = await ClusterSimulator.StartAsync(new SimulatorOptions { BookmarkInterval = TimeSpan.FromMilliseconds(300) });
        _http = new HttpClient(new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, cert, _, _) => cert?.GetCertHashString() == _cluster.Certificate.GetCertHashString() },
        }) { BaseAddress = _cluster.Url };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "t");
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _cluster.DisposeAsync();
    }

    private async Task<List<JsonElement>> ReadEventsAsync(string url, int max, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var events = new List<JsonElement>();
        try
        {
            using var response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cts.Token);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));
            while (events.Count < max && await reader.ReadLineAsync(cts.Token) is { } line)
                events.Add(JsonDocument.Parse(line).RootElement.Clone());
        }
        catch (OperationCanceledException)
        {
        }
        return events;
    }

    [Fact]
    public async Task ResumesFromResourceVersionWithOnlyLaterEvents()
    {
        var from = _cluster.Store.ResourceVersion;
        var key = _cluster.Store.Keys(SimulatedResource.Pods)[0];
        _cluster.Store.Update(SimulatedResource.Pods, key);
        _cluster.Store.Delete(SimulatedResource.Pods, key);
        var events = await ReadEventsAsync($"/api/v1/pods?watch=true&resourceVersion={from}", 2, TimeSpan.FromSeconds(10));
        Assert.Equal(["MODIFIED", "DELETED"], events.Select(e => e.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task CompactedResourceVersionGetsErrorEventWith410()
    {
        var from = _cluster.Store.ResourceVersion;
        _cluster.Store.Update(SimulatedResource.Pods, _cluster.Store.Keys(SimulatedResource.Pods)[0]);
        _cluster.Compact();
        var events = await ReadEventsAsync($"/api/v1/pods?watch=true&resourceVersion={from}", 1, TimeSpan.FromSeconds(10));
        var e = Assert.Single(events);
        Assert.Equal("ERROR", e.GetProperty("type").GetString());
        Assert.Equal(410, e.GetProperty("object").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task OldContinueTokenAfterCompactionIs410()
    {
        using var first = await _http.GetAsync("/api/v1/pods?limit=2");
        var token = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement.GetProperty("metadata").GetProperty("continue").GetString();
        _cluster.Store.Update(SimulatedResource.Pods, _cluster.Store.Keys(SimulatedResource.Pods)[0]);
        _cluster.Compact();
        using var second = await _http.GetAsync($"/api/v1/pods?limit=2&continue={Uri.EscapeDataString(token!)}");
        Assert.Equal(410, (int)second.StatusCode);
    }

    [Fact]
    public async Task IdleWatchGetsBookmarksAndEndsAtTimeout()
    {
        var from = _cluster.Store.ResourceVersion;
        var events = await ReadEventsAsync($"/apis/apps/v1/deployments?watch=true&allowWatchBookmarks=true&timeoutSeconds=2&resourceVersion={from}", 100, TimeSpan.FromSeconds(20));
        Assert.NotEmpty(events);
        Assert.All(events, e => Assert.Equal("BOOKMARK", e.GetProperty("type").GetString()));
        Assert.True(events.Count < 100, "the watch should have ended at timeoutSeconds");
    }

    [Fact]
    public async Task RestartEndsOpenWatches()
    {
        var watch = ReadEventsAsync($"/api/v1/pods?watch=true&resourceVersion={_cluster.Store.ResourceVersion}", 100, TimeSpan.FromSeconds(30));
        await WaitUntil(() => _cluster.Store.WatchCount == 1);
        _cluster.Restart();
        var events = await watch;
        Assert.Empty(events);
        Assert.Equal(0, _cluster.Store.WatchCount);
    }

    [Fact]
    public async Task UnhealthyClusterAnswers503OnReadyz()
    {
        _cluster.Unhealthy = true;
        using var response = await _http.GetAsync("/readyz");
        Assert.Equal(503, (int)response.StatusCode);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition() && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.True(condition());
    }
}
