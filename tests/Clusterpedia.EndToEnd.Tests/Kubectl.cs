namespace Clusterpedia.EndToEnd.Tests;

/// <summary>The real kubectl against a Clusterpedia API server's resources path.</summary>
public sealed class Kubectl(string kubeconfigPath)
{
    public const string Executable = "kubectl";

    /// <summary>A kubeconfig for <c>https://127.0.0.1:port/apis/clusterpedia.io/v1beta1/resources</c>.</summary>
    /// <remarks>The token is not checked (loopback clients are anonymous without authentication flags), but a user with
    /// no credentials at all makes kubectl prompt for a username.</remarks>
    public static Kubectl ForClusterpedia(string directory, int port)
    {
        var path = Path.Combine(directory, "clusterpedia-kubeconfig");
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: clusterpedia
              cluster:
                server: https://127.0.0.1:{port}/apis/clusterpedia.io/v1beta1/resources
                insecure-skip-tls-verify: true
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

    /// <summary>Runs kubectl with this kubeconfig; a non-zero exit is returned, not thrown.</summary>
    public async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] arguments) =>
        await HostProcess.RunAsync(Executable, ["--kubeconfig", kubeconfigPath, "--request-timeout=20s", .. arguments], TimeSpan.FromSeconds(60));

    /// <summary>The rows of a <c>kubectl get</c> table as column-name → value maps (columns are split on runs of spaces).</summary>
    public static List<Dictionary<string, string>> ParseTable(string stdout)
    {
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0) return [];
        var header = lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var rows = new List<Dictionary<string, string>>();
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Length && i < cells.Length; i++) row[header[i]] = cells[i];
            rows.Add(row);
        }
        return rows;
    }
}
