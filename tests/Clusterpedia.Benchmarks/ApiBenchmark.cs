using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Clusterpedia.Benchmarks;

/// <summary>
/// What gzip costs the server: the first 500-pod page, as JSON and as kubectl's Table, over HTTPS with keep-alive and a
/// kubectl User-Agent, plain and at each zlib level. The server runs in a child process (<see cref="ApiServerChild"/>),
/// so its CPU time (user + system, from /proc) is the server's alone. Each run measures every variant once, one batch
/// of requests each, so the ratios to the plain page compare requests made seconds apart on the same machine.
/// </summary>
internal static class ApiBenchmark
{
    // The CPU clock of another process ticks in 10 ms: a batch is long enough for that to stay within a few percent.
    private const int Batch = 40;
    private const string Page = "/apis/clusterpedia.io/v1beta1/resources/api/v1/pods?limit=500";
    private const string TableAccept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

    private sealed record Variant(string Shape, string Accept, int? Level, int Port)
    {
        public string Name => $"{Shape}, {(Level is { } l ? $"gzip level {l}" : "plain")}";
        public List<double> CpuMs { get; } = [];
        public List<double> WallMs { get; } = [];
        public List<double> CpuRatio { get; } = [];
        public long Bytes { get; set; }
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 7;
        var levels = args.Length > 1 ? args[1].Split(',').Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToArray() : [1, 2, 3, 4, 5, 6];
        using var server = StartServer(levels, out var ports);
        using var handler = new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.None,
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        };
        using var client = new HttpClient(handler);
        client.DefaultRequestHeaders.UserAgent.ParseAdd("kubectl/v1.32.4 (linux/amd64) kubernetes/4cb5f07");

        var variants = new List<Variant>();
        foreach (var (shape, accept) in (ReadOnlySpan<(string, string)>)[("JSON", "application/json"), ("Table", TableAccept)])
        {
            variants.Add(new Variant(shape, accept, null, ports[levels[0]]));
            variants.AddRange(levels.Select(l => new Variant(shape, accept, l, ports[l])));
        }
        Console.WriteLine($"{Environment.ProcessorCount} cores; .NET {Environment.Version}; {runs} runs of {Batch} requests per variant after 20 warm-up requests each; load average {LoadAverage()}");
        foreach (var v in variants)
            for (var i = 0; i < 20; i++) v.Bytes = await GetAsync(client, v);

        for (var run = 0; run < runs; run++)
        {
            foreach (var v in variants)
            {
                server.Refresh();
                var cpu = server.TotalProcessorTime;
                var wall = Stopwatch.StartNew();
                for (var i = 0; i < Batch; i++) await GetAsync(client, v);
                var elapsed = wall.Elapsed;
                server.Refresh();
                v.CpuMs.Add((server.TotalProcessorTime - cpu).TotalMilliseconds / Batch);
                v.WallMs.Add(elapsed.TotalMilliseconds / Batch);
            }
            foreach (var v in variants)
                v.CpuRatio.Add(v.CpuMs[^1] / variants.First(p => p.Shape == v.Shape && p.Level is null).CpuMs[^1]);
            Console.WriteLine($"run {run + 1}: load average {LoadAverage()}");
        }
        server.StandardInput.Close();
        await server.WaitForExitAsync();

        Console.WriteLine();
        Console.WriteLine($"| first 500-pod page (median of {runs} runs, min-max) | server CPU per request | ratio to plain (same run) | wall time per request | body bytes |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var v in variants)
            Console.WriteLine($"| {v.Name} | {Spread(v.CpuMs, "F2")} ms | {Spread(v.CpuRatio, "F2")} | {Spread(v.WallMs, "F2")} ms | {v.Bytes:N0} |");
        return 0;
    }

    private static string Spread(List<double> values, string format) =>
        $"{Measure.Median(values).ToString(format, CultureInfo.InvariantCulture)} ({values.Min().ToString(format, CultureInfo.InvariantCulture)}-{values.Max().ToString(format, CultureInfo.InvariantCulture)})";

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static async Task<long> GetAsync(HttpClient client, Variant v)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"https://127.0.0.1:{v.Port}{Page}");
        request.Headers.TryAddWithoutValidation("Accept", v.Accept);
        if (v.Level is not null) request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentEncoding.Contains("gzip") != v.Level is not null)
            throw new InvalidOperationException($"{v.Name}: {(int)response.StatusCode} {string.Join(',', response.Content.Headers.ContentEncoding)}");
        return body.Length;
    }

    private static Process StartServer(int[] levels, out Dictionary<int, int> ports)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        // Under `dotnet run` this process is the dotnet host running our dll; an apphost runs itself.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet") start.ArgumentList.Add(typeof(ApiBenchmark).Assembly.Location);
        start.ArgumentList.Add("--api-serve");
        start.ArgumentList.Add(string.Join(',', levels));
        var server = Process.Start(start)!;
        ports = [];
        while (server.StandardOutput.ReadLine() is { } line && line != "ready")
        {
            var parts = line.Split(' ');
            ports[int.Parse(parts[0], CultureInfo.InvariantCulture)] = int.Parse(parts[1], CultureInfo.InvariantCulture);
        }
        if (ports.Count != levels.Length) throw new InvalidOperationException("the API server child did not start");
        return server;
    }
}
