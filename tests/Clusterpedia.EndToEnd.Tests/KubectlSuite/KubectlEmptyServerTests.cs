namespace Clusterpedia.EndToEnd.Tests.KubectlSuite;

/// <summary>
/// What a newcomer meets before the first cluster is synced: the suite's binding-apiserver executable started with an
/// empty folder of PediaClusters, asked by the real kubectl.
/// </summary>
[Collection(KubectlSuiteCollection.Name)]
public sealed class KubectlEmptyServerTests(ThreeClusterBindingApiServer server) : IAsyncLifetime
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("clusterpedia-e2e-empty-");
    private HostProcess? _process;
    private Kubectl _kubectl = null!;

    public async Task InitializeAsync()
    {
        var manifests = Directory.CreateDirectory(Path.Combine(_dir.FullName, "pediaclusters"));
        var port = HostProcess.FreePort();
        _process = HostProcess.Start(server.Executable,
            ["--pediaclusters", manifests.FullName, "--bind-address=127.0.0.1", $"--secure-port={port}", "--metrics-port=0"]);
        _kubectl = Kubectl.ForClusterpedia(_dir.FullName, port);
        var version = await Eventually.ValueAsync(() => _kubectl.RunAsync("get", "--raw", "/version"), r => r.ExitCode == 0 || _process.HasExited,
            TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(300));
        Assert.True(version.ExitCode == 0, $"binding-apiserver did not answer /version:\n{version.Stderr}\n{_process.Describe()}");
    }

    public async Task DisposeAsync()
    {
        if (_process is not null) await _process.DisposeAsync();
        try
        {
            _dir.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A kubectl still exiting may hold its cache; the temp directory is cleaned by the OS later.
        }
    }

    [Fact]
    public async Task Api_resources_prints_only_its_header_and_no_error()
    {
        var (exitCode, stdout, stderr) = await _kubectl.RunAsync("api-resources");

        Assert.True(exitCode == 0, $"kubectl api-resources exited {exitCode}:\n{stderr}");
        Assert.Equal("", stderr);
        Assert.Equal(["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"], Kubectl.Header(stdout));
        Assert.Empty(Kubectl.ParseTable(stdout));
    }
}
