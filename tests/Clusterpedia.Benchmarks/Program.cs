using System.Diagnostics;
using System.Globalization;
using Clusterpedia.Benchmarks;
using Clusterpedia.Objects;
using Clusterpedia.Query;
using Clusterpedia.Storage;
using Clusterpedia.Storage.Internal;
using Clusterpedia.Storage.Internal.Sql;
using Npgsql;
using NpgsqlTypes;

// Usage: dotnet run -c Release --project tests/Clusterpedia.Benchmarks -- "<Npgsql connection string of an empty database>" [ingest runs] [list runs] [query prefixes]
// Ingest runs 0 skips the ingest and lists what an earlier run left in the database.
// See docs/benchmarks.md.
if (args.Length > 0 && args[0] == "--mysql") return await MySqlBenchmark.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == "--api") return await ApiBenchmark.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == "--api-serve") return await ApiServerChild.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == "--compact-memory") return await MemoryCompactBenchmark.RunAsync(args[1..]);
// --compact: the lists compare items copied with items compacted (CompactComparison) instead of psql.
var compactLists = args.Contains("--compact");
args = args.Where(a => a != "--compact").ToArray();
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: Clusterpedia.Benchmarks <npgsql connection string> [ingestRuns=3] [listRuns=9] [query prefixes]");
    Console.Error.WriteLine("       Clusterpedia.Benchmarks --mysql <MySqlConnector connection string> [ingestRuns=3] [listRuns=9] [query prefixes]");
    Console.Error.WriteLine("       Clusterpedia.Benchmarks --api [runs=7] [gzip levels=1,2,3,4,5,6]    (gzip's server cost, memory storage)");
    Console.Error.WriteLine("       Clusterpedia.Benchmarks --compact-memory [runs=21]                   (compact JSON's cost, memory storage)");
    Console.Error.WriteLine("       add --compact to the PostgreSQL form: lists compare items copied with items compacted instead of psql");
    return 2;
}
var connectionString = args[0];
var ingestRuns = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
var listRuns = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 9;
// Optional: only the list queries whose names start with one of these comma-separated prefixes (e.g. "Q4,Q7").
var only = args.Length > 3 ? args[3].Split(',', StringSplitOptions.RemoveEmptyEntries) : [];
bool Selected(string name) => only.Length == 0 || only.Any(p => name.StartsWith(p, StringComparison.Ordinal));
const int Clusters = Ingest.Clusters;
string ClusterName(int c) => Ingest.ClusterName(c);

var csb = new NpgsqlConnectionStringBuilder(connectionString);
var configPath = Path.Combine(Directory.CreateTempSubdirectory("cp-bench-").FullName, "internalstorage.yaml");
File.WriteAllText(configPath, $"type: postgres\nhost: {csb.Host}\nport: {csb.Port}\nuser: {csb.Username}\ndatabase: {csb.Database}\nsslMode: disable\n" +
    (csb.Password is { Length: > 0 } pw ? $"password: {pw}\n" : ""));
await using var factory = await InternalStorageFactory.CreateAsync(new StorageLayerOptions("internal", configPath, _ => null), default);
var podsConfig = new ResourceStorageConfig(new GroupVersionResource("", "v1", "pods"), "Pod", true);
var pods = factory.GetResourceStorage(podsConfig);
await using var raw = NpgsqlDataSource.Create(connectionString);

async Task Sql(string sql)
{
    await using var c = raw.CreateCommand(sql);
    c.CommandTimeout = 600;
    await c.ExecuteNonQueryAsync();
}

async Task CopyAsync(string cluster, IReadOnlyList<ResourceRow> rows)
{
    await using (var connection = await raw.OpenConnectionAsync())
        await using (var importer = await connection.BeginBinaryImportAsync(
            "COPY resources (\"group\", version, resource, kind, cluster, namespace, name, owner_uid, uid, resource_version, object, created_at, synced_at) FROM STDIN (FORMAT BINARY)"))
        {
            var now = DateTime.UtcNow;
            foreach (var r in rows)
            {
                await importer.StartRowAsync();
                await importer.WriteAsync("", NpgsqlDbType.Varchar);
                await importer.WriteAsync("v1", NpgsqlDbType.Varchar);
                await importer.WriteAsync("pods", NpgsqlDbType.Varchar);
                await importer.WriteAsync("Pod", NpgsqlDbType.Varchar);
                await importer.WriteAsync(cluster, NpgsqlDbType.Varchar);
                await importer.WriteAsync(r.Namespace, NpgsqlDbType.Varchar);
                await importer.WriteAsync(r.Name, NpgsqlDbType.Varchar);
                await importer.WriteAsync(r.OwnerUid, NpgsqlDbType.Varchar);
                await importer.WriteAsync(r.Uid, NpgsqlDbType.Varchar);
                await importer.WriteAsync(r.ResourceVersion, NpgsqlDbType.Varchar);
                await importer.WriteAsync(r.Object, NpgsqlDbType.Jsonb);
                await importer.WriteAsync(r.CreatedAt, NpgsqlDbType.TimestampTz);
                await importer.WriteAsync(now, NpgsqlDbType.TimestampTz);
            }
            await importer.CompleteAsync();
        }

}

Console.WriteLine($"PostgreSQL: {(await raw.OpenConnectionAsync()).PostgreSqlVersion}; {Environment.ProcessorCount} cores; .NET {Environment.Version}");

if (ingestRuns > 0)
{
    // ---- Ingest: UpsertManyAsync versus COPY of the same rows, into the same table with the same indexes.
    var copyRates = new List<double>();
    var ourRates = new List<double>();
    for (var run = 0; run < ingestRuns; run++)
    {
        await Sql("TRUNCATE resources");
        copyRates.Add(await Ingest.SerialRateAsync(c => Ingest.Pods(c).Select(ResourceRow.From).ToArray(), (c, rows) => CopyAsync(ClusterName(c), rows)));
        await Sql("TRUNCATE resources");
        ourRates.Add(await Ingest.SerialRateAsync(Ingest.Pods, (c, objects) => pods.UpsertManyAsync(ClusterName(c), objects, default).AsTask()));
        Console.WriteLine($"ingest run {run + 1}: COPY {copyRates[^1]:F0} rows/s, UpsertManyAsync {ourRates[^1]:F0} objects/s");
    }
    // The synchro writes its clusters concurrently: the same ingest with one writer per cluster.
    var allObjects = Enumerable.Range(0, Clusters).Select(Ingest.Pods).ToArray();
    var allRows = allObjects.Select(objects => objects.Select(ResourceRow.From).ToArray()).ToArray();
    var copyConcurrent = new List<double>();
    var ourConcurrent = new List<double>();
    for (var run = 0; run < ingestRuns; run++)
    {
        await Sql("TRUNCATE resources");
        var sw = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Clusters).Select(c => CopyAsync(ClusterName(c), allRows[c])));
        copyConcurrent.Add(Clusters * PodGenerator.PodsPerCluster / sw.Elapsed.TotalSeconds);
        await Sql("TRUNCATE resources");
        sw = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Clusters).Select(c => pods.UpsertManyAsync(ClusterName(c), allObjects[c], default).AsTask()));
        ourConcurrent.Add(Clusters * PodGenerator.PodsPerCluster / sw.Elapsed.TotalSeconds);
        Console.WriteLine($"concurrent ingest run {run + 1}: COPY {copyConcurrent[^1]:F0} rows/s, UpsertManyAsync {ourConcurrent[^1]:F0} objects/s");
    }
    allObjects = null;
    allRows = null;
    await Ingest.WriteOwnersAsync(factory);
    await Sql("VACUUM ANALYZE resources");
    var avgSize = Convert.ToDouble(await raw.CreateCommand("SELECT avg(octet_length(object::text)) FROM resources WHERE resource = 'pods'").ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    Console.WriteLine($"rows: {Clusters * PodGenerator.PodsPerCluster} pods (~{avgSize:F0} bytes of JSON each) + {2 * Clusters * PodGenerator.Deployments} deployments/replicasets");
    Console.WriteLine();
    Console.WriteLine($"| ingest of 100,000 pods, 10 clusters (median of {ingestRuns}) | rows/s |");
    Console.WriteLine("|---|---|");
    Console.WriteLine($"| PostgreSQL COPY (binary) of the same rows | {Measure.Median(copyRates):F0} |");
    Console.WriteLine($"| UpsertManyAsync (batches of {InternalResourceStorage.BatchSize}) | {Measure.Median(ourRates):F0} |");
    Console.WriteLine($"| COPY, 10 clusters concurrently | {Measure.Median(copyConcurrent):F0} |");
    Console.WriteLine($"| UpsertManyAsync, 10 clusters concurrently | {Measure.Median(ourConcurrent):F0} |");
    Console.WriteLine($"peak working set of this process: {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024} MB");
    Console.WriteLine();
}

if (listRuns == 0)
{
    Directory.Delete(Path.GetDirectoryName(configPath)!, recursive: true);
    return 0;
}

if (compactLists)
{
    await CompactComparison.RunAsync((await BenchQueries.BuildAsync(pods)).Where(q => Selected(q.Name)), pods, listRuns);
    Directory.Delete(Path.GetDirectoryName(configPath)!, recursive: true);
    return 0;
}

// ---- Lists: our ListAsync (rows streamed to a sink) versus the same SQL in psql (\timing, output to /dev/null).
await BenchQueries.CompareAsync(pods, listRuns, Selected, "same SQL in psql",
    (sql, warmUp, runs) => Task.FromResult(Psql.Time(csb, SqlInliner.Inline(sql), warmUp, runs)));
Console.WriteLine($"peak working set of this process: {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024} MB");
Directory.Delete(Path.GetDirectoryName(configPath)!, recursive: true);
return 0;
