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
    [InlineData(StorageErrorKind.Invalid, 400, "BadRequest", "database is gone")]
    [InlineData(StorageErrorKind.Expired, 410, "Expired", "database is gone")]
    public async Task List_failures_map_to_status(StorageErrorKind kind, int code, string reason, string message)
    {
        await using var host = await StartAsync(() => new StorageException(kind, "database is gone"));
        await host.Client.AssertStatusAsync($"{Root}/api/v1/pods", code, reason, message);
    }

    [Theory]
    [InlineData(StorageErrorKind.Recoverable, 503, "ServiceUnavailable")]
    [InlineData(StorageErrorKind.Timeout, 504, "Timeout")]
    [InlineData(StorageErrorKind.Fatal, 500, "InternalError")]
    public async Task Server_side_failures_hide_the_storage_text_behind_a_correlation_id(StorageErrorKind kind, int code, string reason)
    {
        await using var host = await StartAsync(() => new StorageException(kind, "Failed to connect to 127.0.0.1:55433, SQLSTATE 08006"));
        foreach (var path in (string[])[$"{Root}/api/v1/pods", $"{Root}/clusters/c1/api/v1/namespaces/default/pods/x"])
        {
            using var response = await host.Client.GetAsync(path.TrimStart('/'));
            var text = await response.Content.ReadAsStringAsync();
            Assert.Equal(code, (int)response.StatusCode);
            Assert.DoesNotContain("127.0.0.1", text);
            Assert.DoesNotContain("08006", text);
            var status = System.Text.Json.Nodes.JsonNode.Parse(text)!;
            Assert.Equal(reason, (string?)status["reason"]);
            Assert.Equal("CorrelationID", (string?)status["details"]!["causes"]![0]!["reason"]);
            if (code == 503) Assert.Equal(ApiServer.Http.ApiException.StorageUnavailableMessage, (string?)status["message"]);
            if (code != 500)
            {
                Assert.Equal("5", response.Headers.GetValues("Retry-After").Single());
                Assert.Equal(5, (int)status["details"]!["retryAfterSeconds"]!);
            }
        }
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

    [Theory]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("yes")]
    public async Task Any_watch_value_but_0_or_false_is_a_watch(string value)
    {
        // As apimachinery converts the parameter; the storage refusing the watch shows which path the request took.
        await using var host = await StartAsync(() => StorageException.Expired("too old resource version: 1 (5)"));
        var text = await host.Client.GetStringAsync($"{Root.TrimStart('/')}/api/v1/pods?watch={value}");
        Assert.Equal("ERROR", (string?)System.Text.Json.Nodes.JsonNode.Parse(text.Trim())!["type"]);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("FALSE")]
    public async Task Watch_0_or_false_is_a_list(string value)
    {
        await using var host = await StartAsync(() => StorageException.Expired("too old resource version: 1 (5)"));
        await host.Client.AssertStatusAsync($"{Root}/api/v1/pods?watch={value}", 410, "Expired");
    }
}
