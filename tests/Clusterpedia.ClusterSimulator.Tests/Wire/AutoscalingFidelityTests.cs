using System.Text.Json.Nodes;

namespace Clusterpedia.ClusterSimulator.Tests.Wire;

/// <summary>
/// HorizontalPodAutoscalers served in several autoscaling versions, preferred first, the same objects converted per
/// version (reference/kube-apiserver-wire.md, "Discovery and versions"): the mixed-version fleet the synchro must sync.
/// </summary>
public sealed class AutoscalingFidelityTests
{
    private static Task<ClusterSimulator> StartAsync(params string[] versions) =>
        ClusterSimulator.StartAsync(new SimulatorOptions { Deployments = 3, HorizontalPodAutoscalers = 4, AutoscalingVersions = versions });

    private static async Task<List<JsonObject>> HpasAsync(RawHttp http, string version) =>
        [.. (await http.GetObjectAsync($"/apis/autoscaling/{version}/horizontalpodautoscalers"))["items"]!.AsArray().Select(i => i!.AsObject())];

    [Theory]
    [InlineData("v2,v1")]
    [InlineData("v1,v2")]
    [InlineData("v1")]
    public async Task DiscoveryListsTheServedVersionsPreferredFirst(string served)
    {
        var versions = served.Split(',');
        await using var cluster = await StartAsync(versions);
        using var http = new RawHttp(cluster);
        foreach (var group in new[] { (await http.GetObjectAsync("/apis"))["groups"]!.AsArray().Single(g => (string?)g!["name"] == "autoscaling")!,
                     await http.GetObjectAsync("/apis/autoscaling") })
        {
            Assert.Equal(versions, group["versions"]!.AsArray().Select(v => (string?)v!["version"]));
            Assert.Equal(versions[0], (string?)group["preferredVersion"]!["version"]);
            Assert.Equal($"autoscaling/{versions[0]}", (string?)group["preferredVersion"]!["groupVersion"]);
        }
        foreach (var version in versions)
        {
            var hpa = (await http.GetObjectAsync($"/apis/autoscaling/{version}"))["resources"]!.AsArray().Single(r => (string?)r!["name"] == "horizontalpodautoscalers")!;
            Assert.Equal(("HorizontalPodAutoscaler", true, "hpa"), ((string?)hpa["kind"], (bool)hpa["namespaced"]!, (string?)hpa["shortNames"]![0]));
        }
        foreach (var absent in new[] { "v1", "v2" }.Except(versions))
            Assert.Equal(404, (await http.GetAsync($"/apis/autoscaling/{absent}/horizontalpodautoscalers")).Code);
    }

    [Fact]
    public async Task TheSameObjectsAreSeenInEachVersionConvertedAsKubeConvertsThem()
    {
        await using var cluster = await StartAsync("v2", "v1");
        using var http = new RawHttp(cluster);
        var v2 = await HpasAsync(http, "v2");
        var v1 = await HpasAsync(http, "v1");
        Assert.Equal(4, v2.Count);
        static string Identity(JsonObject o) => $"{o["metadata"]!["namespace"]}/{o["metadata"]!["name"]} {o["metadata"]!["uid"]} {o["metadata"]!["resourceVersion"]}";
        Assert.Equal(v2.Select(Identity), v1.Select(Identity));
        var deployments = cluster.Store.Keys(SimulatedResource.Deployments).Select(k => k.Split('/')[1]).ToHashSet();
        Assert.All(v2, h => Assert.Contains((string)h["spec"]!["scaleTargetRef"]!["name"]!, deployments));

        var metric = v2[0]["spec"]!["metrics"]![0]!;
        Assert.Equal(("Resource", "cpu", "Utilization", 80),
            ((string?)metric["type"], (string?)metric["resource"]!["name"], (string?)metric["resource"]!["target"]!["type"], (int)metric["resource"]!["target"]!["averageUtilization"]!));
        Assert.Null(v2[0]["spec"]!["targetCPUUtilizationPercentage"]);
        Assert.NotNull(v2[0]["status"]!["currentMetrics"]);

        Assert.Equal(80, (int)v1[0]["spec"]!["targetCPUUtilizationPercentage"]!);
        Assert.Null(v1[0]["spec"]!["metrics"]);
        Assert.Equal((int)v2[0]["status"]!["currentMetrics"]![0]!["resource"]!["current"]!["averageUtilization"]!, (int)v1[0]["status"]!["currentCPUUtilizationPercentage"]!);
        Assert.NotNull(v1[0]["metadata"]!["annotations"]!["autoscaling.alpha.kubernetes.io/conditions"]);
        Assert.Equal(v2[0]["metadata"]!["managedFields"]!.ToJsonString(), v1[0]["metadata"]!["managedFields"]!.ToJsonString());
    }

    [Fact]
    public async Task GetCarriesTheRequestedVersion()
    {
        await using var cluster = await StartAsync("v2", "v1");
        using var http = new RawHttp(cluster);
        var key = cluster.Store.Keys(SimulatedResource.HorizontalPodAutoscalersV2)[0].Split('/');
        foreach (var version in new[] { "v1", "v2" })
        {
            var hpa = await http.GetObjectAsync($"/apis/autoscaling/{version}/namespaces/{key[0]}/horizontalpodautoscalers/{key[1]}");
            Assert.Equal(("HorizontalPodAutoscaler", $"autoscaling/{version}"), ((string?)hpa["kind"], (string?)hpa["apiVersion"]));
        }
    }

    [Fact]
    public async Task AnUpdateIsWatchedInEveryVersionWithOneResourceVersion()
    {
        await using var cluster = await StartAsync("v2", "v1");
        using var http = new RawHttp(cluster);
        var from = cluster.Store.ResourceVersion;
        var key = cluster.Store.Keys(SimulatedResource.HorizontalPodAutoscalersV1)[0];
        Assert.True(cluster.Store.Update(SimulatedResource.HorizontalPodAutoscalersV1, key));
        Assert.True(cluster.Store.Delete(SimulatedResource.HorizontalPodAutoscalersV2, key));

        var seen = new List<string>();
        foreach (var version in new[] { "v1", "v2" })
        {
            var (_, events) = await http.WatchAsync($"/apis/autoscaling/{version}/horizontalpodautoscalers?watch=true&resourceVersion={from}", max: 2);
            Assert.Equal(["MODIFIED", "DELETED"], events.Select(e => (string?)e["type"]));
            Assert.All(events, e => Assert.Equal($"autoscaling/{version}", (string?)e["object"]!["apiVersion"]));
            seen.Add(string.Join(",", events.Select(e => (string?)e["object"]!["metadata"]!["resourceVersion"])));
        }
        Assert.Equal(seen[0], seen[1]);
        Assert.Equal(3, (await HpasAsync(http, "v1")).Count);
        Assert.Equal(cluster.Store.Snapshot(SimulatedResource.HorizontalPodAutoscalersV1), cluster.Store.Snapshot(SimulatedResource.HorizontalPodAutoscalersV2));
    }

    [Fact]
    public async Task ByDefaultThereAreNoHpasAndAutoscalingIsStillServed()
    {
        await using var cluster = await ClusterSimulator.StartAsync();
        using var http = new RawHttp(cluster);
        Assert.Empty(await HpasAsync(http, "v2"));
        Assert.Empty(await HpasAsync(http, "v1"));
    }
}
