using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Clusterpedia.ApiServer.Tests.Infrastructure;

/// <summary>node's <c>JSON.stringify(JSON.parse(x))</c>: the compact form of a JSON text by a JavaScript engine.</summary>
internal static class Node
{
    public const string Path = "/usr/bin/node";

    public static IReadOnlyList<string> Stringify(IEnumerable<string> documents)
    {
        Assert.True(File.Exists(Path), $"node is required at {Path} for the compact JSON tests");
        var start = new ProcessStartInfo(Path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-e");
        start.ArgumentList.Add("""
            let input = "";
            process.stdin.on("data", d => input += d);
            process.stdin.on("end", () => process.stdout.write(JSON.stringify(JSON.parse(input).map(x => JSON.stringify(JSON.parse(x))))));
            """);
        using var process = Process.Start(start)!;
        process.StandardInput.Write(new JsonArray(documents.Select(d => (JsonNode)JsonValue.Create(d)).ToArray()).ToJsonString());
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(30_000), "node did not finish in 30s");
        Assert.True(process.ExitCode == 0, $"node exited {process.ExitCode}: {stderr}");
        return JsonNode.Parse(stdout.Result)!.AsArray().Select(n => (string)n!).ToArray();
    }
}
