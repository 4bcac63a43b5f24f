using System.Text.Json.Nodes;
using Clusterpedia.ApiServer.Clusters;
using Clusterpedia.ApiServer.Tests.Infrastructure;
using static Clusterpedia.ApiServer.Tests.Infrastructure.TestObjects;

namespace Clusterpedia.ApiServer.Tests.Resources;

public sealed class WatchTests : IAsyncLifetime
{
    private const string Root = "apis/clusterpedia.io/v1beta1/resources";
    private ApiServerHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await ApiServerHost.StartAsync();
        _host.Source.Set("c1", ClusterHealth.Ready, [Pods]);
        _host.Source.Set("c2", ClusterHealth.Ready, [Pods]);
        await _host.Storage.UpsertAsync(Pods, "c1", Pod("c1", "default", "a"));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<(HttpResponseMessage Response, StreamReader Reader)> StartWatchAsync(string pathAndQuery, string? accept = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
        var response = await _host.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(200, (int)response.StatusCode);
        return (response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    private static async Task<JsonNode> NextEventAsync(StreamReader reader)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var line = await reader.ReadLineAsync(timeout.Token);
        Assert.NotNull(line);
        return JsonNode.Parse(line)!;
    }

    [Fact]
    public async Task Watch_streams_one_event_per_line_as_objects_change()
    {
        var (response, reader) = await StartWatchAsync($"{Root}/api/v1/pods?watch=true");
        using (response)
        {
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            var first = await NextEventAsync(reader);
            Assert.Equal("ADDED", (string?)first["type"]);
            Assert.Equal("a", (string?)first["object"]!["metadata"]!["name"]);

            await _host.Storage.UpsertAsync(Pods, "c2", Pod("c2", "default", "b"));
            var added = await NextEventAsync(reader);
            Assert.Equal("ADDED", (string?)added["type"]);
            Assert.Equal("b", (string?)added["object"]!["metadata"]!["name"]);

            await _host.Storage.UpsertAsync(Pods, "c2", Pod("c2", "default", "b", phase: "Failed"));
            var modified = await NextEventAsync(reader);
            Assert.Equal("MODIFIED", (string?)modified["type"]);

            await _host.Storage.GetResourceStorage(Pods.StorageConfig).DeleteAsync("c2", "default", "b", CancellationToken.None);
            Assert.Equal("DELETED", (string?)(await NextEventAsync(reader))["type"]);
        }
    }

    [Fact]
    public async Task Watch_in_a_cluster_scope_sees_only_that_cluster()
    {
        var (response, reader) = await StartWatchAsync($"{Root}/clusters/c2/api/v1/namespaces/default/pods?watch=1");
        using (response)
        {
            await _host.Storage.UpsertAsync(Pods, "c1", Pod("c1", "default", "not-me"));
            await _host.Storage.UpsertAsync(Pods, "c2", Pod("c2", "default", "me"));
            var evt = await NextEventAsync(reader);
            Assert.Equal("me", (string?)evt["object"]!["metadata"]!["name"]);
        }
    }

    [Fact]
    public async Task Timeout_seconds_ends_the_stream()
    {
        var (response, reader) = await StartWatchAsync($"{Root}/api/v1/pods?watch=true&timeoutSeconds=1");
        using (response)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            var rest = await reader.ReadToEndAsync(timeout.Token);
            Assert.Single(rest.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
    }

    [Fact]
    public async Task A_too_old_resource_version_is_an_error_event_with_410()
    {
        var (response, reader) = await StartWatchAsync($"{Root}/api/v1/pods?watch=true&resourceVersion=1");
        using (response)
        {
            var evt = await NextEventAsync(reader);
            Assert.Equal("ERROR", (string?)evt["type"]);
            Assert.Equal("Status", (string?)evt["object"]!["kind"]);
            Assert.Equal(410, (int)evt["object"]!["code"]!);
            Assert.Equal("Expired", (string?)evt["object"]!["reason"]);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            Assert.Equal("", await reader.ReadToEndAsync(timeout.Token));
        }
    }

    [Fact]
    public async Task Watch_resumes_from_the_list_resource_version()
    {
        var list = await _host.Client.GetOkAsync($"{Root}/api/v1/pods");
        var rv = (string?)list["metadata"]!["resourceVersion"];
        Assert.False(string.IsNullOrEmpty(rv));
        var (response, reader) = await StartWatchAsync($"{Root}/api/v1/pods?watch=true&resourceVersion={rv}");
        using (response)
        {
            await _host.Storage.UpsertAsync(Pods, "c1", Pod("c1", "default", "later"));
            var evt = await NextEventAsync(reader);
            Assert.Equal("ADDED", (string?)evt["type"]);
            Assert.Equal("later", (string?)evt["object"]!["metadata"]!["name"]);
        }
    }

    [Fact]
    public async Task Table_watch_sends_table_rows_as_kubectl_get_watch_expects()
    {
        var (response, reader) = await StartWatchAsync($"{Root}/api/v1/pods?watch=true",
            "application/json;as=Table;v=v1;g=meta.k8s.io,application/json");
        using (response)
        {
            var evt = await NextEventAsync(reader);
            Assert.Equal("ADDED", (string?)evt["type"]);
            Assert.Equal("Table", (string?)evt["object"]!["kind"]);
            var row = evt["object"]!["rows"]![0]!;
            Assert.Equal("c1", (string?)row["cells"]![0]);
            Assert.Equal("a", (string?)row["cells"]![1]);
            Assert.Equal(10, evt["object"]!["columnDefinitions"]!.AsArray().Count);

            await _host.Storage.UpsertAsync(Pods, "c2", Pod("c2", "default", "b"));
            var next = await NextEventAsync(reader);
            Assert.Equal("b", (string?)next["object"]!["rows"]![0]!["cells"]![1]);
            Assert.Null(next["object"]!["columnDefinitions"]);
        }
    }

    [Fact]
    public async Task Bookmarks_when_allowed()
    {
        var (response, reader) = await StartWatchAsync($"{Root}/api/v1/pods?watch=true&allowWatchBookmarks=true");
        using (response)
        {
            Assert.Equal("ADDED", (string?)(await NextEventAsync(reader))["type"]);
            var bookmark = await NextEventAsync(reader);
            Assert.Equal("BOOKMARK", (string?)bookmark["type"]);
            Assert.False(string.IsNullOrEmpty((string?)bookmark["object"]!["metadata"]!["resourceVersion"]));
        }
    }
}
