namespace Clusterpedia.Storage.Internal.Config;

// The storage config file, key for key as upstream's internalstorage config.go. Mutable classes with settable
// properties because YamlDotNet's static generator needs them; property names map to keys in camelCase.

/// <summary>The root of the internal storage config file.</summary>
public sealed class InternalStorageConfig
{
    public string? Type { get; set; }
    public string? Dsn { get; set; }
    public string? Network { get; set; }
    public string? Host { get; set; }
    public string? Port { get; set; }
    public string? User { get; set; }
    public string? Password { get; set; }
    public string? Database { get; set; }
    public string? SslMode { get; set; }
    public string? SslCertFile { get; set; }
    public string? SslKeyFile { get; set; }
    public string? SslRootCertFile { get; set; }
    public ConnPoolConfig? ConnPool { get; set; }
    /// <summary>Not upstream's: the longest a search statement may run (a Go duration); 0 turns the bound off.</summary>
    public string? StatementTimeout { get; set; }
    public Dictionary<string, string>? Params { get; set; }
    public MySqlConfig? Mysql { get; set; }
    public PostgresConfig? Postgres { get; set; }
    public LogConfig? Log { get; set; }
    public MetricsConfig? Metrics { get; set; }
}

public sealed class ConnPoolConfig
{
    public int? MaxIdleConns { get; set; }
    public int? MaxOpenConns { get; set; }
    /// <summary>A Go duration (<c>1h</c>, <c>30m</c>) or nanoseconds.</summary>
    public string? ConnMaxLifetime { get; set; }
}

/// <summary>The go-sql-driver/mysql knobs upstream exposes; those MySqlConnector has an equivalent for are applied.</summary>
public sealed class MySqlConfig
{
    public string? DialTimeout { get; set; }
    public string? ReadTimeout { get; set; }
    public string? WriteTimeout { get; set; }
    public string? ServerPubKey { get; set; }
    public string? Loc { get; set; }
    public int? MaxAllowedPacket { get; set; }
    public bool? AllowAllFiles { get; set; }
    public bool? AllowCleartextPasswords { get; set; }
    public bool? AllowNativePasswords { get; set; }
    public bool? AllowOldPasswords { get; set; }
    public bool? CheckConnLiveness { get; set; }
    public bool? ClientFoundRows { get; set; }
    public bool? ColumnsWithAlias { get; set; }
    public bool? InterpolateParams { get; set; }
    public bool? MultiStatements { get; set; }
    public bool? ParseTime { get; set; }
    public bool? RejectReadOnly { get; set; }
    public List<int>? RecoverableErrNumbers { get; set; }
}

public sealed class PostgresConfig
{
    public List<string>? RecoverableErrCodes { get; set; }
}

/// <summary>Upstream's SQL log settings (GORM logger + lumberjack), resolved by <see cref="SqlLogSettings"/>.</summary>
public sealed class LogConfig
{
    public bool? Stdout { get; set; }
    public string? Level { get; set; }
    public bool? Colorful { get; set; }
    public string? SlowThreshold { get; set; }
    public bool? IgnoreRecordNotFoundError { get; set; }
    public LumberjackConfig? Logger { get; set; }
}

/// <summary>lumberjack.Logger; its YAML keys are all lower case, hence the property spelling.</summary>
public sealed class LumberjackConfig
{
    public string? Filename { get; set; }
    public int? Maxsize { get; set; }
    public int? Maxage { get; set; }
    public int? Maxbackups { get; set; }
    public bool? Localtime { get; set; }
    public bool? Compress { get; set; }
}

public sealed class MetricsConfig
{
    public bool? Disable { get; set; }
    public string? DbStatsRefreshInterval { get; set; }
}
