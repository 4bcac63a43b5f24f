using Clusterpedia.ApiServer.Clusters;
using Clusterpedia.ApiServer.Tests.Infrastructure;
using Clusterpedia.Storage.Memory;
using Clusterpedia.Tests.Query;
using static Clusterpedia.ApiServer.Tests.Infrastructure.TestObjects;

namespace Clusterpedia.ApiServer.Tests.Http;

/// <summary>Every malformed query of the parser tests, sent over HTTP: 400 with a Status naming the parameter, never a 500.</summary>
public sealed class MalformedSearchParameterTests : IAsyncLifetime
{
    private const string Root = "/apis/clusterpedia.io/v1beta1/resources";
    private ApiServerHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await ApiServerHost.StartAsync(new MemoryStorageFactory(new MemoryStorageOptions()));
        _host.Source.Set("c1", ClusterHealth.Ready, [Pods]);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public static TheoryData<string, string> Queries => MalformedSearchParameters.Queries;

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task List_answers_400_naming_the_parameter(string query, string parameter)
    {
        var status = await _host.Client.AssertStatusAsync($"{Root}/api/v1/pods?{query}", 400, "BadRequest");
        Assert.Contains(parameter, (string?)status["message"]);
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Collection_resources_answer_400_naming_the_parameter(string query, string parameter)
    {
        var status = await _host.Client.AssertStatusAsync(
            $"/apis/clusterpedia.io/v1beta1/collectionresources/workloads?{query}", 400, "BadRequest");
        Assert.Contains(parameter, (string?)status["message"]);
    }
}
