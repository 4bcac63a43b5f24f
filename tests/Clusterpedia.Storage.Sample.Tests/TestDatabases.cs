using Clusterpedia.Storage.Sample;

namespace Clusterpedia.Storage.Sample.Tests;

/// <summary>
/// Gives each test its own SQLite file, created through the real entry point (a YAML config file and
/// <see cref="SampleStorageFactory.CreateAsync"/>). The files live in one folder per test run, removed at exit.
/// </summary>
internal static class TestDatabases
{
    private static readonly Lazy<string> Root = new(() =>
    {
        var root = Directory.CreateTempSubdirectory("clusterpedia-sample-tests-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        };
        return root;
    });

    /// <summary>A new folder for one test.</summary>
    public static string NewFolder() => Directory.CreateDirectory(Path.Combine(Root.Value, Guid.NewGuid().ToString("N"))).FullName;

    /// <summary>Writes a config file into a new folder and returns its path.</summary>
    public static string WriteConfig(string yaml)
    {
        var path = Path.Combine(NewFolder(), "sample-storage.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    /// <summary>An empty storage on a new file, as <c>--storage-name=sample-storage --storage-config=...</c> would create it.</summary>
    public static ValueTask<IStorageFactory> CreateEmptyAsync()
    {
        var folder = NewFolder();
        var config = Path.Combine(folder, "config.yaml");
        File.WriteAllText(config, $"database: {Path.Combine(folder, "data", "sample.db")}\n");
        return SampleStorageFactory.CreateAsync(new StorageLayerOptions("sample-storage", config, _ => null), CancellationToken.None);
    }
}
