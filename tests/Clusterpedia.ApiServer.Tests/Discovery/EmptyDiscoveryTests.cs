using Clusterpedia.ApiServer.Clusters;
using Clusterpedia.ApiServer.Tests.Infrastructure;
using static Clusterpedia.ApiServer.Tests.Infrastructure.TestObjects;

namespace Clusterpedia.ApiServer.Tests.Discovery;

/// <summary>
/// Discovery before anything is synced (no cluster yet, or a cluster without core resources): no version and no group,
/// so kubectl asks for no resource list (an empty one makes `kubectl api-resources` fail).
/// </summary>
public sealed class EmptyDiscoveryTests : IAsyncLifetime
{
    private const string Root = "/apis/clusterpedia.io/v1beta1/resources";
    private ApiServerHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiServerHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Without_clusters_the_core_group_has_no_version_and_there_is_no_group()
    {
        var versions = await _host.Client.GetOkAsync($"{Root}/api");
        Assert.Equal("APIVersions", (string?)versions["kind"]);
        Assert.Empty(versions["versions"].Strings());

        var groups = await _host.Client.GetOkAsync($"{Root}/apis");
        Assert.Empty(groups["groups"].Strings("name"));
    }

    [Fact]
    public async Task A_cluster_without_core_resources_has_no_core_version_and_v1_appears_with_the_first_one()
    {
        _host.Source.Set("c1", ClusterHealth.Ready, [Deployments]);
        Assert.Empty((await _host.Client.GetOkAsync($"{Root}/clusters/c1/api"))["versions"].Strings());
        Assert.Equal(["apps"], (await _host.Client.GetOkAsync($"{Root}/clusters/c1/apis"))["groups"].Strings("name"));

        _host.Source.Set("c2", ClusterHealth.Ready, [Pods]);
        Assert.Equal(["v1"], (await _host.Client.GetOkAsync($"{Root}/api"))["versions"].Strings());
        Assert.Empty((await _host.Client.GetOkAsync($"{Root}/clusters/c1/api"))["versions"].Strings());
    }
}
