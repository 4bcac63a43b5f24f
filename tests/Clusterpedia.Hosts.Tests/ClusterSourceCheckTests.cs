using Clusterpedia.Hosting;
using Clusterpedia.Hosting.CommandLine;
using Clusterpedia.Hosting.Synchro;

namespace Clusterpedia.Hosts.Tests;

/// <summary>When the split apiserver has no source of PediaCluster status (no --kubeconfig, not in a pod), and only then.</summary>
public sealed class ClusterSourceCheckTests : IDisposable
{
    private const string Token = "/var/run/secrets/kubernetes.io/serviceaccount/token";
    private readonly string _dir = Directory.CreateTempSubdirectory("cluster-source-").FullName;
    private readonly string _kubeconfig;

    public ClusterSourceCheckTests()
    {
        _kubeconfig = Path.Combine(_dir, "kubeconfig");
        File.WriteAllText(_kubeconfig, "apiVersion: v1\nkind: Config\n");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static HostOptions Options(HostComponent component, HostDefaults defaults, params string[] args) =>
        HostFlags.ToOptions(HostFlags.Create(component, defaults).Parse(args));

    private static string? Check(HostComponent component, HostOptions options, string? serviceHost = null, bool token = false) =>
        ClusterSourceCheck.MissingSource(component, options, name => name == "KUBERNETES_SERVICE_HOST" ? serviceHost : null, path => token && path == Token);

    [Fact]
    public void Apiserver_without_kubeconfig_outside_a_pod_says_it_serves_no_clusters_and_what_to_give()
    {
        var reason = Check(HostComponent.ApiServer, Options(HostComponent.ApiServer, HostDefaults.ApiServer));

        Assert.NotNull(reason);
        Assert.StartsWith("apiserver serves no clusters", reason);
        Assert.Contains("no --kubeconfig, and not running in a pod", reason);
        Assert.Contains("--kubeconfig <host cluster kubeconfig>", reason);
        Assert.Contains("binding-apiserver", reason);
    }

    [Fact]
    public void Apiserver_with_a_host_cluster_or_in_a_pod_has_a_source()
    {
        Assert.Null(Check(HostComponent.ApiServer, Options(HostComponent.ApiServer, HostDefaults.ApiServer, "--kubeconfig", _kubeconfig)));
        Assert.Null(Check(HostComponent.ApiServer, Options(HostComponent.ApiServer, HostDefaults.ApiServer), serviceHost: "10.96.0.1", token: true));
        // KUBERNETES_SERVICE_HOST alone (no service account token) is not a pod that can read the host cluster.
        Assert.NotNull(Check(HostComponent.ApiServer, Options(HostComponent.ApiServer, HostDefaults.ApiServer), serviceHost: "10.96.0.1"));
    }

    [Fact]
    public void Executables_that_sync_are_not_concerned()
    {
        Assert.Null(Check(HostComponent.BindingApiServer, Options(HostComponent.BindingApiServer, HostDefaults.BindingApiServer)));
        Assert.Null(Check(HostComponent.ClusterSynchroManager, Options(HostComponent.ClusterSynchroManager, HostDefaults.ClusterSynchroManager)));
    }
}
