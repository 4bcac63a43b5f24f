namespace Clusterpedia.ClusterSimulator.Tests;

/// <summary>The simulated cluster as the real kubectl sees it: lists, paging, get, discovery and watch.</summary>
public sealed class KubectlFidelityTests : IAsyncLifetime
{
    private ClusterSimulator _cluster = null!;

    public async Task InitializeAsync() =>
        _cluster = await ClusterSimulator.StartAsync(new SimulatorOptions { Namespaces = 2, Deployments = 4, PodsPerReplicaSet = 3, CronTabs = 3, HorizontalPodAutoscalers = 2 });

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public async Task GetPodsAllNamespacesListsEveryPod()
    {
        using var kubectl = new Kubectl(_cluster);
        var (code, stdout, stderr) = await kubectl.RunAsync("get", "pods", "-A", "-o", "name");
        Assert.True(code == 0, stderr);
        var expected = _cluster.Store.Keys(SimulatedResource.Pods).Select(k => "pod/" + k.Split('/')[1]).Order().ToArray();
        Assert.Equal(12, expected.Length);
        Assert.Equal(expected, Lines(stdout).Order().ToArray());
    }

    [Fact]
    public async Task ChunkSizePagesWithContinueAndLosesNothing()
    {
        using var kubectl = new Kubectl(_cluster);
        var (code, stdout, stderr) = await kubectl.RunAsync("get", "pods", "-A", "--chunk-size=5", "-o", "name", "-v=6");
        Assert.True(code == 0, stderr);
        Assert.Equal(12, Lines(stdout).Length);
        Assert.Equal(3, Lines(stderr).Count(l => l.Contains("/api/v1/pods?", StringComparison.Ordinal) && l.Contains("limit=5", StringComparison.Ordinal)));
        Assert.Equal(2, Lines(stderr).Count(l => l.Contains("continue=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task GetsDeploymentsCustomResourcesAndCrdsThroughDiscovery()
    {
        using var kubectl = new Kubectl(_cluster);
        var deploy = await kubectl.RunAsync("get", "deployments.apps", "-n", "ns-0", "-o", "name");
        Assert.True(deploy.ExitCode == 0, deploy.Stderr);
        Assert.Equal(["deployment.apps/app-0", "deployment.apps/app-2"], Lines(deploy.Stdout));

        var crontabs = await kubectl.RunAsync("get", "ct", "-A", "-o", "name");
        Assert.True(crontabs.ExitCode == 0, crontabs.Stderr);
        Assert.Equal(3, Lines(crontabs.Stdout).Length);

        var crd = await kubectl.RunAsync("get", "crd", "-o", "name");
        Assert.Equal(["customresourcedefinition.apiextensions.k8s.io/crontabs.stable.example.com"], Lines(crd.Stdout));
    }

    [Fact]
    public async Task JsonOutputHasKindOnItemsThatTheServerSentWithout()
    {
        using var kubectl = new Kubectl(_cluster);
        var (code, stdout, stderr) = await kubectl.RunAsync("get", "pods", "-n", "ns-0", "-o", "json");
        Assert.True(code == 0, stderr);
        var items = System.Text.Json.Nodes.JsonNode.Parse(stdout)!["items"]!.AsArray();
        Assert.Equal(6, items.Count);
        Assert.All(items, i => Assert.Equal("Pod", (string?)i!["kind"]));
    }

    [Fact]
    public async Task GetsHpasInThePreferredVersionAndInAnExplicitOne()
    {
        using var kubectl = new Kubectl(_cluster);
        var preferred = await kubectl.RunAsync("get", "hpa", "-A", "-o", "jsonpath={.items[*].apiVersion}");
        Assert.True(preferred.ExitCode == 0, preferred.Stderr);
        Assert.Equal("autoscaling/v2 autoscaling/v2", preferred.Stdout);
        var v1 = await kubectl.RunAsync("get", "horizontalpodautoscalers.v1.autoscaling", "-n", "ns-0", "app-0", "-o", "jsonpath={.spec.targetCPUUtilizationPercentage}");
        Assert.True(v1.ExitCode == 0, v1.Stderr);
        Assert.Equal("80", v1.Stdout);
    }

    [Fact]
    public async Task GetOneObjectAndMissingObjectIsNotFound()
    {
        using var kubectl = new Kubectl(_cluster);
        var key = _cluster.Store.Keys(SimulatedResource.Pods)[0].Split('/');
        var one = await kubectl.RunAsync("get", "pod", "-n", key[0], key[1], "-o", "jsonpath={.metadata.ownerReferences[0].kind}");
        Assert.True(one.ExitCode == 0, one.Stderr);
        Assert.Equal("ReplicaSet", one.Stdout);

        var missing = await kubectl.RunAsync("get", "pod", "-n", key[0], "no-such-pod");
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("not found", missing.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WatchStreamsChangesMadeAfterTheList()
    {
        using var kubectl = new Kubectl(_cluster);
        var watch = kubectl.RunAsync(TimeSpan.FromSeconds(8), "get", "crontabs", "-n", "ns-0", "-w", "-o", "name");
        await Task.Delay(TimeSpan.FromSeconds(3));
        _cluster.Store.Create(ClusterPopulation.NewCronTab("ns-0", 999, new Random(7)));
        var (_, stdout, _) = await watch;
        Assert.Contains(Lines(stdout), l => l.StartsWith("crontab.stable.example.com/cron-999-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnreachableClusterFailsKubectl()
    {
        using var kubectl = new Kubectl(_cluster);
        _cluster.Unreachable = true;
        var (code, _, _) = await kubectl.RunAsync(TimeSpan.FromSeconds(30), "get", "pods", "-A", "--request-timeout=5s");
        Assert.NotEqual(0, code);
        _cluster.Unreachable = false;
        var again = await kubectl.RunAsync("get", "pods", "-A", "-o", "name");
        Assert.Equal(0, again.ExitCode);
    }
}
