using Clusterpedia.ApiServer.Clusters;
using Clusterpedia.ApiServer.Tests.Infrastructure;
using static Clusterpedia.ApiServer.Tests.Infrastructure.TestObjects;

namespace Clusterpedia.ApiServer.Tests.Http;

public sealed class TlsTests
{
    [Fact]
    public async Task The_api_is_served_over_https()
    {
        await using var host = await ApiServerHost.StartAsync(https: true);
        Assert.Equal("https", host.BaseAddress.Scheme);
        host.Source.Set("c1", ClusterHealth.Ready, [Pods]);
        await host.Storage.UpsertAsync(Pods, "c1", Pod("c1", "default", "secure"));
        var list = await host.Client.GetOkAsync("/apis/clusterpedia.io/v1beta1/resources/clusters/c1/api/v1/pods");
        Assert.Equal("secure", (string?)list["items"]![0]!["metadata"]!["name"]);
    }
}
