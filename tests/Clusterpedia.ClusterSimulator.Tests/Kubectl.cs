using System.Diagnostics;

namespace Clusterpedia.ClusterSimulator.Tests;

/// <summary>Runs the real kubectl against a simulated cluster through a kubeconfig in a temp file.</summary>
internal sealed class Kubectl : IDisposable
{
    private readonly string _kubeconfig = Path.Combine(Path.GetTempPath(), $"sim-{Guid.NewGuid():N}.kubeconfig");

    public Kubectl(ClusterSimulator cluster) => File.WriteAllText(_kubeconfig, cluster.Kubeconfig());

    public static string Path_ => File.Exists("/usr/bin/kubectl") ? "/usr/bin/kubectl" : "kubectl";

    public async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo(Path_) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["KUBECONFIG"] = _kubeconfig;
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    public Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args) => RunAsync(TimeSpan.FromSeconds(60), args);

    public void Dispose() => File.Delete(_kubeconfig);
}
