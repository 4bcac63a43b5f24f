using Clusterpedia.ClusterSimulator;

namespace Clusterpedia.EndToEnd.Tests.KubectlSuite;

/// <summary>What kubectl sees while a member cluster changes: a watch, and the warning for an unhealthy cluster.</summary>
[Collection(KubectlSuiteCollection.Name)]
public sealed class KubectlWatchTests(ThreeClusterBindingApiServer server) : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    public Task InitializeAsync() => server.WaitUntilSyncedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static List<string> Lines(HostProcess process) => process.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();

    [Fact]
    public async Task GetPodsAllNamespacesWatchPrintsAPodCreatedInAMember()
    {
        var listed = PodListing.ExpectedKeys(server.Clusters).Count;
        await using var watch = server.All.Start("get", "pods", "-A", "-w");
        var lines = await Eventually.ValueAsync(() => Task.FromResult(Lines(watch)), l => l.Count > listed || watch.HasExited, Deadline);
        Assert.True(lines.Count == listed + 1, $"kubectl get -w did not print a header and the {listed} pods:\n{watch.Describe()}");
        Assert.Equal(["NAMESPACE", "CLUSTER", "NAME", "READY", "STATUS", "RESTARTS", "AGE"], Kubectl.Header(lines[0]));

        var c2 = server.Cluster("c2");
        var replicaSet = c2.Store.Get(SimulatedResource.ReplicaSets, c2.Store.Keys(SimulatedResource.ReplicaSets)[0])!.Spec;
        var random = new Random();
        var pod = ClusterPopulation.NewPod(replicaSet, random);
        c2.Store.CreatePodWithEvent(pod, random);

        lines = await Eventually.ValueAsync(() => Task.FromResult(Lines(watch)),
            l => l.Skip(listed + 1).Any(x => x.Contains(pod.Name, StringComparison.Ordinal)) || watch.HasExited, Deadline);
        var added = lines.Skip(listed + 1).FirstOrDefault(l => l.Contains(pod.Name, StringComparison.Ordinal));
        Assert.True(added is not null, $"kubectl get -w did not print the new pod {pod.Key}:\n{watch.Describe()}");
        Assert.Equal([pod.Namespace, "c2", pod.Name, "1/1", "Running"], added.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(5));
    }

    [Fact]
    public async Task AnUnhealthyClusterGetsAWarningOnItsRequests()
    {
        var c3 = server.Cluster("c3");
        var kubectl = server.InCluster("c3");
        var expected = server.Objects(SimulatedResource.Pods, "c3").Where(p => p.Namespace == "ns-0").Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
        // The synchro checks the member's /readyz every 5 to 7.5 seconds.
        c3.Unhealthy = true;
        try
        {
            var (exitCode, stdout, stderr) = await Eventually.ValueAsync(() => kubectl.RunAsync("get", "pods", "-n", "ns-0"),
                r => r.Stderr.Contains("Warning:", StringComparison.Ordinal), Deadline, TimeSpan.FromSeconds(1));
            Assert.True(exitCode == 0, stderr);
            Assert.Contains("Warning: c3 is not ready and the resources obtained may be inaccurate, reason: Unhealthy", stderr);
            Assert.Equal(expected, Kubectl.ParseTable(stdout).Select(r => r["NAME"]).Order(StringComparer.Ordinal));
        }
        finally
        {
            c3.Unhealthy = false;
        }
        var healthy = await Eventually.ValueAsync(() => kubectl.RunAsync("get", "pods", "-n", "ns-0"),
            r => r.ExitCode == 0 && !r.Stderr.Contains("Warning:", StringComparison.Ordinal), Deadline, TimeSpan.FromSeconds(1));
        Assert.True(healthy.ExitCode == 0 && !healthy.Stderr.Contains("Warning:", StringComparison.Ordinal),
            $"c3 stayed unhealthy after its /readyz recovered:\n{healthy.Stderr}\n{server.Process.Describe()}");
    }
}
