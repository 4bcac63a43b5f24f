using Clusterpedia.ApiServer.Clusters;
using Clusterpedia.ApiServer.Tests.Infrastructure;
using Clusterpedia.Storage.Memory;
using static Clusterpedia.ApiServer.Tests.Infrastructure.TestObjects;

namespace Clusterpedia.ApiServer.Tests.Resources;

/// <summary>Every failure of a resource request: status code, reason and the upstream message.</summary>
public sealed class ResourceErrorTests : IAsyncLifetime
{
    private ApiServerHost _host = null!;
    private const string Root = "/apis/clusterpedia.io/v1beta1/resources";

    public async Task InitializeAsync()
    {
        _host = await ApiServerHost.StartAsync(new ListOnlyStorageFactory(new MemoryStorageFactory(new MemoryStorageOptions())));
        _host.Source.Set("c1", ClusterHealth.Ready, [Pods, Namespaces, Nodes]);
        await _host.Storage.UpsertAsync(Pods, "c1", Pod("c1", "default", "web-1"));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public Task Unknown_cluster_is_400() =>
        _host.Client.AssertStatusAsync($"{Root}/clusters/nope/api/v1/pods", 400, "BadRequest", "the server could not find the requested cluster");

    [Fact]
    public Task Unknown_cluster_beats_unsynced_resource() =>
        _host.Client.AssertStatusAsync($"{Root}/clusters/nope/api/v1/secrets", 400, "BadRequest", "the server could not find the requested cluster");

    [Theory]
    [InlineData("/api/v1/secrets")]
    [InlineData("/clusters/c1/api/v1/secrets")]
    [InlineData("/apis/apps/v1/deployments")]
    [InlineData("/api/v2/pods")]
    public Task Unsynced_resource_is_404(string path) =>
        _host.Client.AssertStatusAsync(Root + path, 404, "NotFound", "the server could not find the requested resource");

    [Theory]
    [InlineData("/api/v1/namespaces/default/nodes")]
    [InlineData("/clusters/c1/api/v1/namespaces/default/nodes/node-1")]
    public Task Namespaced_path_on_a_cluster_scoped_resource_is_404(string path) =>
        _host.Client.AssertStatusAsync(Root + path, 404, "NotFound", "the server could not find the requested resource");

    [Fact]
    public Task Subresources_are_404() =>
        _host.Client.AssertStatusAsync($"{Root}/clusters/c1/api/v1/namespaces/default/pods/web-1/log", 404, "NotFound");

    [Fact]
    public Task Get_without_a_cluster_is_400() =>
        _host.Client.AssertStatusAsync($"{Root}/api/v1/namespaces/default/pods/web-1", 400, "BadRequest",
            "please specify the cluster name when using the resource name to get a specific resource.");

    [Fact]
    public async Task Get_of_a_missing_object_is_404_named_like_kubernetes()
    {
        var status = await _host.Client.AssertStatusAsync($"{Root}/clusters/c1/api/v1/namespaces/default/pods/nope", 404, "NotFound", "pods \"nope\" not found");
        Assert.Equal("nope", (string?)status["details"]!["name"]);
        Assert.Equal("pods", (string?)status["details"]!["kind"]);
        await _host.Client.AssertStatusAsync($"{Root}/clusters/c1/api/v1/nodes/nope", 404, "NotFound", "nodes \"nope\" not found");
    }

    [Theory]
    [InlineData("POST", "/clusters/c1/api/v1/namespaces/default/pods", "create")]
    [InlineData("PUT", "/clusters/c1/api/v1/namespaces/default/pods/web-1", "update")]
    [InlineData("PATCH", "/clusters/c1/api/v1/namespaces/default/pods/web-1", "patch")]
    [InlineData("DELETE", "/clusters/c1/api/v1/namespaces/default/pods/web-1", "delete")]
    [InlineData("DELETE", "/api/v1/pods", "deletecollection")]
    public Task Mutating_verbs_are_405(string method, string path, string verb) =>
        _host.Client.AssertStatusAsync(new HttpMethod(method), Root + path, 405, "MethodNotAllowed", $"{verb} is not supported on resources of kind \"pods\"");

    [Fact]
    public Task Mutating_discovery_is_405() =>
        _host.Client.AssertStatusAsync(HttpMethod.Post, $"{Root}/api/v1", 405, "MethodNotAllowed");

    [Theory]
    [InlineData("?watch=true")]
    [InlineData("?watch=1")]
    public Task Watch_on_a_storage_without_watch_is_405(string query) =>
        _host.Client.AssertStatusAsync($"{Root}/api/v1/pods{query}", 405, "MethodNotAllowed", "watch is not supported on resources of kind \"pods\"");

    [Fact]
    public async Task Malformed_search_parameters_are_400_naming_the_parameter()
    {
        var status = await _host.Client.AssertStatusAsync($"{Root}/api/v1/pods?limit=abc", 400, "BadRequest");
        Assert.Contains("limit", (string?)status["message"]);
        status = await _host.Client.AssertStatusAsync($"{Root}/api/v1/pods?continue=%21%21notatoken", 400, "BadRequest");
        Assert.Contains("continue", (string?)status["message"]);
    }

    [Fact]
    public async Task Owner_search_needs_exactly_one_cluster()
    {
        var status = await _host.Client.AssertStatusAsync($"{Root}/api/v1/pods?ownerUID=abc", 400, "BadRequest");
        Assert.Contains("If searching by owner uid or name, then the cluster must be specified", (string?)status["message"]);
        await _host.Client.GetOkAsync($"{Root}/clusters/c1/api/v1/pods?ownerUID=abc");
    }

    [Fact]
    public Task Unacceptable_media_type_is_406() =>
        _host.Client.AssertStatusAsync($"{Root}/api/v1/pods", 406, "NotAcceptable", accept: "text/html");

    [Fact]
    public async Task Errors_are_yaml_when_yaml_is_asked()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"{Root.TrimStart('/')}/clusters/nope/api/v1/pods") { Headers = { { "Accept", "application/yaml" } } };
        var response = await _host.Client.SendAsync(request);
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("reason: BadRequest\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unhealthy_cluster_gets_a_warning_header()
    {
        _host.Source.SetHealth("c1", new ClusterHealth(false, "Unhealthy"));
        var response = await _host.Client.GetAsync($"{Root.TrimStart('/')}/clusters/c1/api/v1/pods");
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("299 - \"c1 is not ready and the resources obtained may be inaccurate, reason: Unhealthy\"",
            Assert.Single(response.Headers.GetValues("Warning")));

        _host.Source.SetHealth("c1", ClusterHealth.Ready);
        response = await _host.Client.GetAsync($"{Root.TrimStart('/')}/clusters/c1/api/v1/pods");
        Assert.False(response.Headers.Contains("Warning"));
        // No cluster in scope: no warning even when some cluster is unhealthy.
        _host.Source.SetHealth("c1", ClusterHealth.Unknown);
        response = await _host.Client.GetAsync($"{Root.TrimStart('/')}/api/v1/pods");
        Assert.False(response.Headers.Contains("Warning"));
    }
}
