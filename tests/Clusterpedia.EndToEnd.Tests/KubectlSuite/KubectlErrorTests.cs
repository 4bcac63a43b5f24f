using Clusterpedia.ClusterSimulator;
using Clusterpedia.Tests.Query;

namespace Clusterpedia.EndToEnd.Tests.KubectlSuite;

/// <summary>
/// Requests the server refuses, with the status and message kubectl prints for each. kubectl prints
/// <c>Error from server (&lt;reason&gt;): &lt;message&gt;</c>, so a 500 (InternalError) can never pass for one of these.
/// </summary>
[Collection(KubectlSuiteCollection.Name)]
public sealed class KubectlErrorTests(ThreeClusterBindingApiServer server) : IAsyncLifetime
{
    private const string Resources = ThreeClusterBindingApiServer.ResourcesPath;

    public Task InitializeAsync() => server.WaitUntilSyncedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AnUnknownClusterIsABadRequest()
    {
        // --raw paths are absolute on the server, whatever path the kubeconfig's server has.
        var stderr = await server.All.FailAsync("get", "--raw", $"{Resources}/clusters/nope/api/v1/pods");
        Assert.Contains("Error from server (BadRequest): the server could not find the requested cluster", stderr);

        stderr = await server.All.FailAsync("get", "--raw", $"{Resources}/clusters/nope/api/v1/secrets");
        Assert.Contains("Error from server (BadRequest): the server could not find the requested cluster", stderr);
    }

    [Fact]
    public async Task AnUnsyncedResourceIsNotFound()
    {
        var stderr = await server.All.FailAsync("get", "secrets", "-A");
        Assert.Contains("error: the server doesn't have a resource type \"secrets\"", stderr);

        stderr = await server.All.FailAsync("get", "--raw", $"{Resources}/api/v1/secrets");
        Assert.Contains("Error from server (NotFound): the server could not find the requested resource", stderr);

        stderr = await server.All.FailAsync("get", "--raw", $"{Resources}/clusters/c1/apis/apps/v1/daemonsets");
        Assert.Contains("Error from server (NotFound): the server could not find the requested resource", stderr);
    }

    public static TheoryData<string, string> MalformedQueries => MalformedSearchParameters.Queries;

    [Theory]
    [MemberData(nameof(MalformedQueries))]
    public async Task AMalformedSearchParameterIsABadRequestNamingIt(string query, string parameter)
    {
        var stderr = await server.All.FailAsync("get", "--raw", $"{Resources}/api/v1/pods?{query}");
        Assert.Contains($"Error from server (BadRequest): invalid {parameter}: ", stderr);
    }

    [Fact]
    public async Task AMalformedSearchParameterOfACollectionResourceIsABadRequestNamingIt()
    {
        var stderr = await server.All.FailAsync("get", "--raw", "/apis/clusterpedia.io/v1beta1/collectionresources/workloads?orderby=podIP");
        Assert.Contains("Error from server (BadRequest): invalid orderby: ", stderr);
    }

    [Fact]
    public async Task MutatingVerbsAreNotAllowedAndChangeNothing()
    {
        var pod = server.Objects(SimulatedResource.Pods, "c2")[0];
        var c2 = server.InCluster("c2");

        var stderr = await c2.FailAsync("delete", "pod", pod.Name, "-n", pod.Namespace, "--wait=false");
        Assert.Contains("Error from server (MethodNotAllowed): delete is not supported on resources of kind \"pods\"", stderr);

        stderr = await c2.FailAsync("label", "pod", pod.Name, "-n", pod.Namespace, "touched=yes");
        Assert.Contains("Error from server (MethodNotAllowed): patch is not supported on resources of kind \"pods\"", stderr);

        stderr = await c2.FailAsync("create", "namespace", "made-by-kubectl");
        Assert.Contains("Error from server (MethodNotAllowed): create is not supported on resources of kind \"namespaces\"", stderr);

        stderr = await server.All.FailAsync("delete", "--raw", $"{Resources}/api/v1/namespaces/{pod.Namespace}/pods");
        Assert.Contains("Error from server (MethodNotAllowed): deletecollection is not supported on resources of kind \"pods\"", stderr);

        var row = Assert.Single(Kubectl.ParseTable(await c2.OkAsync("get", "pod", pod.Name, "-n", pod.Namespace, "--show-labels")));
        Assert.DoesNotContain("touched", row["LABELS"]);
        Assert.Empty(Kubectl.ParseTable(await c2.OkAsync("get", "ns", "-l", "search.clusterpedia.io/names=made-by-kubectl")));
    }
}
