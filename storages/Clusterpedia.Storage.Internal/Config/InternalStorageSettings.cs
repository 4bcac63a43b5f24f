namespace Clusterpedia.Storage.Internal.Config;

/// <summary>The config file resolved against the environment: what the storage needs to connect and classify errors.</summary>
/// <param name="Source">The config file (or "environment") named in error messages.</param>
public sealed record InternalStorageSettings(
    DatabaseType Type,
    string ConnectionString,
    int MaxIdleConns,
    int MaxOpenConns,
    TimeSpan ConnMaxLifetime,
    IReadOnlySet<string> RecoverablePostgresCodes,
    IReadOnlySet<int> RecoverableMySqlNumbers,
    string Source)
{
    /// <summary>The SQL log; null when the config has no <c>log</c> key (nothing is logged).</summary>
    public SqlLogSettings? Log { get; init; }

    /// <summary>
    /// How long a list, count or get statement may run before the driver cancels it in the database (PostgreSQL's
    /// cancel request, MySQL's KILL QUERY). The slowest search we measure takes well under a second on 100,000 rows
    /// (docs/benchmarks.md), so the default only stops runaway statements.
    /// </summary>
    public TimeSpan StatementTimeout { get; init; } = DefaultStatementTimeout;

    public static readonly TimeSpan DefaultStatementTimeout = TimeSpan.FromSeconds(10);

    /// <summary><see cref="StatementTimeout"/> as ADO.NET's CommandTimeout (whole seconds, 0 = none).</summary>
    public int StatementTimeoutSeconds => StatementTimeout <= TimeSpan.Zero ? 0 : Math.Max(1, (int)Math.Ceiling(StatementTimeout.TotalSeconds));
}
