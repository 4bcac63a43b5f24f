using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Clusterpedia.ClusterSimulator.Tests.Wire;

/// <summary>Objects as kube-apiserver serves them (reference/kube-apiserver-wire.md, "Lists" and "Objects").</summary>
public sealed partial class ObjectFidelityTests : IAsyncLifetime
{
    private ClusterSimulator _cluster = null!;
    private RawHttp _http = null!;

    public async Task InitializeAsync()
    {
        _cluster = await ClusterSimulator.StartAsync(new SimulatorOptions { HorizontalPodAutoscalers = 2 });
        _http = new RawHttp(_cluster);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _cluster.DisposeAsync();
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")]
    private static partial Regex Time();

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$")]
    private static partial Regex MicroTime();

    public static TheoryData<string> Collections() =>
    [
        "/api/v1/pods", "/api/v1/events", "/api/v1/namespaces", "/apis/apps/v1/deployments", "/apis/apps/v1/replicasets",
        "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", "/apis/stable.example.com/v1/crontabs",
        "/apis/autoscaling/v2/horizontalpodautoscalers", "/apis/autoscaling/v1/horizontalpodautoscalers",
    ];

    private async Task<List<JsonObject>> ItemsAsync(string url) =>
        [.. (await _http.GetObjectAsync(url))["items"]!.AsArray().Select(i => i!.AsObject())];

    [Theory]
    [MemberData(nameof(Collections))]
    public async Task ObjectsCarryManagedFieldsAsTheirManagersWroteThem(string url)
    {
        var items = await ItemsAsync(url);
        Assert.NotEmpty(items);
        Assert.All(items, item =>
        {
            var entries = item["metadata"]!["managedFields"]!.AsArray();
            Assert.InRange(entries.Count, 1, 3);
            Assert.All(entries, e =>
            {
                Assert.Equal(["manager", "operation", "apiVersion", "time", "fieldsType", "fieldsV1"], e!.AsObject().Select(p => p.Key).Take(6));
                Assert.Equal("FieldsV1", (string?)e["fieldsType"]);
                Assert.Matches(Time(), (string)e["time"]!);
                Assert.NotEmpty(e["fieldsV1"]!.AsObject());
            });
        });
    }

    [Fact]
    public async Task KubectlAppliedObjectsKeepTheAppliedCopyAndControllerMadeOnesDoNot()
    {
        var deployment = (await ItemsAsync("/apis/apps/v1/deployments"))[0];
        var applied = JsonNode.Parse((string)deployment["metadata"]!["annotations"]!["kubectl.kubernetes.io/last-applied-configuration"]!)!;
        Assert.Equal(("Deployment", "apps/v1"), ((string?)applied["kind"], (string?)applied["apiVersion"]));
        Assert.Equal((string?)deployment["metadata"]!["name"], (string?)applied["metadata"]!["name"]);
        Assert.Equal(deployment["spec"]!.ToJsonString(), applied["spec"]!.ToJsonString());
        Assert.Null(applied["status"]);

        Assert.All(await ItemsAsync("/api/v1/pods"), p => Assert.Null(p["metadata"]!["annotations"]?["kubectl.kubernetes.io/last-applied-configuration"]));
        Assert.All(await ItemsAsync("/apis/apps/v1/replicasets"), r => Assert.Null(r["metadata"]!["annotations"]!["kubectl.kubernetes.io/last-applied-configuration"]));
    }

    [Fact]
    public async Task TimesHaveSecondsAndMicroTimesSixDigits()
    {
        var pod = (await ItemsAsync("/api/v1/pods"))[0];
        Assert.Matches(Time(), (string)pod["metadata"]!["creationTimestamp"]!);
        Assert.All(pod["status"]!["conditions"]!.AsArray(), c => Assert.Matches(Time(), (string)c!["lastTransitionTime"]!));
        Assert.Matches(Time(), (string)pod["status"]!["startTime"]!);

        var e = (await ItemsAsync("/api/v1/events"))[0];
        Assert.Matches(MicroTime(), (string)e["eventTime"]!);
        Assert.Null(e["firstTimestamp"]);
    }

    [Fact]
    public async Task AtMostOneOwnerIsTheControllerAndEventsHaveNoOwner()
    {
        foreach (var url in new[] { "/api/v1/pods", "/apis/apps/v1/replicasets" })
            Assert.All(await ItemsAsync(url), o => Assert.Single(o["metadata"]!["ownerReferences"]!.AsArray(), r => (bool)r!["controller"]!));
        Assert.All(await ItemsAsync("/api/v1/events"), e => Assert.Null(e["metadata"]!["ownerReferences"]));
    }

    [Theory]
    [MemberData(nameof(Collections))]
    public async Task ResourceVersionsAreStrings(string url)
    {
        var list = await _http.GetObjectAsync(url);
        Assert.Equal(System.Text.Json.JsonValueKind.String, list["metadata"]!["resourceVersion"]!.GetValueKind());
        Assert.All(list["items"]!.AsArray(), i => Assert.Equal(System.Text.Json.JsonValueKind.String, i!["metadata"]!["resourceVersion"]!.GetValueKind()));
    }
}
