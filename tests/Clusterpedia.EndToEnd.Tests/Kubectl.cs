using System.Text.RegularExpressions;

namespace Clusterpedia.EndToEnd.Tests;

/// <summary>The real kubectl with one kubeconfig, and a discovery cache of its own beside that kubeconfig.</summary>
public sealed partial class Kubectl(string kubeconfigPath)
{
    public const string Executable = "kubectl";

    public string KubeconfigPath { get; } = kubeconfigPath;

    /// <summary>
    /// A kubeconfig for <c>https://127.0.0.1:port/apis/clusterpedia.io/v1beta1/resources</c> that does not verify the
    /// host's (self-signed) serving certificate.
    /// </summary>
    public static Kubectl ForClusterpedia(string directory, int port) =>
        Write(Path.Combine(directory, "clusterpedia-kubeconfig"), $"https://127.0.0.1:{port}/apis/clusterpedia.io/v1beta1/resources", null);

    /// <summary>The same for one cluster's scope, <c>.../resources/clusters/&lt;cluster&gt;</c>, where <c>get &lt;name&gt;</c> works.</summary>
    public static Kubectl ForClusterpedia(string directory, int port, string cluster) =>
        Write(Path.Combine(directory, $"clusterpedia-{cluster}-kubeconfig"),
            $"https://127.0.0.1:{port}/apis/clusterpedia.io/v1beta1/resources/clusters/{cluster}", null);

    /// <summary>A kubeconfig for <paramref name="server"/> whose certificate must verify against <paramref name="certificateAuthorityPath"/>.</summary>
    public static Kubectl ForServer(string kubeconfigPath, string server, string certificateAuthorityPath) =>
        Write(kubeconfigPath, server, certificateAuthorityPath);

    /// <remarks>The token is not checked (loopback clients are anonymous without authentication flags), but a user with
    /// no credentials at all makes kubectl prompt for a username.</remarks>
    private static Kubectl Write(string path, string server, string? certificateAuthorityPath)
    {
        var trust = certificateAuthorityPath is null ? "insecure-skip-tls-verify: true" : $"certificate-authority: {certificateAuthorityPath}";
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: clusterpedia
              cluster:
                server: {server}
                {trust}
            users:
            - name: local
              user:
                token: local
            contexts:
            - name: clusterpedia
              context: {"{"}cluster: clusterpedia, user: local{"}"}
            current-context: clusterpedia
            """);
        return new Kubectl(path);
    }

    private string[] Arguments(string[] arguments) =>
        ["--kubeconfig", KubeconfigPath, "--cache-dir", KubeconfigPath + ".cache", "--request-timeout=20s", .. arguments];

    /// <summary>Runs kubectl with this kubeconfig; a non-zero exit is returned, not thrown.</summary>
    public async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] arguments) =>
        await HostProcess.RunAsync(Executable, Arguments(arguments), TimeSpan.FromSeconds(60));

    /// <summary>Runs kubectl expecting exit code 0 and returns its standard output.</summary>
    public async Task<string> OkAsync(params string[] arguments)
    {
        var (exitCode, stdout, stderr) = await RunAsync(arguments);
        Assert.True(exitCode == 0, $"kubectl {string.Join(' ', arguments)} exited {exitCode}:\n{stderr}\n{stdout}");
        return stdout;
    }

    /// <summary>Runs kubectl expecting it to fail; returns its standard error.</summary>
    public async Task<string> FailAsync(params string[] arguments)
    {
        var (exitCode, stdout, stderr) = await RunAsync(arguments);
        Assert.True(exitCode != 0, $"kubectl {string.Join(' ', arguments)} succeeded, expected a failure:\n{stdout}\n{stderr}");
        return stderr;
    }

    /// <summary>Starts a kubectl that keeps running (<c>get -w</c>); its output collects in <see cref="HostProcess.Output"/>.</summary>
    public HostProcess Start(params string[] arguments) => HostProcess.Start(Executable, Arguments(arguments));

    /// <summary>
    /// The rows of a <c>kubectl get</c> table as column-name → value maps. Columns are cut at the header's offsets (the
    /// table is aligned), so multi-word headers such as <c>NOMINATED NODE</c> and empty cells come out right.
    /// </summary>
    public static List<Dictionary<string, string>> ParseTable(string stdout)
    {
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        if (lines.Length == 0) return [];
        var columns = HeaderColumn().Matches(lines[0]).Select(m => (m.Value, m.Index)).ToArray();
        var rows = new List<Dictionary<string, string>>();
        foreach (var line in lines.Skip(1))
        {
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < columns.Length; i++)
            {
                var start = Math.Min(columns[i].Index, line.Length);
                var end = i + 1 < columns.Length ? Math.Min(columns[i + 1].Index, line.Length) : line.Length;
                row[columns[i].Value] = line[start..end].Trim();
            }
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>The header's column names in order.</summary>
    public static string[] Header(string stdout) =>
        HeaderColumn().Matches(stdout.Split('\n')[0].TrimEnd('\r')).Select(m => m.Value).ToArray();

    // Header names are words joined by single spaces; kubectl pads columns with at least three.
    [GeneratedRegex(@"\S+(?: \S+)*")]
    private static partial Regex HeaderColumn();
}
