using System.Net;

namespace Clusterpedia.Hosts.Tests;

/// <summary>Upstream's chart arguments given to a real host binary: accepted, warned about, or refused with the flag's name.</summary>
[Collection(HostBuildsCollection.Name)]
[Trait("Category", "Slow")]
public sealed class UpstreamCommandLineTests(HostBuilds builds)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private Task<string> BindingApiServer() => builds.GetAsync("binding-apiserver", "memory");

    [Fact]
    public async Task The_upstream_manager_arguments_start_the_host_and_unimplemented_ones_warn()
    {
        await using var running = RunningHost.Start(await BindingApiServer(),
            "--leader-elect-lease-duration=15s", "--leader-elect-renew-deadline=10s", "--leader-elect-retry-period=2s",
            "--leader-elect-resource-lock=leases", "--worker-number=5", "--enable-kube-state-metrics=false", "-v=3",
            "--kube-api-content-type=application/vnd.kubernetes.protobuf");
        using var client = running.CreateClient(_ => true);

        using var healthz = await running.WaitForHealthzAsync(client);

        Assert.Equal(HttpStatusCode.OK, healthz.StatusCode);
        Assert.Contains("Warning: --kube-api-content-type=application/vnd.kubernetes.protobuf is not implemented by this build", running.Output);
    }

    [Theory]
    [InlineData("--enable-kube-state-metrics", "--enable-kube-state-metrics: kube-state-metrics is not supported by this build")]
    [InlineData("--sharding-name=shard-a", "--sharding-name: sharding (\"shard-a\") is not supported by this build")]
    [InlineData("--tracing-config-file=/etc/clusterpedia/trace/tracing-config.yaml", "--tracing-config-file: tracing is not supported by this build")]
    [InlineData("--leader-elect-resource-lock=configmaps", "the only supported value is \"leases\"")]
    public async Task Unsupported_upstream_features_exit_1_saying_so(string argument, string message)
    {
        var result = await ProcessRunner.RunAsync(await BindingApiServer(), [argument], Timeout);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.StandardError);
    }

    [Theory]
    [InlineData("--worker-number=0", "invalid argument \"0\" for \"--worker-number\" flag")]
    [InlineData("-v=loud", "invalid argument \"loud\" for \"--v\" flag")]
    [InlineData("--leader-elect-retry-period=12s", "--leader-elect-retry-period (12s) must be less than --leader-elect-renew-deadline (10s)")]
    public async Task Malformed_upstream_flags_exit_2_naming_the_flag(string argument, string message)
    {
        var result = await ProcessRunner.RunAsync(await BindingApiServer(), [argument], Timeout);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.StandardError);
    }
}
