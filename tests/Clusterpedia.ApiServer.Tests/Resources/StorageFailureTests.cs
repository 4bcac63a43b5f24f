using Clusterpedia.ApiServer.Clusters;
using Clusterpedia.ApiServer.Tests.Infrastructure;
using Clusterpedia.Storage;
using Clusterpedia.Storage.Memory;
using static Clusterpedia.ApiServer.Tests.Infrastructure.TestObjects;

namespace Clusterpedia.ApiServer.Tests.Resources;

/// <summary>Storage failures reach the client as Status objects with the mapped code, never as stack traces.</summary>
public sealed class StorageFailureTests
{
    private const string Root = "/apis/clusterpedia.io/v1beta1/resources";

    private static async Task<ApiServerHost> StartAsync(Func<Exception> failure)
    {
        var host = await ApiServerHost.StartAsync(new FailingStorageFactory(new MemoryStorageFactory(new MemoryStorageOptions()), failure));
        host.Source.Set("c1", ClusterHealth.Ready, [Pods]);
        return host;
    }

    [Theory]
    [InlineData(StorageErrorKind.Fatal, 500, "InternalError", "Internal error occurred: database is gone")]
    [InlineData(StorageErrorKind.Recoverable, 500, "InternalError", "Internal error occurred: database is gone")]
    [InlineData(StorageErrorKind.Invalid, 400, "BadRequest", "database is gone")]
    [InlineData(StorageErrorKind.Expired, 410, "Expired", "database is gone")]
    public async Task List_failures_map_to_status(StorageErrorKind kind, int code, string reason, string message)
    {
        await using var host = await StartAsync(() => new StorageException(kind, "database is gone"));
        await host.Client.AssertStatusAsync($"{Root}/api/v1/pods", code, reason, message);
    }

    [Fact]
    public async Task Unexpected_exceptions_are_500_without_details()
    {
        await using var host = await StartAsync(() => new InvalidOperationException("secret internals"));
        var status = await host.Client.AssertStatusAsync($"{Root}/clusters/c1/api/v1/namespaces/default/pods/x", 500, "InternalError");
        var message = (string?)status["message"];
        Assert.DoesNotContain("secret internals", message);
        Assert.DoesNotContain(" at ", message);
    }

    [Fact]
    public async Task Watch_failures_become_error_events()
    {
        await using var host = await StartAsync(() => StorageException.Expired("too old resource version: 1 (5)"));
        var response = await host.Client.GetAsync($"{Root.TrimStart('/')}/api/v1/pods?watch=true", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(200, (int)response.StatusCode);
        var line = (await response.Content.ReadAsStringAsync()).Trim();
        var evt = System.Text.Json.Nodes.JsonNode.Parse(line)!;
        Assert.Equal("ERROR", (string?)evt["type"]);
        Assert.Equal(410, (int)evt["object"]!["code"]!);
        Assert.Equal("too old resource version: 1 (5)", (string?)evt["object"]!["message"]);
    }
}
