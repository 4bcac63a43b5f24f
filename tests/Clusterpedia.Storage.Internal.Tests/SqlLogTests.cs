using System.Text.RegularExpressions;
using Clusterpedia.Storage.Internal.Tests.Servers;
using static Clusterpedia.Storage.Internal.Tests.TestObjects;

namespace Clusterpedia.Storage.Internal.Tests;

/// <summary>The <c>log</c> key: GORM's levels, slow and failed statements, and where the lines go, on each engine.</summary>
public abstract partial class SqlLogTests(IDatabaseServer server) : StorageTestBase(server), IDisposable
{
    // Console.Out is process-wide: the stdout tests of both engines take turns.
    private static readonly SemaphoreSlim ConsoleTurn = new(1, 1);

    private readonly string _dir = Directory.CreateTempSubdirectory("cp-sqllog-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>The log file, in a directory that does not exist yet (the storage creates it).</summary>
    private string LogFile => Path.Combine(_dir, "logs", "internalstorage.log");

    /// <summary>Runs <paramref name="act"/> on a storage with the given <c>log</c> keys and returns the log file's lines.</summary>
    private async Task<string[]> Logged(string logKeys, Func<IStorageFactory, Task> act)
    {
        await using (var factory = await CreateFactory($"log:\n{logKeys}  logger:\n    filename: {LogFile}\n"))
            await act(factory);
        // Disposing the storage wrote out every queued line.
        return File.Exists(LogFile) ? File.ReadAllLines(LogFile) : [];
    }

    private static IResourceStorage PodsOf(IStorageFactory factory) => factory.GetResourceStorage(new ResourceStorageConfig(TestObjects.Pods, "Pod", true));

    private static async Task ListAll(IStorageFactory factory, params (string, string)[] query) =>
        await PodsOf(factory).ListAsync(Parse(query), new CollectingSink(), default);

    [GeneratedRegex(@"^\d{4}/\d\d/\d\d \d\d:\d\d:\d\d \[\d+\.\d{3}ms\] \[rows:(\d+|-)\] ")]
    private static partial Regex InfoLine();

    [Fact]
    public async Task Info_logs_every_statement_with_its_duration_rows_and_inlined_values()
    {
        var big = Object("c1", "v1", "Pod", "default", "big", extra: w => w.WriteString("data", new string('x', 5000)));
        var lines = await Logged("  level: Info\n  slowThreshold: 1h\n", async factory =>
        {
            var pods = PodsOf(factory);
            await Upsert(pods, "c1", Pod("c1", "default", "a"), Pod("c1", "default", "b"), Pod("c1", "kube-system", "c"));
            await pods.UpsertAsync("c1", big, default);
            await ListAll(factory, ("namespaces", "default"), ("names", "o'brien,a,b"));
            await pods.GetAsync("c1", "default", "a", default);
            await pods.DeleteAsync("c1", "default", "b", default);
        });

        Assert.All(lines, line => Assert.Matches(InfoLine(), line));
        Assert.DoesNotContain(lines, line => line.Contains('@', StringComparison.Ordinal));
        // Schema statements, multi-line in the source, are one line each.
        Assert.Contains(lines, line => line.Contains("CREATE TABLE IF NOT EXISTS resources ( id ", StringComparison.Ordinal));
        // The list: its values inlined and quoted, a quote doubled; two rows came back.
        var list = Assert.Single(lines, line => line.Contains("] SELECT ", StringComparison.Ordinal) && line.Contains("'o''brien'", StringComparison.Ordinal));
        Assert.Contains("[rows:2]", list);
        Assert.Contains("'default'", list);
        Assert.Contains("'pods'", list);
        Assert.Contains(lines, line => line.Contains("[rows:1] SELECT object FROM resources WHERE ", StringComparison.Ordinal) && line.Contains("'a'", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("[rows:1] DELETE FROM resources WHERE ", StringComparison.Ordinal) && line.Contains("'b'", StringComparison.Ordinal));
        // The batch upsert of three pods, and the 5 KB object cut to its first 256 characters and its length.
        Assert.Contains(lines, line => line.Contains("] INSERT INTO resources ", StringComparison.Ordinal) && line.Contains("'kube-system'", StringComparison.Ordinal));
        var insertBig = Assert.Single(lines, line => line.Contains("] INSERT INTO resources ", StringComparison.Ordinal) && line.Contains("'big'", StringComparison.Ordinal));
        Assert.Matches(@"'\.\.\.\(5\d{3} chars\)", insertBig);
        Assert.True(insertBig.Length < 2000, insertBig);
    }

    [Fact]
    public async Task Info_writes_a_count_with_its_statement_and_colours_when_colorful()
    {
        var lines = await Logged("  level: info\n  colorful: true\n  slowThreshold: 1h\n", async factory =>
        {
            await Upsert(PodsOf(factory), "c1", Pod("c1", "default", "a"), Pod("c1", "default", "b"));
            await ListAll(factory, ("limit", "1"), ("withRemainingCount", "true"));
        });
        var count = Assert.Single(lines, line => line.Contains("SELECT COUNT(*) FROM resources WHERE ", StringComparison.Ordinal));
        Assert.Contains("\u001b[33m[", count);
        Assert.Contains("\u001b[34;1m[rows:1]\u001b[0m SELECT", count);
    }

    [Fact]
    public async Task Warn_logs_statements_slower_than_the_threshold_and_no_others()
    {
        var slow = await Logged("  level: Warn\n  slowThreshold: 1ns\n", factory => ListAll(factory));
        Assert.NotEmpty(slow);
        Assert.All(slow, line => Assert.Matches(@"^\d{4}/\d\d/\d\d \d\d:\d\d:\d\d SLOW SQL >= 1ns \[\d+\.\d{3}ms\] \[rows:(\d+|-)\] ", line));
        Assert.Contains(slow, line => line.Contains("[rows:0] SELECT ", StringComparison.Ordinal) && line.Contains("'pods'", StringComparison.Ordinal));

        File.Delete(LogFile);
        Assert.Empty(await Logged("  slowThreshold: 1h\n", factory => ListAll(factory)));
    }

    [Fact]
    public async Task Error_logs_a_failing_statement_with_its_error_and_a_get_that_finds_nothing()
    {
        var lines = await Logged("  level: Error\n", async factory =>
        {
            var pods = PodsOf(factory);
            await pods.UpsertAsync("c1", Pod("c1", "default", "a"), default);
            await Assert.ThrowsAsync<StorageException>(() => pods.UpsertAsync("c1", Pod("c1", "default", new string('n', 300)), default).AsTask());
            await Assert.ThrowsAsync<StorageException>(() => pods.GetAsync("c1", "default", "missing", default).AsTask());
            await ListAll(factory);
        });
        Assert.Equal(2, lines.Length);
        Assert.Matches(IsPostgres ? "value too long" : "Data too long", lines[0]);
        Assert.Matches(@"\[rows:-\] INSERT INTO resources ", lines[0]);
        Assert.Contains("'nnnnnnnn", lines[0]);
        Assert.Matches(@"^\d{4}/\d\d/\d\d \d\d:\d\d:\d\d record not found \[\d+\.\d{3}ms\] \[rows:0\] SELECT object FROM resources WHERE .*'missing'", lines[1]);
    }

    [Fact]
    public async Task IgnoreRecordNotFoundError_leaves_out_gets_that_find_nothing()
    {
        async Task GetMissing(IStorageFactory factory) =>
            await Assert.ThrowsAsync<StorageException>(() => PodsOf(factory).GetAsync("c1", "default", "missing", default).AsTask());

        Assert.Empty(await Logged("  level: Error\n  ignoreRecordNotFoundError: true\n", GetMissing));
        File.Delete(LogFile);
        // At Info the get is still logged, as a statement that returned no row.
        var lines = await Logged("  level: Info\n  slowThreshold: 1h\n  ignoreRecordNotFoundError: true\n", GetMissing);
        var get = Assert.Single(lines, line => line.Contains("'missing'", StringComparison.Ordinal));
        Assert.DoesNotContain("record not found", get);
        Assert.Contains("[rows:0] SELECT object FROM resources", get);
    }

    [Fact]
    public async Task Without_a_log_key_or_at_Silent_nothing_is_logged_or_timed()
    {
        await using (var factory = await CreateFactory())
        {
            Assert.Null(((InternalStorageFactory)factory).Dialect.Log);
            await ListAll(factory);
        }
        Assert.Empty(await Logged("  level: Silent\n", factory =>
        {
            Assert.Null(((InternalStorageFactory)factory).Dialect.Log);
            return ListAll(factory);
        }));
        Assert.False(Directory.Exists(Path.GetDirectoryName(LogFile)));
    }

    [Fact]
    public async Task Stdout_writes_to_standard_output_instead_of_the_file()
    {
        await ConsoleTurn.WaitAsync();
        var original = Console.Out;
        var captured = new StringWriter();
        try
        {
            Console.SetOut(captured);
            await using (var factory = await CreateFactory($"log:\n  stdout: true\n  level: Info\n  logger:\n    filename: {LogFile}\n"))
                await ListAll(factory, ("names", "stdout-check"));
        }
        finally
        {
            Console.SetOut(original);
            ConsoleTurn.Release();
        }
        Assert.Contains(captured.ToString().Split('\n'), line => line.Contains("[rows:0] SELECT ", StringComparison.Ordinal) && line.Contains("'stdout-check'", StringComparison.Ordinal));
        Assert.False(File.Exists(LogFile));
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresSqlLogTests(PostgresServer server) : SqlLogTests(server);

[Collection(MariaDbCollection.Name)]
public sealed class MariaDbSqlLogTests(MariaDbServer server) : SqlLogTests(server);
