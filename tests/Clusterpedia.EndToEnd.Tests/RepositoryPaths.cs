namespace Clusterpedia.EndToEnd.Tests;

public static class RepositoryPaths
{
    /// <summary>The checkout's root: the nearest ancestor of the test binaries holding Directory.Build.props and hosts/.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Directory.Build.props")) && Directory.Exists(Path.Combine(dir.FullName, "hosts")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"no repository root above {AppContext.BaseDirectory}");
    }
}
