namespace Clusterpedia.Hosts.Tests;

/// <summary>
/// Builds host executables (JIT, Debug) for a storage selection, once per test run, the way a user selects storages:
/// <c>dotnet build hosts/&lt;component&gt; -p:ClusterpediaStorages=...</c>. Builds run one at a time because
/// selections of the same host share its obj/ directory.
/// </summary>
public sealed class HostBuilds : IDisposable
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(10);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, string> _built = new(StringComparer.Ordinal);

    public string OutputRoot { get; } = Directory.CreateTempSubdirectory("clusterpedia-hosts-tests-").FullName;

    /// <summary>The path of the executable for the component built with the given storages (for example <c>memory,fixture</c>).</summary>
    public async Task<string> GetAsync(string component, string storages)
    {
        var key = $"{component}-{storages.Replace(',', '-')}";
        await _gate.WaitAsync();
        try
        {
            if (_built.TryGetValue(key, out var existing)) return existing;
            var output = Path.Combine(OutputRoot, key);
            var project = Path.Combine(RepositoryPaths.Root, "hosts", component, component + ".csproj");
            var result = await ProcessRunner.RunAsync(
                Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet",
                ["build", project, "-c", "Debug", "-o", output, "-nologo", "-v:minimal",
                 "-p:ClusterpediaStorages=" + storages.Replace(",", "%2C")],
                BuildTimeout,
                RepositoryPaths.Root);
            Assert.True(result.ExitCode == 0, $"building {component} with storages {storages} failed:\n{result}");
            var executable = Path.Combine(output, component);
            Assert.True(File.Exists(executable), $"the build did not produce {executable}");
            _built[key] = executable;
            return executable;
        }
        finally
        {
            _gate.Release();
        }
    }

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

[CollectionDefinition(Name)]
public sealed class HostBuildsCollection : ICollectionFixture<HostBuilds>
{
    public const string Name = "host executables";
}
