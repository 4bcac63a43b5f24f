using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Clusterpedia.Hosts.Tests;

/// <summary>A started host process serving HTTPS on a free loopback port; killed on dispose.</summary>
public sealed class RunningHost : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private RunningHost(Process process, int port)
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

    /// <summary>Starts the executable with <c>--bind-address=127.0.0.1 --secure-port=&lt;free&gt;</c> plus the given flags.</summary>
    public static RunningHost Start(string executable, params string[] flags)
    {
        var port = FreePort();
        var process = ProcessRunner.Start(executable, ["--bind-address=127.0.0.1", $"--secure-port={port}", .. flags]);
        return new RunningHost(process, port);
    }

    /// <summary>The certificate the host presented on the last TLS handshake of a client from <see cref="CreateClient"/>.</summary>
    public X509Certificate2? PresentedCertificate { get; private set; }

    /// <summary>
    /// An HTTPS client that accepts the server certificate only when <paramref name="accept"/> does, so a test checks
    /// that the host really serves the certificate it should.
    /// </summary>
    public HttpClient CreateClient(Func<X509Certificate2, bool> accept)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    if (certificate is null) return false;
                    var presented = new X509Certificate2(certificate);
                    PresentedCertificate = presented;
                    return accept(presented);
                },
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{Port}"), Timeout = TimeSpan.FromSeconds(5) };
    }

    /// <summary>A client that accepts only the certificate stored in <paramref name="certFile"/> (read when the host answers).</summary>
    public HttpClient CreateClient(string certFile) =>
        CreateClient(presented =>
            File.Exists(certFile)
            && X509Certificate2.CreateFromPem(File.ReadAllText(certFile)).GetCertHashString() == presented.GetCertHashString());

    /// <summary>Polls <c>/healthz</c> until it answers, the process exits or 60 s pass.</summary>
    public async Task<HttpResponseMessage> WaitForHealthzAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            Assert.False(_process.HasExited, $"the host exited with {(_process.HasExited ? _process.ExitCode : 0)}:\n{Output}");
            try
            {
                return await client.GetAsync("/healthz");
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
