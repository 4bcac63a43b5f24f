using Clusterpedia.ClusterSimulator;

namespace Clusterpedia.EndToEnd.Tests;

/// <summary>Polls <c>kubectl get pods -A</c> until it lists as many pods as the member has, then checks them one by one.</summary>
public static class PodListing
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    /// <summary>Returns the listed rows once their count matches; fails with kubectl's and the hosts' output otherwise.</summary>
    public static async Task<List<Dictionary<string, string>>> WaitForAllPodsAsync(
        Kubectl kubectl, ClusterSimulator.ClusterSimulator member, string[] extraArguments, params HostProcess[] hosts)
    {
        var expected = member.Store.Keys(SimulatedResource.Pods).Count;
        var until = DateTime.UtcNow + Deadline;
        var last = "";
        while (true)
        {
            foreach (var host in hosts)
                Assert.False(host.HasExited, $"a host exited early:\n{host.Describe()}");
            var (exitCode, stdout, stderr) = await kubectl.RunAsync(["get", "pods", "-A", .. extraArguments]);
            last = $"kubectl exited {exitCode}\n{stdout}\n{stderr}";
            if (exitCode == 0)
            {
                var rows = Kubectl.ParseTable(stdout);
                if (rows.Count >= expected) return rows;
            }
            if (DateTime.UtcNow > until)
                Assert.Fail($"kubectl did not list {expected} pods within {Deadline}; last attempt: {last}\n"
                    + string.Join('\n', hosts.Select(h => h.Describe())));
            await Task.Delay(500);
        }
    }

    /// <summary>Every pod of the member exactly once, each with the member's name in the CLUSTER column.</summary>
    public static void AssertEveryPodOnce(List<Dictionary<string, string>> rows, ClusterSimulator.ClusterSimulator member)
    {
        var expected = member.Store.Keys(SimulatedResource.Pods).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(expected);
        Assert.All(rows, r => Assert.Equal(member.Options.Name, Assert.Contains("CLUSTER", r)));
        var listed = rows.Select(r => $"{r["NAMESPACE"]}/{r["NAME"]}").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, listed);
    }
}
