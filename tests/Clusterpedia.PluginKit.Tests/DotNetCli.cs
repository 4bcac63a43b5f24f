using System.Diagnostics;
using System.Text;

namespace Clusterpedia.PluginKit.Tests;

/// <summary>Runs the dotnet CLI (and other tools) as a plugin author would, capturing everything they print.</summary>
internal static class DotNetCli
{
    /// <summary>The repository checkout these tests belong to (the folder holding Clusterpedia.sln).</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    public sealed record Result(int ExitCode, string Output)
    {
        public Result EnsureSuccess(string what) =>
            ExitCode == 0 ? this : throw new Xunit.Sdk.XunitException($"{what} failed with exit code {ExitCode}:\n{Tail(Output)}");
    }

    public static Task<Result> DotNetAsync(string workingDirectory, params string[] arguments) =>
        RunAsync("dotnet", workingDirectory, TimeSpan.FromMinutes(8), null, arguments);

    public static async Task<Result> RunAsync(
        string fileName, string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // The test host's own MSBuild and VSTest settings must not leak into the builds it starts.
        foreach (var key in start.Environment.Keys.Where(k =>
                     k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToArray())
            start.Environment.Remove(key);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var stdout = Pump(process.StandardOutput, output);
        var stderr = Pump(process.StandardError, output);
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {timeout}:\n{Tail(output.ToString())}");
        }
        await Task.WhenAll(stdout, stderr);
        return new Result(process.ExitCode, output.ToString());
    }

    private static async Task Pump(StreamReader reader, StringBuilder output)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (output) output.AppendLine(line);
        }
    }

    public static string Tail(string text, int lines = 60) => string.Join('\n', text.Split('\n').TakeLast(lines));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Clusterpedia.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"no Clusterpedia.sln above {AppContext.BaseDirectory}");
    }
}

/// <summary>A temp folder outside the repository, deleted after the test.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder(string prefix) => Path = Directory.CreateTempSubdirectory(prefix).FullName;

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
