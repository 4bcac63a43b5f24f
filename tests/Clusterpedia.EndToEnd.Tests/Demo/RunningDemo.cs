using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Clusterpedia.EndToEnd.Tests.Demo;

/// <summary>
/// <c>deploy/demo/run.sh</c> as the README's "Run it" starts it, on free ports, until it says it serves; disposing sends
/// it SIGTERM and fails unless it exits and every port it served is closed (no process left behind).
/// <para>
/// The simulator is the one built beside these tests; binding-apiserver is <c>$CLUSTERPEDIA_BINDING_APISERVER</c> when
/// set (CI: the NativeAOT binary), else the demo builds it, as it does for a user.
/// </para>
/// </summary>
public sealed class RunningDemo : IAsyncLifetime
{
    public const string ReadyLine = "Ctrl+C stops everything.";

    // Building binding-apiserver on a busy 2-core machine takes minutes.
    private static readonly TimeSpan StartDeadline = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(60);
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("clusterpedia-e2e-demo-");
    private readonly StringBuilder _output = new();
    private Process? _script;

    public static string ScriptPath => Path.Combine(RepositoryPaths.Root, "deploy", "demo", "run.sh");

    /// <summary>DEMO_PORT; the demo also serves DEMO_PORT+1 (/metrics) and DEMO_PORT+100..102 (the simulated clusters).</summary>
    public int Port { get; private set; }

    public IEnumerable<int> Ports => [Port, Port + 1, Port + 100, Port + 101, Port + 102];

    public string Folder => _dir.FullName;

    /// <summary>What a reader exports after starting the demo, plus a kubectl discovery cache of the test's own.</summary>
    public IReadOnlyDictionary<string, string> KubectlEnvironment => new Dictionary<string, string>
    {
        ["KUBECONFIG"] = Path.Combine(Folder, "kubeconfig"),
        ["KUBECACHEDIR"] = Path.Combine(Folder, "kube-cache"),
    };

    public string Output { get { lock (_output) return _output.ToString(); } }

    public async Task InitializeAsync()
    {
        Port = FreePortRange();
        var info = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
        };
        info.ArgumentList.Add(ScriptPath);
        foreach (var name in info.Environment.Keys.Where(IsInherited).ToList()) info.Environment.Remove(name);
        info.Environment["DEMO_DIR"] = Folder;
        info.Environment["DEMO_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["SIMULATOR"] = Path.Combine(AppContext.BaseDirectory, "Clusterpedia.ClusterSimulator");
        if (Environment.GetEnvironmentVariable(KubectlSuite.ThreeClusterBindingApiServer.ExecutableVariable) is { Length: > 0 } published)
            info.Environment["BINDING_APISERVER"] = NativeExecutable.Verify(published, $"${KubectlSuite.ThreeClusterBindingApiServer.ExecutableVariable}");

        _script = Process.Start(info) ?? throw new InvalidOperationException("could not start bash");
        _script.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        _script.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        _script.BeginOutputReadLine();
        _script.BeginErrorReadLine();

        var ready = await Eventually.ValueAsync(() => Task.FromResult(Output.Contains(ReadyLine, StringComparison.Ordinal) || _script.HasExited),
            done => done, StartDeadline, TimeSpan.FromMilliseconds(500));
        Assert.True(ready && !_script.HasExited, $"the demo did not start serving (within {StartDeadline}):\n{Output}");
    }

    public async Task DisposeAsync()
    {
        if (_script is not null)
        {
            using (_script)
            {
                if (!_script.HasExited) Process.Start("kill", ["-TERM", _script.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])?.WaitForExit();
                using var deadline = new CancellationTokenSource(StopDeadline);
                try
                {
                    await _script.WaitForExitAsync(deadline.Token);
                }
                catch (OperationCanceledException)
                {
                    _script.Kill(entireProcessTree: true);
                    throw new InvalidOperationException($"the demo did not stop within {StopDeadline} of SIGTERM:\n{Output}");
                }
            }
            var open = Ports.Where(Accepts).ToList();
            if (open.Count > 0)
                throw new InvalidOperationException($"after SIGTERM the demo exited but ports {string.Join(", ", open)} still accept connections:\n{Output}");
        }
        try
        {
            _dir.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A kubectl still exiting may hold its cache; the temp directory is cleaned by the OS later.
        }
    }

    /// <summary>A port whose demo neighbours (+1, +100..+102) are free too.</summary>
    private static int FreePortRange()
    {
        while (true)
        {
            var port = HostProcess.FreePort();
            if (port + 102 <= IPEndPoint.MaxPort && new[] { 1, 100, 101, 102 }.All(offset => CanBind(port + offset))) return port;
        }
    }

    private static bool CanBind(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static bool Accepts(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    // As HostProcess does: `dotnet test`'s MSBuild and VSTest variables would steer the demo's `dotnet build`, and a
    // kubeconfig or a pod's service account of the runner must not reach the demo.
    private static bool IsInherited(string name) =>
        name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
        || name is "KUBERNETES_SERVICE_HOST" or "KUBERNETES_SERVICE_PORT" or "KUBECONFIG" or "CLUSTERPEDIA_NAMESPACE";
}
