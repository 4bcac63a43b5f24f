using System.Diagnostics;

namespace Clusterpedia.Storage.Internal.Tests.Servers;

/// <summary>Runs the database tools the fixtures need and fails with their output when they fail.</summary>
internal static class ProcessRunner
{
    /// <summary>initdb and mariadbd refuse to run as root, so as root the servers run as their service user; otherwise as the current user.</summary>
    public static bool IsRoot { get; } = Environment.UserName == "root";

    /// <summary>Runs <paramref name="file"/> as <paramref name="user"/> when the tests run as root, else as the current user.</summary>
    public static string RunAs(string user, string file, params string[] args) =>
        IsRoot ? Run("runuser", ["-u", user, "--", file, .. args]) : Run(file, args);

    /// <summary>Starts a server as <see cref="RunAs"/> runs a tool.</summary>
    public static Process StartAs(string user, string file, params string[] args) =>
        IsRoot ? Start("runuser", ["-u", user, "--", file, .. args]) : Start(file, args);

    public static string Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000)) throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish");
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {process.ExitCode}: {stdout.Result}{stderr.Result}");
        return stdout.Result;
    }

    /// <summary>Starts a long-running server process without waiting for it.</summary>
    public static Process Start(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = false, RedirectStandardError = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        return Process.Start(info) ?? throw new InvalidOperationException($"cannot start {file}");
    }

    public static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>A fresh temp directory owned by <paramref name="user"/> (as root) or the current user, for a server that runs as that user.</summary>
    public static string TempDirectoryFor(string user, string prefix)
    {
        var dir = Directory.CreateTempSubdirectory(prefix).FullName;
        if (IsRoot) Run("chown", user, dir);
        return dir;
    }
}
