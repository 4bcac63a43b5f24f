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
    public async Task A_search_parameter_the_storage_refuses_is_400_naming_it()
    {
        // As the internal storage refuses whereSQL when its feature gate is off.
        await using var host = await StartAsync(() => new Clusterpedia.Query.ListOptionsException("whereSQL",
            "the feature gate AllowRawSQLQuery is off; start the API server with --feature-gates=AllowRawSQLQuery=true to use whereSQL"));
        await host.Client.AssertStatusAsync($"{Root}/api/v1/pods?whereSQL=name%3D%27x%27", 400, "BadRequest",
            "invalid whereSQL: the feature gate AllowRawSQLQuery is off; start the API server with --feature-gates=AllowRawSQLQuery=true to use whereSQL");
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
