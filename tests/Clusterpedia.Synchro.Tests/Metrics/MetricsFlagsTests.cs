using System.Net;
using Clusterpedia.Hosting;
using Clusterpedia.Hosting.CommandLine;

namespace Clusterpedia.Synchro.Tests.Metrics;

public sealed class MetricsFlagsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("clusterpedia-metrics-flags-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private SynchroHostOptions Parse(params string[] args) =>
        SynchroFlags.ToOptions(SynchroFlags.Add(new FlagSet("clustersynchro-manager"), HostComponent.ClusterSynchroManager)
            .Parse([$"--pediaclusters={_dir}", .. args]))!;

    [Fact]
    public void DefaultsServeMetricsOnEveryAddressAtPort8081() =>
        Assert.Equal(new MetricsEndpointOptions(IPAddress.IPv6Any, 8081), Parse().Metrics);

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public void MetricsHostTakesAnIpAddress(string host) =>
        Assert.Equal(new MetricsEndpointOptions(IPAddress.Parse(host), 9100), Parse($"--metrics-host={host}", "--metrics-port=9100").Metrics);

    [Fact]
    public void PortZeroDisablesMetrics() => Assert.Null(Parse("--metrics-port=0").Metrics);

    [Theory]
    [InlineData("--metrics-host=localhost", "invalid argument \"localhost\" for \"--metrics-host\" flag")]
    [InlineData("--metrics-port=70000", "invalid argument \"70000\" for \"--metrics-port\" flag")]
    public void BadValuesNameTheFlag(string arg, string message) =>
        Assert.StartsWith(message, Assert.Throws<UsageException>(() => Parse(arg)).Message, StringComparison.Ordinal);
}

public sealed class MetricsPortClashTests
{
    [Fact]
    public void TheMetricsPortMustDifferFromTheSecurePort()
    {
        var flags = HostFlags.Create(HostComponent.ClusterSynchroManager, HostDefaults.ClusterSynchroManager)
            .Parse(["--secure-port=9443", "--metrics-port=9443"]);
        var error = Assert.Throws<HostConfigurationException>(() => HostFlags.ToOptions(flags));
        Assert.Contains("--metrics-port and --secure-port are both 9443", error.Message, StringComparison.Ordinal);
    }
}
