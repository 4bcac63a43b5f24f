using System.Text;
using Clusterpedia.ClusterSimulator;
using Clusterpedia.Kube.Api;
using Clusterpedia.Kube.Connection;
using Clusterpedia.Kube.LeaderElection;
using Clusterpedia.Synchro.Tests.Sync;

namespace Clusterpedia.Synchro.Tests.Kube;

/// <summary>Lease leader election against the simulated host cluster, with short durations.</summary>
public sealed class LeaderElectionTests : IAsyncLifetime
{
    private ClusterSimulator.ClusterSimulator _host = null!;

    public async Task InitializeAsync() => _host = await ClusterSimulator.ClusterSimulator.StartAsync(new SimulatorOptions { Name = "host" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private LeaderElector Elector(string identity) => new(
        new KubeClient(KubeConnection.Create(new KubeCredentials { Server = _host.Url.ToString(), Token = Encoding.UTF8.GetBytes("t") })),
        new LeaderElectionOptions("clusterpedia-system", "clusterpedia-clustersynchro-manager", identity)
        {
            LeaseDuration = TimeSpan.FromSeconds(2), RenewDeadline = TimeSpan.FromSeconds(1.5), RetryPeriod = TimeSpan.FromMilliseconds(200),
        });

    [Fact]
    public async Task OneLeadsAndTheOtherTakesOverAfterTheLeaseExpires()
    {
        var leaders = new List<string>();
        var a = Elector("a");
        var b = Elector("b");
        using var stopA = new CancellationTokenSource();
        using var stopB = new CancellationTokenSource();
        var runA = a.RunAsync(async ct => { lock (leaders) leaders.Add("a"); await Task.Delay(Timeout.Infinite, ct); }, stopA.Token);
        await Eventually.TrueAsync(() => a.IsLeader, "a leads");
        var runB = b.RunAsync(async ct => { lock (leaders) leaders.Add("b"); await Task.Delay(Timeout.Infinite, ct); }, stopB.Token);
        await Task.Delay(TimeSpan.FromSeconds(1)); // b retries while a renews
        Assert.False(b.IsLeader);

        await stopA.CancelAsync(); // a stops renewing without releasing, like a crashed manager
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runA);
        await Eventually.TrueAsync(() => b.IsLeader, "b takes over once the lease expires");
        Assert.Equal(["a", "b"], leaders);
        var lease = _host.Store.Get(SimulatedResource.Leases, "clusterpedia-system/clusterpedia-clustersynchro-manager")!;
        Assert.Contains("\"holderIdentity\":\"b\"", Encoding.UTF8.GetString(lease.Json), StringComparison.Ordinal);
        Assert.Contains("\"leaseTransitions\":1", Encoding.UTF8.GetString(lease.Json), StringComparison.Ordinal);
        await stopB.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runB);
    }

    [Fact]
    public async Task ALeaderThatCannotRenewStopsLeading()
    {
        var a = Elector("a");
        var lost = new TaskCompletionSource();
        var run = a.RunAsync(async ct =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                lost.SetResult();
            }
        }, CancellationToken.None);
        await Eventually.TrueAsync(() => a.IsLeader, "a leads");
        _host.Unreachable = true;
        await lost.Task.WaitAsync(SyncHarness.Deadline);
        await run;
        Assert.False(a.IsLeader);
    }
}
