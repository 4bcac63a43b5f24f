using System.Globalization;
using System.Text.Json.Nodes;

namespace Clusterpedia.ClusterSimulator.Tests.Wire;

/// <summary>Watches as kube-apiserver sends them (reference/kube-apiserver-wire.md, "Watch").</summary>
public sealed class WatchFidelityTests : IAsyncLifetime
{
    private ClusterSimulator _cluster = null!;
    private RawHttp _http = null!;

    public async Task InitializeAsync()
    {
        _cluster = await ClusterSimulator.StartAsync(new SimulatorOptions { BookmarkInterval = TimeSpan.FromMilliseconds(200) });
        _http = new RawHttp(_cluster);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _cluster.DisposeAsync();
    }

    private string Now => _cluster.Store.ResourceVersion.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task EventObjectsOfBuiltInTypesCarryKindAndDeletedCarriesTheLastState()
    {
        var from = Now;
        var key = _cluster.Store.Keys(SimulatedResource.Pods)[0];
        _cluster.Store.Update(SimulatedResource.Pods, key);
        _cluster.Store.Delete(SimulatedResource.Pods, key);
        var (code, events) = await _http.WatchAsync($"/api/v1/pods?watch=true&resourceVersion={from}", max: 2);
        Assert.Equal(200, code);
        Assert.Equal(["MODIFIED", "DELETED"], events.Select(e => (string?)e["type"]));
        Assert.All(events, e =>
        {
            Assert.Equal(["type", "object"], e.Select(p => p.Key));
            Assert.Equal(("Pod", "v1"), ((string?)e["object"]!["kind"], (string?)e["object"]!["apiVersion"]));
        });
        var deleted = events[1]["object"]!;
        Assert.Equal(key.Split('/')[1], (string?)deleted["metadata"]!["name"]);
        Assert.Equal(Now, (string?)deleted["metadata"]!["resourceVersion"]);
        Assert.Equal("Running", (string?)deleted["status"]!["phase"]);
    }

    [Fact]
    public async Task EventObjectsOfCustomResourcesCarryKind()
    {
        var from = Now;
        _cluster.Store.Update(SimulatedResource.CronTabs, _cluster.Store.Keys(SimulatedResource.CronTabs)[0]);
        var (_, events) = await _http.WatchAsync($"/apis/stable.example.com/v1/crontabs?watch=true&resourceVersion={from}", max: 1);
        var e = Assert.Single(events);
        Assert.Equal(("CronTab", "stable.example.com/v1"), ((string?)e["object"]!["kind"], (string?)e["object"]!["apiVersion"]));
    }

    [Fact]
    public async Task NoBookmarksUnlessAskedAndTheStreamEndsAtTimeoutSeconds()
    {
        // Five bookmark intervals pass before the server ends the watch.
        var (code, events) = await _http.WatchAsync($"/apis/apps/v1/deployments?watch=true&timeoutSeconds=1&resourceVersion={Now}");
        Assert.Equal(200, code);
        Assert.Empty(events);
    }

    [Fact]
    public async Task ABookmarkHasKindApiVersionAndOnlyTheResourceVersion()
    {
        var (_, events) = await _http.WatchAsync($"/apis/apps/v1/deployments?watch=true&allowWatchBookmarks=true&resourceVersion={Now}", max: 1);
        var bookmark = Assert.Single(events);
        Assert.Equal($$$$$"""{"type":"BOOKMARK","object":{"kind":"Deployment","apiVersion":"apps/v1","metadata":{"resourceVersion":"{{{{{Now}}}}}"}}}""",
            bookmark.ToJsonString());
    }

    [Fact]
    public async Task SendInitialEventsSendsTheStateThenABookmarkMarkingItsEnd()
    {
        var deployments = _cluster.Store.Keys(SimulatedResource.Deployments).Count;
        var (_, events) = await _http.WatchAsync(
            "/apis/apps/v1/deployments?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true", max: deployments + 1);
        Assert.All(events.Take(deployments), e => Assert.Equal("ADDED", (string?)e["type"]));
        var end = events[deployments];
        Assert.Equal($$$$$"""{"type":"BOOKMARK","object":{"kind":"Deployment","apiVersion":"apps/v1","metadata":{"resourceVersion":"{{{{{Now}}}}}","annotations":{"k8s.io/initial-events-end":"true"}}}}""",
            end.ToJsonString());
    }

    [Fact]
    public async Task SendInitialEventsWithoutNotOlderThanIsInvalid()
    {
        var (code, body, _) = await _http.GetAsync("/apis/apps/v1/deployments?watch=true&sendInitialEvents=true&allowWatchBookmarks=true");
        Assert.Equal(422, code);
        var status = JsonNode.Parse(body)!;
        Assert.Equal(("Invalid", "ListOptions", "meta.k8s.io"), ((string?)status["reason"], (string?)status["details"]!["kind"], (string?)status["details"]!["group"]));
    }

    [Fact]
    public async Task ACompactedVersionGetsOneErrorEventWithTheExpiredStatus()
    {
        var from = Now;
        _cluster.Store.Update(SimulatedResource.Pods, _cluster.Store.Keys(SimulatedResource.Pods)[0]);
        _cluster.Compact();
        var (code, events) = await _http.WatchAsync($"/api/v1/pods?watch=true&resourceVersion={from}");
        Assert.Equal(200, code);
        var error = Assert.Single(events);
        Assert.Equal($$$"""{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: {{{from}}} ({{{Now}}})","reason":"Expired","code":410}}""",
            error.ToJsonString());
    }

    [Fact]
    public async Task ACompactedVersionCanBeRefusedWithHttp410()
    {
        await using var cluster = await ClusterSimulator.StartAsync(new SimulatorOptions { ExpiredWatch = ExpiredWatchAnswer.Gone });
        using var http = new RawHttp(cluster);
        var from = cluster.Store.ResourceVersion;
        cluster.Store.Update(SimulatedResource.Pods, cluster.Store.Keys(SimulatedResource.Pods)[0]);
        cluster.Compact();
        var (code, body, _) = await http.GetAsync($"/api/v1/pods?watch=true&resourceVersion={from}");
        Assert.Equal(410, code);
        Assert.Equal($$$"""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: {{{from}}} ({{{cluster.Store.ResourceVersion}}})","reason":"Expired","code":410}""", body);
    }

    [Fact]
    public async Task AFieldSelectedWatchSeesOnlyMatchingObjects()
    {
        var from = Now;
        var keys = _cluster.Store.Keys(SimulatedResource.Pods);
        var ns1 = keys.First(k => k.StartsWith("ns-1/", StringComparison.Ordinal));
        _cluster.Store.Update(SimulatedResource.Pods, keys.First(k => k.StartsWith("ns-0/", StringComparison.Ordinal)));
        _cluster.Store.Update(SimulatedResource.Pods, ns1);
        var (_, events) = await _http.WatchAsync($"/api/v1/pods?watch=true&fieldSelector=metadata.namespace%3Dns-1&resourceVersion={from}", max: 1);
        Assert.Equal(ns1.Split('/')[1], (string?)Assert.Single(events)["object"]!["metadata"]!["name"]);
    }
}
