using Clusterpedia.ClusterSimulator;

namespace Clusterpedia.EndToEnd.Tests;

/// <summary>Polls <c>kubectl get pods -A</c> until it lists as many pods as the members have, then checks them one by one.</summary>
public static class PodListing
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    /// <summary>Every member's pods as <c>cluster/namespace/name</c>, ordinal order.</summary>
    public static List<string> ExpectedKeys(IEnumerable<ClusterSimulator.ClusterSimulator> members) =>
        members.SelectMany(m => m.Store.Keys(SimulatedResource.Pods).Select(k => $"{m.Options.Name}/{k}")).Order(StringComparer.Ordinal).ToList();

    /// <summary>The rows of a <c>get pods -A</c> table as <c>cluster/namespace/name</c>, ordinal order.</summary>
    public static List<string> ListedKeys(IEnumerable<Dictionary<string, string>> rows) =>
        rows.Select(r => $"{r.GetValueOrDefault("CLUSTER")}/{r.GetValueOrDefault("NAMESPACE")}/{r.GetValueOrDefault("NAME")}")
            .Order(StringComparer.Ordinal).ToList();

    /// <summary>Returns the listed rows once their count matches; fails with kubectl's and the hosts' output otherwise.</summary>
    public static async Task<List<Dictionary<string, string>>> WaitForAllPodsAsync(
        Kubectl kubectl, IReadOnlyList<ClusterSimulator.ClusterSimulator> members, string[] extraArguments, params HostProcess[] hosts)
    {
        var expected = ExpectedKeys(members).Count;
        var last = "";
        var rows = await Eventually.ValueAsync(async () =>
        {
            foreach (var host in hosts)
                Assert.False(host.HasExited, $"a host exited early:\n{host.Describe()}");
            var (exitCode, stdout, stderr) = await kubectl.RunAsync(["get", "pods", "-A", .. extraArguments]);
            last = $"kubectl exited {exitCode}\n{stdout}\n{stderr}";
            return exitCode == 0 ? Kubectl.ParseTable(stdout) : [];
        }, rows => rows.Count >= expected, Deadline, TimeSpan.FromMilliseconds(500));
        Assert.True(rows.Count >= expected, $"kubectl did not list {expected} pods within {Deadline}; last attempt: {last}\n"
            + string.Join('\n', hosts.Select(h => h.Describe())));
        return rows;
    }

    /// <summary>Every pod of the members exactly once, each with its member's name in the CLUSTER column.</summary>
    public static void AssertEveryPodOnce(List<Dictionary<string, string>> rows, IReadOnlyList<ClusterSimulator.ClusterSimulator> members)
    {
        var expected = ExpectedKeys(members);
        Assert.NotEmpty(expected);
        Assert.All(rows, r => Assert.Contains("CLUSTER", r));
        Assert.Equal(expected, ListedKeys(rows));
    }
}
