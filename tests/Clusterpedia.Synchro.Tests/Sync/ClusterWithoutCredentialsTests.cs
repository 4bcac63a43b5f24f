using System.Text;
using Clusterpedia.Synchro.Manager;

namespace Clusterpedia.Synchro.Tests.Sync;

/// <summary>
/// Members that need no credentials (behind an authenticating proxy, or plain HTTP) synced from PediaClusters that
/// carry none: a kubeconfig whose user is <c>{}</c>, or an apiserver URL alone. No request carries an Authorization header.
/// </summary>
public sealed class ClusterWithoutCredentialsTests : IAsyncLifetime
{
    private readonly SyncHarness _harness = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task A_PediaCluster_whose_kubeconfig_user_is_empty_syncs_its_pods()
    {
        var member = await _harness.AddClusterAsync("proxied", seed: 51, requireToken: false);
        var pediaCluster = SyncHarness.PediaClusterFor(member);
        pediaCluster.Spec.Apiserver = null;
        // user: {}, and certificate-authority-data for the simulator's TLS.
        pediaCluster.Spec.Kubeconfig = Encoding.UTF8.GetBytes(member.KubeconfigWithoutCredentials());
        await using var manager = new ClusterSynchroManager(_harness.Storage, SyncHarness.FastOptions());
        await manager.ApplyAsync(pediaCluster, CancellationToken.None);

        await _harness.WaitConvergedAsync(member);
        await Eventually.TrueAsync(() => manager.Get("proxied")!.IsReady(), "the cluster is Ready");
        Assert.Equal(member.Url.ToString().TrimEnd('/'), manager.Get("proxied")!.Status!.Apiserver);
        Assert.Equal([""], member.AuthorizationHeaders);
    }

    [Fact]
    public async Task A_PediaCluster_with_only_an_http_apiserver_syncs()
    {
        var member = await _harness.AddClusterAsync("plain", seed: 53, requireToken: false, plainHttp: true);
        var pediaCluster = SyncHarness.PediaClusterFor(member);
        Assert.Null(pediaCluster.Spec.TokenData);
        Assert.StartsWith("http://", pediaCluster.Spec.Apiserver, StringComparison.Ordinal);
        await using var manager = new ClusterSynchroManager(_harness.Storage, SyncHarness.FastOptions());
        await manager.ApplyAsync(pediaCluster, CancellationToken.None);

        await _harness.WaitConvergedAsync(member);
        await Eventually.TrueAsync(() => manager.Get("plain")!.IsReady(), "the cluster is Ready");
        Assert.Equal([""], member.AuthorizationHeaders);
    }
}
