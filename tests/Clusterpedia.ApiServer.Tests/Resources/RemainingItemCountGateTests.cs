using Clusterpedia.ApiServer.Clusters;
using Clusterpedia.ApiServer.Tests.Infrastructure;
using static Clusterpedia.ApiServer.Tests.Infrastructure.TestObjects;

namespace Clusterpedia.ApiServer.Tests.Resources;

/// <summary>The RemainingItemCount gate on: lists count unless the request says withRemainingCount=false.</summary>
public sealed class RemainingItemCountGateTests : IAsyncLifetime
{
    private const string Root = "/apis/clusterpedia.io/v1beta1";
    private ApiServerHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await ApiServerHost.StartAsync(configure: o => o.RemainingItemCountByDefault = true);
        _host.Source.Set("c1", ClusterHealth.Ready, [Pods, Deployments]);
        for (var i = 0; i < 12; i++) await _host.Storage.UpsertAsync(Pods, "c1", Pod("c1", "default", $"pod-{i:D2}"));
        await _host.Storage.UpsertAsync(Deployments, "c1", Deployment("c1", "default", "web"), Deployment("c1", "default", "api"));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_page_reports_the_remaining_count_without_being_asked()
    {
        var page = await _host.Client.GetOkAsync($"{Root}/resources/clusters/c1/api/v1/pods?limit=5");
        Assert.Equal(7, (long)page["metadata"]!["remainingItemCount"]!);
    }

    [Fact]
    public async Task The_request_can_still_turn_it_off()
    {
        var page = await _host.Client.GetOkAsync($"{Root}/resources/clusters/c1/api/v1/pods?limit=5&withRemainingCount=false");
        Assert.Null(page["metadata"]!["remainingItemCount"]);
        Assert.NotNull((string?)page["metadata"]!["continue"]);
    }

    [Fact]
    public async Task Collection_resources_count_too()
    {
        var page = await _host.Client.GetOkAsync($"{Root}/collectionresources/workloads?limit=1");
        Assert.Equal(1, (long)page["remainingItemCount"]!);
    }
}
