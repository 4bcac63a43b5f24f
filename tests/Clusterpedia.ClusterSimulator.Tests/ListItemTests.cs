using System.Net.Http.Headers;
using System.Text.Json;

namespace Clusterpedia.ClusterSimulator.Tests;

/// <summary>
/// <see cref="SimulatorOptions.BareListItems"/>: list items of built-in types without apiVersion and kind, as a real
/// kube-apiserver sends them (reference/kube-apiserver-wire.md, "Lists"); custom resources and single objects keep both.
/// </summary>
public sealed class ListItemTests : IAsyncLifetime
{
    private ClusterSimulator _cluster = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _cluster = await ClusterSimulator.StartAsync(new SimulatorOptions { BareListItems = true });
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

    private async Task<JsonElement> GetAsync(string url) => JsonDocument.Parse(await _http.GetStringAsync(url)).RootElement.Clone();

    [Fact]
    public async Task BuiltInItemsHaveNeitherApiVersionNorKindButTheListHas()
    {
        var list = await GetAsync("/api/v1/pods?limit=3");
        Assert.Equal(("PodList", "v1"), (list.GetProperty("kind").GetString(), list.GetProperty("apiVersion").GetString()));
        Assert.Equal(3, list.GetProperty("items").GetArrayLength());
        foreach (var item in list.GetProperty("items").EnumerateArray())
        {
            Assert.False(item.TryGetProperty("apiVersion", out _));
            Assert.False(item.TryGetProperty("kind", out _));
            Assert.True(item.GetProperty("metadata").TryGetProperty("managedFields", out _));
            Assert.True(item.TryGetProperty("spec", out _));
        }
        var key = _cluster.Store.Keys(SimulatedResource.Deployments)[0];
        Assert.False((await GetAsync("/apis/apps/v1/deployments")).GetProperty("items")[0].TryGetProperty("kind", out _));

        var one = await GetAsync($"/apis/apps/v1/namespaces/{key.Replace("/", "/deployments/", StringComparison.Ordinal)}");
        Assert.Equal("Deployment", one.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task CustomResourceItemsKeepTheirs()
    {
        var item = (await GetAsync("/apis/stable.example.com/v1/crontabs")).GetProperty("items")[0];
        Assert.Equal(("CronTab", "stable.example.com/v1"), (item.GetProperty("kind").GetString(), item.GetProperty("apiVersion").GetString()));
    }
}
