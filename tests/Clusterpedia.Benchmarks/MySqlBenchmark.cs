using System.Data;
using System.Diagnostics;
using System.Globalization;
using Clusterpedia.Storage;
using Clusterpedia.Storage.Internal;
using Clusterpedia.Storage.Internal.Sql;
using MySqlConnector;

namespace Clusterpedia.Benchmarks;

/// <summary>
/// The same benchmark on MySQL/MariaDB. Baselines: ingest against <c>LOAD DATA LOCAL INFILE</c> (MySqlBulkCopy) of the
/// same rows; lists against the exact statement our storage issued, run through MySqlConnector with every column's
/// bytes read (the mariadb client reports whole milliseconds only, too coarse for a get).
/// </summary>
internal static class MySqlBenchmark
{

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 1)
        {
            Console.Error.WriteLine("usage: Clusterpedia.Benchmarks --mysql <MySqlConnector connection string> [ingestRuns=3] [listRuns=9] [query prefixes]");
            return 2;
        }
        var csb = new MySqlConnectionStringBuilder(args[0]) { AllowLoadLocalInfile = true };
        var ingestRuns = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        var listRuns = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 9;
        var only = args.Length > 3 ? args[3].Split(',', StringSplitOptions.RemoveEmptyEntries) : [];
        bool Selected(string name) => only.Length == 0 || only.Any(p => name.StartsWith(p, StringComparison.Ordinal));

        var configDir = Directory.CreateTempSubdirectory("cp-bench-");
        var configPath = Path.Combine(configDir.FullName, "internalstorage.yaml");
        await File.WriteAllTextAsync(configPath, $"type: mysql\nhost: {csb.Server}\nport: {csb.Port}\nuser: {csb.UserID}\ndatabase: {csb.Database}\n" +
            (csb.Password is { Length: > 0 } pw ? $"password: {pw}\n" : ""));
        await using var factory = await InternalStorageFactory.CreateAsync(new StorageLayerOptions("internal", configPath, _ => null), default);
        var pods = factory.GetResourceStorage(new ResourceStorageConfig(new("", "v1", "pods"), "Pod", true));
        await using var raw = new MySqlDataSource(csb.ConnectionString);

        async Task Sql(string sql)
        {
            await using var connection = await raw.OpenConnectionAsync();
            await using var command = new MySqlCommand(sql, connection) { CommandTimeout = 600 };
            await command.ExecuteNonQueryAsync();
        }

        await using (var connection = await raw.OpenConnectionAsync())
            Console.WriteLine($"MySQL/MariaDB: {connection.ServerVersion}; {Environment.ProcessorCount} cores; .NET {Environment.Version}");

        if (ingestRuns > 0)
        {
            var loadRates = new List<double>();
            var ourRates = new List<double>();
            for (var run = 0; run < ingestRuns; run++)
            {
                await Sql("TRUNCATE TABLE resources");
                loadRates.Add(await Ingest.SerialRateAsync(c => Rows(Ingest.ClusterName(c), Ingest.Pods(c)), (_, table) => BulkLoadAsync(raw, table)));
                await Sql("TRUNCATE TABLE resources");
                ourRates.Add(await Ingest.SerialRateAsync(Ingest.Pods, (c, objects) => pods.UpsertManyAsync(Ingest.ClusterName(c), objects, default).AsTask()));
                Console.WriteLine($"ingest run {run + 1}: LOAD DATA {loadRates[^1]:F0} rows/s, UpsertManyAsync {ourRates[^1]:F0} objects/s");
            }
            await Ingest.WriteOwnersAsync(factory);
            await Sql("ANALYZE TABLE resources");
            Console.WriteLine();
            Console.WriteLine($"| ingest of 100,000 pods, 10 clusters (median of {ingestRuns}) | rows/s |");
            Console.WriteLine("|---|---|");
            Console.WriteLine($"| LOAD DATA LOCAL INFILE (MySqlBulkCopy) of the same rows | {Measure.Median(loadRates):F0} |");
            Console.WriteLine($"| UpsertManyAsync (batches of {InternalResourceStorage.BatchSize}) | {Measure.Median(ourRates):F0} |");
            Console.WriteLine();
        }

        if (listRuns > 0)
        {
            await BenchQueries.CompareAsync(pods, listRuns, Selected, "same SQL via MySqlConnector",
                (sql, warmUp, runs) => Measure.TimeAsync(warmUp, runs, () => ReadAllAsync(raw, sql)));
            Console.WriteLine($"peak working set of this process: {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024} MB");
        }
        configDir.Delete(recursive: true);
        return 0;
    }

    /// <summary>Runs the statement with its parameters on a raw connection and reads every column of every row.</summary>
    private static async Task ReadAllAsync(MySqlDataSource raw, SqlText sql)
    {
        await using var connection = await raw.OpenConnectionAsync();
        await using var command = sql.CreateCommand(connection);
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess);
        var buffer = new byte[64 * 1024];
        var json = Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetName(i) is "object" or "events").ToArray();
        while (await reader.ReadAsync())
            for (var i = 0; i < reader.FieldCount; i++)
            {
                if (await reader.IsDBNullAsync(i)) continue;
                if (!json[i])
                {
                    _ = reader.GetValue(i);
                    continue;
                }
                // The JSON column as bytes, as the storage reads it.
                await using var stream = reader.GetStream(i);
                while (await stream.ReadAsync(buffer) > 0)
                {
                }
            }
    }

    private static readonly string[] Columns =
        ["group", "version", "resource", "kind", "cluster", "namespace", "name", "owner_uid", "uid", "resource_version", "object", "created_at", "synced_at"];

    /// <summary>The rows as LOAD DATA takes them, built before the timer starts.</summary>
    private static DataTable Rows(string cluster, IEnumerable<Clusterpedia.Objects.ResourceObject> objects)
    {
        var table = new DataTable();
        foreach (var column in Columns)
            table.Columns.Add(column, column is "created_at" or "synced_at" ? typeof(DateTime) : typeof(string));
        var now = DateTime.UtcNow;
        foreach (var obj in objects)
        {
            var r = ResourceRow.From(obj);
            table.Rows.Add("", "v1", "pods", "Pod", cluster, r.Namespace, r.Name, r.OwnerUid, r.Uid, r.ResourceVersion, r.Object, r.CreatedAt, now);
        }
        return table;
    }

    private static async Task BulkLoadAsync(MySqlDataSource raw, DataTable rows)
    {
        await using var connection = await raw.OpenConnectionAsync();
        var bulk = new MySqlBulkCopy(connection) { DestinationTableName = "resources", BulkCopyTimeout = 600 };
        for (var i = 0; i < Columns.Length; i++) bulk.ColumnMappings.Add(new MySqlBulkCopyColumnMapping(i, Columns[i]));
        var result = await bulk.WriteToServerAsync(rows);
        if (result.Warnings.Count > 0) throw new InvalidOperationException($"LOAD DATA: {result.Warnings[0].Message}");
    }
}
