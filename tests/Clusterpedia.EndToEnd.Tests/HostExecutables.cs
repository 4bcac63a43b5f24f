namespace Clusterpedia.EndToEnd.Tests;

/// <summary>
/// Builds each host executable once per test run with the storage layers it needs, the way a user selects storages:
/// <c>dotnet build hosts/&lt;component&gt; -p:ClusterpediaStorages=&lt;storages&gt; -o &lt;temp&gt;</c>. One build at a
/// time because the hosts share project outputs. An executable with the <c>internal</c> storage layer named by
/// <c>CLUSTERPEDIA_APISERVER</c> or <c>CLUSTERPEDIA_CLUSTERSYNCHRO_MANAGER</c> is used instead of a build, and must be
/// NativeAOT: CI publishes the binaries that ship and tests them. <c>CLUSTERPEDIA_BINDING_APISERVER</c> likewise stands
/// for binding-apiserver with the <c>memory</c> layer.
/// </summary>
public sealed class HostExecutables : IDisposable
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(10);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, string> _built = new(StringComparer.Ordinal);

    public string OutputRoot { get; } = Directory.CreateTempSubdirectory("clusterpedia-e2e-hosts-").FullName;

    /// <param name="component">The folder under <c>hosts/</c>, e.g. <c>binding-apiserver</c>.</param>
    /// <param name="storages">The <c>ClusterpediaStorages</c> value, e.g. <c>internal</c> or <c>memory</c>.</param>
    public async Task<string> GetAsync(string component, string storages = "internal")
    {
        await _gate.WaitAsync();
        try
        {
            var build = $"{component}-{storages}";
            if (_built.TryGetValue(build, out var existing)) return existing;
            // Each variable names the build CI publishes: binding-apiserver on memory (the kubectl suite's), the pair on internal.
            var variable = VariableOf(component);
            if (storages == PublishedStorages(component) && Environment.GetEnvironmentVariable(variable) is { Length: > 0 } published)
                return _built[build] = NativeExecutable.Verify(published, variable);
            var output = Path.Combine(OutputRoot, build);
            var project = Path.Combine(RepositoryPaths.Root, "hosts", component, component + ".csproj");
            var (exitCode, stdout, stderr) = await HostProcess.RunAsync(
                Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet",
                ["build", project, "-c", "Debug", "-o", output, "-nologo", "-v:minimal", $"-p:ClusterpediaStorages={storages}"],
                BuildTimeout, RepositoryPaths.Root);
            Assert.True(exitCode == 0, $"building {component} with the storage layers {storages} failed:\n{stdout}\n{stderr}");
            var executable = Path.Combine(output, component);
            Assert.True(File.Exists(executable), $"the build did not produce {executable}");
            _built[build] = executable;
            return executable;
        }
        finally
        {
            _gate.Release();
        }
    }

    // What CI (.ci/run) publishes each executable with: binding-apiserver on memory, the split pair on internal.
    private static string PublishedStorages(string component) => component == "binding-apiserver" ? "memory" : "internal";

    /// <summary><c>CLUSTERPEDIA_APISERVER</c> for <c>apiserver</c>, and so on.</summary>
    public static string VariableOf(string component) => "CLUSTERPEDIA_" + component.Replace('-', '_').ToUpperInvariant();

    public void Dispose()
    {
        _gate.Dispose();
        try
        {
            Directory.Delete(OutputRoot, recursive: true);
        }
        catch (IOException)
        {
            // A host still exiting may hold a file; the temp directory is cleaned by the OS later.
        }
    }
}
