using System.Net;

namespace Clusterpedia.Hosts.Tests;

/// <summary>The split apiserver started without a host cluster says so: a warning at start-up, and /readyz.</summary>
[Collection(HostBuildsCollection.Name)]
[Trait("Category", "Slow")]
public sealed class ClusterSourceTests(HostBuilds builds)
{
    [Fact]
    public async Task Apiserver_without_a_host_cluster_warns_and_readyz_names_the_reason()
    {
        var host = await builds.GetAsync("apiserver", "memory,fixture");
        var certDir = Path.Combine(builds.OutputRoot, "certs-apiserver-no-source");
        await using var running = RunningHost.Start(host, "--storage-name=fixture", $"--cert-dir={certDir}");
        using var client = running.CreateClient(Path.Combine(certDir, "apiserver.crt"));

        using var healthz = await running.WaitForHealthzAsync(client);
        using var readyz = await client.GetAsync("/readyz");
        using var verbose = await client.GetAsync("/readyz?verbose");

        // Alive and healthy, but not ready: it can never serve a cluster as started.
        Assert.Equal("ok", await healthz.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyz.StatusCode);
        Assert.Equal("[-]pediacluster-source failed: reason withheld\nreadyz check failed", await readyz.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, verbose.StatusCode);
        var reason = await verbose.Content.ReadAsStringAsync();
        Assert.StartsWith("[-]pediacluster-source failed: apiserver serves no clusters: ", reason);
        Assert.Contains("(no --kubeconfig, and not running in a pod)", reason);
        Assert.EndsWith("\nreadyz check failed", reason);
        Assert.Contains("apiserver serves no clusters", running.Output);
    }
}
