using System.Runtime.CompilerServices;

namespace Clusterpedia.Generators.Tests;

/// <summary>
/// Compares text with a committed file under Expected/. UPDATE_SNAPSHOTS=1 rewrites the files; a missing file is
/// written and the test fails, so a new snapshot is always looked at before it is committed.
/// </summary>
internal static class Snapshot
{
    public static void Matches(string? actual, string name, [CallerFilePath] string callerPath = "")
    {
        Assert.NotNull(actual);
        var path = Path.Combine(Path.GetDirectoryName(callerPath)!, "Expected", name);
        actual = actual.Replace("\r\n", "\n");
        var update = Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1";
        if (update || !File.Exists(path))
        {
            File.WriteAllText(path, actual);
            Assert.True(update, $"snapshot {name} was missing and has been written to {path}; review and commit it");
            return;
        }
        Assert.Equal(File.ReadAllText(path).Replace("\r\n", "\n"), actual);
    }
}
