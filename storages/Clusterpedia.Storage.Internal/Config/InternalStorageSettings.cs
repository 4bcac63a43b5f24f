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
}
