using System.Diagnostics;
using Clusterpedia.Storage.Internal.Tests.Servers;
using static Clusterpedia.Storage.Internal.Tests.TestObjects;

namespace Clusterpedia.Storage.Internal.Tests;

/// <summary>
/// A search statement is bounded by the storage's <c>statementTimeout</c> and stops in the database when the client
/// goes away. A slow statement is made with the engine's sleep inside the (gated) client SQL, the one way a test can
/// hold a backend busy; the database's own process list says whether it is still running.
/// </summary>
public abstract class StatementTimeoutTests(IDatabaseServer server) : StorageTestBase(server)
{
    /// <summary>A condition that sleeps 30 s per row and is true.</summary>
    protected abstract string SlowCondition { get; }

    /// <summary>How many statements of other sessions are running SlowCondition's sleep now.</summary>
    protected abstract string RunningSleepsQuery { get; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Upsert(Pods, "c1", Pod("c1", "default", "web-1", Labels("app=web"), "9", DateTimeOffset.UnixEpoch));
    }

    private Task<IStorageFactory> Gated(string extraConfig) => InternalStorageFactory.CreateAsync(
        new StorageLayerOptions("internal", Server.WriteConfig(Database, extraConfig), _ => null)
        {
            FeatureGates = new Dictionary<string, bool> { ["AllowRawSQLQuery"] = true },
        }, default).AsTask();

    private static IResourceStorage PodsOf(IStorageFactory factory) => factory.GetResourceStorage(new ResourceStorageConfig(TestObjects.Pods, "Pod", true));

    private long RunningSleeps() => Convert.ToInt64(Scalar(RunningSleepsQuery), System.Globalization.CultureInfo.InvariantCulture);

    private async Task AssertNoBackendBusyWithin(TimeSpan bound)
    {
        var watch = Stopwatch.StartNew();
        while (RunningSleeps() > 0)
        {
            Assert.True(watch.Elapsed < bound, $"the database still runs the statement {watch.Elapsed} after it was abandoned");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task A_statement_past_the_timeout_is_a_Timeout_and_stops_in_the_database()
    {
        await using var factory = await Gated("statementTimeout: 1s\n");

        var e = await Assert.ThrowsAsync<StorageException>(() =>
            PodsOf(factory).ListAsync(Parse(("whereSQL", SlowCondition)), new CollectingSink(), default).AsTask());

        Assert.Equal(StorageErrorKind.Timeout, e.Kind);
        Assert.True(e.IsRecoverable);
        await AssertNoBackendBusyWithin(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_client_that_goes_away_leaves_no_busy_backend_within_a_second()
    {
        await using var factory = await Gated("");
        using var client = new CancellationTokenSource();
        var list = PodsOf(factory).ListAsync(Parse(("whereSQL", SlowCondition)), new CollectingSink(), client.Token).AsTask();
        var started = Stopwatch.StartNew();
        while (RunningSleeps() == 0 && started.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(50);
        Assert.True(RunningSleeps() > 0, "the slow statement never started");

        await client.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => list);
        await AssertNoBackendBusyWithin(TimeSpan.FromSeconds(1));
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresStatementTimeoutTests(PostgresServer server) : StatementTimeoutTests(server)
{
    protected override string SlowCondition => "pg_sleep(30) IS NOT NULL";

    protected override string RunningSleepsQuery =>
        "SELECT COUNT(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%pg_sleep(30)%' AND pid <> pg_backend_pid()";
}

[Collection(MariaDbCollection.Name)]
public sealed class MariaDbStatementTimeoutTests(MariaDbServer server) : StatementTimeoutTests(server)
{
    protected override string SlowCondition => "SLEEP(30) = 0";

    protected override string RunningSleepsQuery =>
        "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE COMMAND = 'Query' AND INFO LIKE '%SLEEP(30)%' AND ID <> CONNECTION_ID()";
}
