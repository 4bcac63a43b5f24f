using System.Diagnostics;

namespace Clusterpedia.ApiServer.Tests.Kubectl;

/// <summary>Runs the real kubectl against a test server through a temporary kubeconfig.</summary>
internal sealed class Kubectl : IDisposable
{
    public const string Path = "/usr/bin/kubectl";
    private readonly string _dir;

    public Kubectl(string server)
    {
        Assert.True(File.Exists(Path), $"kubectl is required at {Path} for the end-to-end tests");
        _dir = Directory.CreateTempSubdirectory("clusterpedia-kubectl-").FullName;
        KubeconfigPath = System.IO.Path.Combine(_dir, "kubeconfig");
        File.WriteAllText(KubeconfigPath, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: clusterpedia
              cluster:
                server: {server}
                insecure-skip-tls-verify: true
            contexts:
            - name: clusterpedia
              context:
                cluster: clusterpedia
                user: tester
            current-context: clusterpedia
            users:
            - name: tester
              user:
                token: test-token
            """);
    }

    public string KubeconfigPath { get; }

    public async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var process = Process.Start(StartInfo(args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {string.Join(' ', args)} did not finish in 60s");
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts a long-running kubectl (e.g. <c>get -w</c>); the caller reads its output and kills it.</summary>
    public Process Start(params string[] args) => Process.Start(StartInfo(args))!;

    private ProcessStartInfo StartInfo(string[] args)
    {
        var start = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--kubeconfig");
        start.ArgumentList.Add(KubeconfigPath);
        start.ArgumentList.Add("--cache-dir");
        start.ArgumentList.Add(System.IO.Path.Combine(_dir, "cache"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["HOME"] = _dir;
        start.Environment.Remove("KUBECONFIG");
        return start;
    }

    /// <summary>Runs kubectl expecting success; returns stdout.</summary>
    public async Task<string> OkAsync(params string[] args)
    {
        var (code, stdout, stderr) = await RunAsync(args);
        Assert.True(code == 0, $"kubectl {string.Join(' ', args)} exited {code}: {stderr}");
        return stdout;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
