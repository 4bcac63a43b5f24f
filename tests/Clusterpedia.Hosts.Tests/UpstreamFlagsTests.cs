using Clusterpedia.Hosting;
using Clusterpedia.Hosting.CommandLine;
using Microsoft.Extensions.Logging;

namespace Clusterpedia.Hosts.Tests;

/// <summary>
/// The flags upstream's Helm charts pass (-v, --worker-number, --leader-elect-*, --kube-api-*, --master, and the
/// unsupported features), parsed and converted without starting a process.
/// </summary>
public sealed class UpstreamFlagsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("upstream-flags-").FullName;
    private readonly string _storageConfig;
    private readonly string _kubeconfig;

    public UpstreamFlagsTests()
    {
        _storageConfig = Path.Combine(_dir, "internalstorage-config.yaml");
        File.WriteAllText(_storageConfig, "type: postgres\n");
        _kubeconfig = Path.Combine(_dir, "kubeconfig");
        File.WriteAllText(_kubeconfig, "apiVersion: v1\nkind: Config\n");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static HostOptions Options(HostComponent component, params string[] args)
    {
        var defaults = component == HostComponent.ApiServer ? HostDefaults.ApiServer
            : component == HostComponent.ClusterSynchroManager ? HostDefaults.ClusterSynchroManager : HostDefaults.BindingApiServer;
        return HostFlags.ToOptions(HostFlags.Create(component, defaults).Parse(args));
    }

    private static HostOptions Manager(params string[] args) => Options(HostComponent.ClusterSynchroManager, args);

    [Fact]
    public void The_upstream_charts_clustersynchro_manager_arguments_parse_without_warnings()
    {
        var options = Manager(
            $"--storage-config={_storageConfig}",
            "--leader-elect-resource-namespace=clusterpedia-system",
            "--leader-elect-lease-duration=15s", "--leader-elect-renew-deadline=10s", "--leader-elect-retry-period=2s",
            "--leader-elect-resource-lock=leases", "--worker-number=5", "--enable-kube-state-metrics=false",
            "--feature-gates=PruneManagedFields=true", "-v=3");

        Assert.Empty(options.Warnings);
        Assert.Equal(LogLevel.Information, options.MinimumLogLevel);
        var synchro = options.Synchro!;
        Assert.Equal(5, synchro.Manager.WorkerNumber);
        Assert.True(synchro.LeaderElect);
        var election = synchro.LeaderElection!;
        Assert.Equal(("clusterpedia-system", "clusterpedia-clustersynchro-manager"), (election.Namespace, election.Name));
        Assert.Equal((TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2)),
            (election.LeaseDuration, election.RenewDeadline, election.RetryPeriod));
    }

    [Fact]
    public void The_upstream_charts_apiserver_arguments_parse_without_warnings()
    {
        var options = Options(HostComponent.ApiServer, "--secure-port=443", $"--storage-config={_storageConfig}", "-v=3");

        Assert.Empty(options.Warnings);
        Assert.Equal(443, options.Serving.SecurePort);
        Assert.Equal(LogLevel.Information, options.MinimumLogLevel);
    }

    [Theory]
    [InlineData("-v=0", LogLevel.Information)]
    [InlineData("-v=3", LogLevel.Information)]
    [InlineData("--v=4", LogLevel.Debug)]
    [InlineData("-v 5", LogLevel.Debug)]
    [InlineData("--v 6", LogLevel.Trace)]
    [InlineData("-v=10", LogLevel.Trace)]
    [InlineData("", LogLevel.Information)]
    public void Verbosity_sets_the_minimum_log_level_on_every_host(string commandLine, LogLevel expected)
    {
        var args = commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        foreach (var component in HostComponent.All)
            Assert.Equal(expected, Options(component, args).MinimumLogLevel);
    }

    [Theory]
    [InlineData("-v=high")]
    [InlineData("-v=-1")]
    public void A_malformed_verbosity_names_the_flag(string argument)
    {
        var error = Assert.Throws<UsageException>(() => Manager(argument));
        Assert.Contains("for \"--v\" flag", error.Message);
    }

    [Theory]
    [InlineData("--worker-number=1", 1)]
    [InlineData("--worker-number=12", 12)]
    public void Worker_number_reaches_the_manager(string argument, int expected) =>
        Assert.Equal(expected, Manager(argument).Synchro!.Manager.WorkerNumber);

    [Fact]
    public void Worker_number_defaults_to_5() => Assert.Equal(5, Manager().Synchro!.Manager.WorkerNumber);

    [Theory]
    [InlineData("--worker-number=0")]
    [InlineData("--worker-number=-2")]
    [InlineData("--worker-number=five")]
    public void A_worker_number_below_one_names_the_flag(string argument)
    {
        var error = Assert.Throws<UsageException>(() => Manager(argument));
        Assert.Contains("for \"--worker-number\" flag", error.Message);
    }

    [Fact]
    public void Leader_election_settings_reach_the_options()
    {
        var election = Manager("--leader-elect-lease-duration=1m", "--leader-elect-renew-deadline=40s", "--leader-elect-retry-period=500ms",
            "--leader-elect-resource-name=my-lease", "--leader-elect-resource-namespace=my-ns").Synchro!.LeaderElection!;

        Assert.Equal(("my-ns", "my-lease"), (election.Namespace, election.Name));
        Assert.Equal((TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(40), TimeSpan.FromMilliseconds(500)),
            (election.LeaseDuration, election.RenewDeadline, election.RetryPeriod));
    }

    [Fact]
    public void Leader_election_defaults_are_upstreams()
    {
        var election = Manager().Synchro!.LeaderElection!;

        Assert.Equal("clusterpedia-clustersynchro-manager", election.Name);
        Assert.Equal((TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2)),
            (election.LeaseDuration, election.RenewDeadline, election.RetryPeriod));
    }

    [Theory]
    [InlineData("--leader-elect-renew-deadline=15s", "--leader-elect-renew-deadline (15s) must be less than --leader-elect-lease-duration (15s)")]
    [InlineData("--leader-elect-renew-deadline=20s", "--leader-elect-renew-deadline (20s) must be less than --leader-elect-lease-duration (15s)")]
    [InlineData("--leader-elect-retry-period=10s", "--leader-elect-retry-period (10s) must be less than --leader-elect-renew-deadline (10s)")]
    [InlineData("--leader-elect-lease-duration=15", "invalid argument \"15\" for \"--leader-elect-lease-duration\" flag")]
    [InlineData("--leader-elect-retry-period=0s", "invalid argument \"0s\" for \"--leader-elect-retry-period\" flag")]
    public void Leader_election_timings_out_of_order_or_malformed_name_the_flags(string argument, string message)
    {
        var error = Assert.Throws<UsageException>(() => Manager(argument));
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData("configmaps")]
    [InlineData("endpointsleases")]
    [InlineData("configmapsleases")]
    public void Only_leases_is_a_supported_resource_lock(string resourceLock)
    {
        var error = Assert.Throws<HostConfigurationException>(() => Manager($"--leader-elect-resource-lock={resourceLock}"));
        Assert.Contains($"--leader-elect-resource-lock=\"{resourceLock}\" is not supported", error.Message);
        Assert.Contains("the only supported value is \"leases\"", error.Message);
    }

    [Fact]
    public void Leader_election_settings_without_leader_election_warn()
    {
        var options = Manager("--leader-elect=false", "--leader-elect-lease-duration=30s", "--leader-elect-renew-deadline=20s");
        Assert.Contains(options.Warnings, w => w.Contains("--leader-elect-* settings have no effect without --leader-elect", StringComparison.Ordinal));
    }

    [Fact]
    public void Host_client_flags_reach_the_options()
    {
        var client = Manager($"--kubeconfig={_kubeconfig}", "--master=https://10.0.0.1:6443", "--kube-api-qps=20.5", "--kube-api-burst=40",
            "--kube-api-content-type=application/json").Synchro!.HostClient;

        Assert.Equal(new KubeClientSettings("https://10.0.0.1:6443", 20.5, 40), client);
    }

    [Fact]
    public void Host_client_defaults_limit_to_50_qps_with_a_burst_of_100() =>
        Assert.Equal(new KubeClientSettings(null, 50, 100), Manager().Synchro!.HostClient);

    [Fact]
    public void A_negative_qps_disables_the_limit() =>
        Assert.Null(Manager($"--kubeconfig={_kubeconfig}", "--kube-api-qps=-1").Synchro!.HostClient.Qps);

    [Theory]
    [InlineData("--kube-api-qps=0", "for \"--kube-api-qps\" flag")]
    [InlineData("--kube-api-qps=fast", "for \"--kube-api-qps\" flag")]
    [InlineData("--kube-api-burst=0", "for \"--kube-api-burst\" flag")]
    [InlineData("--kube-api-content-type=application/yaml", "for \"--kube-api-content-type\" flag")]
    [InlineData("--master=10.0.0.1:6443", "for \"--master\" flag")]
    public void Malformed_host_client_flags_name_the_flag(string argument, string message)
    {
        var error = Assert.Throws<UsageException>(() => Manager($"--kubeconfig={_kubeconfig}", argument));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Protobuf_content_type_warns_that_json_is_used()
    {
        var options = Manager($"--kubeconfig={_kubeconfig}", "--kube-api-content-type=application/vnd.kubernetes.protobuf");
        var warning = Assert.Single(options.Warnings);
        Assert.Contains("--kube-api-content-type=application/vnd.kubernetes.protobuf is not implemented", warning);
        Assert.Contains("use application/json", warning);
    }

    [Fact]
    public void Master_without_a_kubeconfig_is_an_error()
    {
        var error = Assert.Throws<HostConfigurationException>(() => Manager("--master=https://10.0.0.1:6443"));
        Assert.Contains("--master overrides the server of --kubeconfig", error.Message);
    }

    [Fact]
    public void Rate_limits_without_a_host_cluster_warn()
    {
        var options = Manager("--kube-api-qps=5");
        Assert.Contains(options.Warnings, w => w.Contains("no effect without --kubeconfig", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--enable-kube-state-metrics", "--enable-kube-state-metrics: kube-state-metrics is not supported by this build")]
    [InlineData("--enable-kube-state-metrics=true", "--enable-kube-state-metrics: kube-state-metrics is not supported by this build")]
    [InlineData("--sharding-name=shard-a", "--sharding-name: sharding (\"shard-a\") is not supported by this build")]
    public void Unsupported_manager_features_are_refused(string argument, string message)
    {
        var error = Assert.Throws<HostConfigurationException>(() => Manager(argument));
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData("--enable-kube-state-metrics=false")]
    [InlineData("--sharding-name=")]
    public void Unsupported_manager_features_switched_off_are_accepted_silently(string argument) =>
        Assert.Empty(Manager(argument).Warnings);

    [Fact]
    public void Tracing_is_refused_on_the_apiservers_and_accepted_empty()
    {
        foreach (var component in new[] { HostComponent.ApiServer, HostComponent.BindingApiServer })
        {
            var error = Assert.Throws<HostConfigurationException>(() => Options(component, "--tracing-config-file=/etc/clusterpedia/trace/tracing-config.yaml"));
            Assert.Contains("--tracing-config-file: tracing is not supported by this build", error.Message);
            Assert.Empty(Options(component, "--tracing-config-file=").Warnings);
        }
    }

    [Fact]
    public void The_manager_flags_are_not_apiserver_flags()
    {
        var error = Assert.Throws<UsageException>(() => Options(HostComponent.ApiServer, "--worker-number=5"));
        Assert.Contains("unknown flag: --worker-number", error.Message);
    }

    [Fact]
    public void Help_lists_the_upstream_flags()
    {
        var manager = HostFlags.Create(HostComponent.ClusterSynchroManager, HostDefaults.ClusterSynchroManager).Usage();
        foreach (var flag in new[]
                 {
                     "-v, --v Level", "--worker-number int", "--leader-elect-lease-duration duration", "--leader-elect-renew-deadline duration",
                     "--leader-elect-retry-period duration", "--leader-elect-resource-lock string", "--leader-elect-resource-name string",
                     "--leader-elect-resource-namespace string", "--master string", "--kube-api-qps float32", "--kube-api-burst int32",
                     "--kube-api-content-type string", "--enable-kube-state-metrics", "--sharding-name string",
                 })
            Assert.Contains(flag, manager);
        Assert.Contains("--tracing-config-file string", HostFlags.Create(HostComponent.ApiServer, HostDefaults.ApiServer).Usage());
    }
}
