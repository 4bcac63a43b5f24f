using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Clusterpedia.Storage.Internal.Config;

/// <summary>
/// Reads the internal storage config file (upstream keys), applies the <c>DB_*</c> environment overrides, which win
/// over the file, and validates everything before any connection is made.
/// </summary>
public static partial class ConfigLoader
{
    public static InternalStorageSettings Load(StorageLayerOptions options)
    {
        var source = options.ConfigPath ?? "environment";
        var config = options.ConfigPath is { } path ? Parse(ReadFile(path), path) : new InternalStorageConfig();
        ApplyEnvironment(config, options.GetEnvironmentVariable);
        return Resolve(config, source);
    }

    private static string ReadFile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StorageConfigException($"storage config {path}: cannot read the file: {e.Message}", e);
        }
    }

    /// <summary>Parses YAML text; <paramref name="source"/> names the file in errors.</summary>
    public static InternalStorageConfig Parse(string yaml, string source)
    {
        var deserializer = new StaticDeserializerBuilder(new ConfigYamlContext())
            .WithNamingConvention(CamelCaseNamingConvention.Instance)
            .Build();
        try
        {
            return deserializer.Deserialize<InternalStorageConfig?>(yaml) ?? new InternalStorageConfig();
        }
        catch (YamlException e)
        {
            var where = $"line {e.Start.Line}, column {e.Start.Column}";
            var message = Innermost(e).Message;
            if (UnknownProperty().Match(message) is { Success: true } m)
                throw new StorageConfigException($"storage config {source}: unknown key '{m.Groups[1].Value}' ({where})", e);
            throw new StorageConfigException($"storage config {source}: invalid value at {where}: {message}", e);
        }
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null) e = e.InnerException;
        return e;
    }

    private static void ApplyEnvironment(InternalStorageConfig config, Func<string, string?> env)
    {
        static string? Value(Func<string, string?> env, string name) => env(name) is { Length: > 0 } v ? v : null;
        config.Type = Value(env, "DB_TYPE") ?? config.Type;
        config.Dsn = Value(env, "DB_DSN") ?? config.Dsn;
        config.Network = Value(env, "DB_NETWORK") ?? config.Network;
        config.Host = Value(env, "DB_HOST") ?? config.Host;
        config.Port = Value(env, "DB_PORT") ?? config.Port;
        config.User = Value(env, "DB_USER") ?? config.User;
        config.Password = Value(env, "DB_PASSWORD") ?? config.Password;
        config.Database = Value(env, "DB_DATABASE") ?? config.Database;
    }

    private static InternalStorageSettings Resolve(InternalStorageConfig config, string source)
    {
        var type = config.Type?.Trim().ToLowerInvariant() switch
        {
            "postgres" => DatabaseType.Postgres,
            "mysql" => DatabaseType.MySql,
            null or "" => throw new StorageConfigException(
                $"storage config {source}: key 'type' is required (postgres or mysql; or set DB_TYPE)"),
            "sqlite" or "sqlite3" => throw new StorageConfigException(
                $"storage config {source}: type '{config.Type}' is not supported by this build (use postgres or mysql)"),
            _ => throw new StorageConfigException($"storage config {source}: not support storage type '{config.Type}' (key 'type')"),
        };

        if (config.Port is { } port && !int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            throw new StorageConfigException($"storage config {source}: key 'port' must be a number, got '{port}'");
        if (string.IsNullOrEmpty(config.Dsn) && string.IsNullOrEmpty(config.Database))
            throw new StorageConfigException($"storage config {source}: key 'database' is required when 'dsn' is not set (or set DB_DATABASE)");
        if (!string.IsNullOrEmpty(config.Network) && config.Network is not ("tcp" or "unix"))
            throw new StorageConfigException($"storage config {source}: key 'network' must be tcp or unix, got '{config.Network}'");

        var pool = config.ConnPool ?? new ConnPoolConfig();
        var maxIdle = pool.MaxIdleConns ?? 5;
        var maxOpen = pool.MaxOpenConns ?? 40;
        if (maxIdle < 0 || maxOpen <= 0)
            throw new StorageConfigException($"storage config {source}: connPool.maxIdleConns must be >= 0 and connPool.maxOpenConns > 0");
        if (maxOpen < maxIdle)
            throw new StorageConfigException($"storage config {source}: connPool.maxOpenConns ({maxOpen}) must not be less than connPool.maxIdleConns ({maxIdle})");
        var lifetime = Duration(pool.ConnMaxLifetime, "connPool.connMaxLifetime", source) ?? TimeSpan.Zero;
        // As upstream: a lifetime under an hour is raised to an hour; 0 (or negative) means unlimited.
        if (lifetime > TimeSpan.Zero && lifetime < TimeSpan.FromHours(1)) lifetime = TimeSpan.FromHours(1);
        if (lifetime < TimeSpan.Zero) lifetime = TimeSpan.Zero;

        ValidateMetricsAndMySql(config, source);
        var log = SqlLogSettings.From(config.Log, source);

        var pgCodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var code in config.Postgres?.RecoverableErrCodes ?? [])
        {
            if (code is null || code.Length != 5)
                throw new StorageConfigException($"storage config {source}: postgres.recoverableErrCodes entry '{code}' is not a 5-character SQLSTATE");
            pgCodes.Add(code.ToUpperInvariant());
        }
        var mysqlNumbers = new HashSet<int>(config.Mysql?.RecoverableErrNumbers ?? []);

        var connectionString = type == DatabaseType.Postgres
            ? PostgresConnectionString.Build(config, source, maxOpen, lifetime)
            : MySqlConnectionString.Build(config, source, maxOpen, lifetime);
        var statementTimeout = Duration(config.StatementTimeout, "statementTimeout", source) ?? InternalStorageSettings.DefaultStatementTimeout;
        return new InternalStorageSettings(type, connectionString, maxIdle, maxOpen, lifetime, pgCodes, mysqlNumbers, source)
        {
            Log = log,
            StatementTimeout = statementTimeout,
        };
    }

    private static void ValidateMetricsAndMySql(InternalStorageConfig config, string source)
    {
        if (config.Metrics is { } metrics)
            Duration(metrics.DbStatsRefreshInterval, "metrics.dbStatsRefreshInterval", source);
        if (config.Mysql is { } mysql)
        {
            Duration(mysql.DialTimeout, "mysql.dialTimeout", source);
            Duration(mysql.ReadTimeout, "mysql.readTimeout", source);
            Duration(mysql.WriteTimeout, "mysql.writeTimeout", source);
        }
    }

    internal static TimeSpan? Duration(string? text, string key, string source)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return GoDuration.TryParse(text, out var value)
            ? value
            : throw new StorageConfigException($"storage config {source}: key '{key}' is not a duration (like 30s, 1h): '{text}'");
    }

    [GeneratedRegex("Property '([^']+)' not found")]
    private static partial Regex UnknownProperty();
}
