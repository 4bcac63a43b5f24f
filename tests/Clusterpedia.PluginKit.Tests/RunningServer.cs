using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Clusterpedia.PluginKit.Tests;

/// <summary>A started host executable serving HTTPS on a free loopback port; killed on dispose.</summary>
internal sealed class RunningServer : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private RunningServer(Process process, int port)
    {
        _process = process;
        Port = port;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }

    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>Runs a host executable with the flags plus a loopback bind address and a free secure port.</summary>
    public static RunningServer Start(string command, params string[] arguments)
    {
        var port = FreePort();
        return StartProcess(command, port, [.. arguments, "--bind-address=127.0.0.1", $"--secure-port={port}"]);
    }

    /// <summary>Runs any program with exactly the given arguments (e.g. the cluster simulator).</summary>
    public static RunningServer StartPlain(string command, params string[] arguments) => StartProcess(command, 0, arguments);

    private static RunningServer StartProcess(string command, int port, string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        return new RunningServer(Process.Start(start)!, port);
    }

    /// <summary>Waits until the program printed <paramref name="text"/>; fails when it exits or 60 s pass.</summary>
    public async Task WaitForOutputAsync(string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited) throw new Xunit.Sdk.XunitException($"the program exited with {_process.ExitCode}:\n{Output}");
            if (DateTime.UtcNow >= deadline) throw new TimeoutException($"no '{text}' within 60 s:\n{Output}");
            await Task.Delay(100);
        }
    }

    /// <summary>The body of <c>/readyz</c> once it answers 200; fails when the process exits or 60 s pass.</summary>
    public async Task<string> WaitForReadyAsync()
    {
        // The server's certificate is self-signed; this test checks readiness, not TLS.
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (_process.HasExited) throw new Xunit.Sdk.XunitException($"the server exited with {_process.ExitCode}:\n{Output}");
            try
            {
                using var response = await client.GetAsync($"https://127.0.0.1:{Port}/readyz");
                if (response.StatusCode == HttpStatusCode.OK) return await response.Content.ReadAsStringAsync();
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }
            catch (TaskCanceledException) when (DateTime.UtcNow < deadline)
            {
            }
            if (DateTime.UtcNow >= deadline) throw new TimeoutException($"/readyz did not answer 200 within 60 s:\n{Output}");
            await Task.Delay(200);
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
        _process.Dispose();
    }
}
