using System.Globalization;
using System.Text.Json;
using Clusterpedia.Objects;
using Clusterpedia.Storage.Memory;

namespace Clusterpedia.Benchmarks;

/// <summary>
/// <see cref="CompactComparison"/> on the memory storage, where a list is nothing but the copy of the items: one
/// cluster's pods as our writers store them (compact) and the same pods in PostgreSQL's jsonb text form.
/// </summary>
internal static class MemoryCompactBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 21;
        await using var factory = new MemoryStorageFactory(new MemoryStorageOptions());
        var pods = factory.GetResourceStorage(ApiServerChild.Pods.StorageConfig);
        var compact = Ingest.Pods(0);
        await pods.UpsertManyAsync("compact", compact, default);
        await pods.UpsertManyAsync("jsonb", compact.Select(p => new ResourceObject(JsonbText(p.Json.Span))).ToArray(), default);
        Console.WriteLine($"memory storage; {Environment.ProcessorCount} cores; .NET {Environment.Version}; load average {File.ReadAllText("/proc/loadavg").Trim()}");
        await CompactComparison.RunAsync(
        [
            ("page of 500, compact objects", BenchQueries.Parse("limit=500", "compact")),
            ("page of 500, jsonb text", BenchQueries.Parse("limit=500", "jsonb")),
            ("10,000 pods, compact objects", BenchQueries.Parse("", "compact")),
            ("10,000 pods, jsonb text", BenchQueries.Parse("", "jsonb")),
        ], pods, runs);
        return 0;
    }

    /// <summary>The object as PostgreSQL prints a jsonb value: a space after every ':' and ',' between tokens.</summary>
    private static byte[] JsonbText(ReadOnlySpan<byte> json)
    {
        var output = new List<byte>(json.Length + json.Length / 8);
        var reader = new Utf8JsonReader(json);
        var end = 0;
        while (reader.Read())
        {
            foreach (var separator in json[end..(int)reader.TokenStartIndex])
            {
                output.Add(separator);
                output.Add((byte)' ');
            }
            // A property name's BytesConsumed is past its ':' already.
            end = reader.TokenType == JsonTokenType.PropertyName ? (int)reader.TokenStartIndex + reader.ValueSpan.Length + 2 : (int)reader.BytesConsumed;
            output.AddRange(json[(int)reader.TokenStartIndex..end]);
        }
        return output.ToArray();
    }
}
