using System.Net;
using Clusterpedia.Storage.Internal.Tests.Servers;

namespace Clusterpedia.EndToEnd.Tests;

/// <summary>
/// A chart starts the database beside the apiserver: started while PostgreSQL is down, the apiserver retries (each
/// attempt logged) instead of exiting, and serves once the database is up.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class LateDatabaseTests(PostgresServer postgres, HostExecutables executables) : IAsyncLifetime
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("clusterpedia-e2e-late-db-");

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        _dir.Delete(recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task TheApiServerWaitsForADatabaseThatStartsTenSecondsLater()
    {
        var apiserver = await executables.GetAsync("apiserver");
        var storageConfig = postgres.WriteConfig(postgres.CreateDatabase());
        await using var host = await SimulatedClusters.StartHostAsync("host");
        var hostKubeconfig = Path.Combine(_dir.FullName, "host-kubeconfig");
        await File.WriteAllTextAsync(hostKubeconfig, host.Kubeconfig());
        var port = HostProcess.FreePort();

        postgres.Stop();
        HostProcess process;
        try
        {
            process = HostProcess.Start(apiserver,
            [
                "--bind-address=127.0.0.1", $"--secure-port={port}", "--storage-name=internal", "--storage-config", storageConfig,
                "--kubeconfig", hostKubeconfig, "--storage-start-timeout=90s",
            ]);
            await Task.Delay(TimeSpan.FromSeconds(10));
            Assert.False(process.HasExited, $"the apiserver gave up while the database was down:\n{process.Describe()}");
            Assert.Contains("storage layer \"internal\" is not reachable yet (attempt ", process.Output);
        }
        finally
        {
            postgres.Start();
        }
        await using (process)
        {
            using var client = new HttpClient(new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true } })
            {
                BaseAddress = new Uri($"https://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10),
            };
            var ready = await Eventually.ValueAsync(async () =>
            {
                Assert.False(process.HasExited, $"the apiserver exited:\n{process.Describe()}");
                try
                {
                    using var response = await client.GetAsync("/readyz");
                    return response.StatusCode;
                }
                catch (HttpRequestException)
                {
                    return HttpStatusCode.ServiceUnavailable;
                }
            }, code => code == HttpStatusCode.OK, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(500));
            Assert.True(ready == HttpStatusCode.OK, $"/readyz answered {ready} after the database came up:\n{process.Describe()}");
        }
    }

    [Fact]
    public async Task WithoutAStartTimeoutAnUnreachableDatabaseStopsTheStart()
    {
        var apiserver = await executables.GetAsync("apiserver");
        var storageConfig = postgres.WriteConfig(postgres.CreateDatabase());
        postgres.Stop();
        try
        {
            var (exitCode, _, stderr) = await HostProcess.RunAsync(apiserver,
                ["--bind-address=127.0.0.1", $"--secure-port={HostProcess.FreePort()}", "--storage-name=internal", "--storage-config", storageConfig,
                 "--storage-start-timeout=0"], TimeSpan.FromSeconds(60));
            Assert.Equal(1, exitCode);
            Assert.Contains("failed to init storage \"internal\"", stderr);
            Assert.DoesNotContain("retrying", stderr);
        }
        finally
        {
            postgres.Start();
        }
    }
}
