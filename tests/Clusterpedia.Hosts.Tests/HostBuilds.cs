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
    public Task<string> GetAsync(string component, string storages) => GetAsync(component, storages, []);

    /// <summary>As <see cref="GetAsync(string, string)"/>, plus out-of-tree storage projects (<c>ClusterpediaStorageProjects</c>).</summary>
    public async Task<string> GetAsync(string component, string storages, IReadOnlyList<string> storageProjects)
    {
        var key = $"{component}-{storages.Replace(',', '-')}" + (storageProjects.Count == 0 ? "" : $"-plus{storageProjects.Count}");
        await _gate.WaitAsync();
        try
        {
            if (_built.TryGetValue(key, out var existing)) return existing;
            var output = Path.Combine(OutputRoot, key);
            var project = Path.Combine(RepositoryPaths.Root, "hosts", component, component + ".csproj");
            List<string> arguments =
                ["build", project, "-c", "Debug", "-o", output, "-nologo", "-v:minimal",
                 "-p:ClusterpediaStorages=" + storages.Replace(",", "%2C")];
            if (storageProjects.Count > 0)
                arguments.Add("-p:ClusterpediaStorageProjects=" + string.Join("%2C", storageProjects));
            var result = await RunDotnetAsync(arguments);
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

    /// <summary>Runs the dotnet CLI in the repository root (used for builds that are expected to fail, too).</summary>
    public static Task<ProcessResult> RunDotnetAsync(IEnumerable<string> arguments) =>
        ProcessRunner.RunAsync(
            Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", arguments, BuildTimeout, RepositoryPaths.Root);

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
