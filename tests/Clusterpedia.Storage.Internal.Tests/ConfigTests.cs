using Clusterpedia.Storage.Internal.Config;
using MySqlConnector;
using Npgsql;

namespace Clusterpedia.Storage.Internal.Tests;

/// <summary>The config file: every upstream key, DB_* overrides, defaults, and errors that name the key and the file.</summary>
public sealed class ConfigTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cp-config-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string yaml)
    {
        var path = Path.Combine(_dir, $"config-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    private static InternalStorageSettings Load(string? path, params (string Name, string Value)[] env) =>
        ConfigLoader.Load(new StorageLayerOptions("internal", path, name => env.FirstOrDefault(e => e.Name == name).Value));

    private StorageConfigException Fails(string yaml, params (string, string)[] env)
    {
        var path = Write(yaml);
        var e = Assert.Throws<StorageConfigException>(() => Load(path, env));
        Assert.Contains(path, e.Message);
        return e;
    }

    private const string FullPostgres = """
        type: postgres
        network: tcp
        host: db.example
        port: 5433
        user: clusterpedia
        password: secret
        database: clusterpedia
        sslMode: verify-full
        sslCertFile: /certs/client.crt
        sslKeyFile: /certs/client.key
        sslRootCertFile: /certs/ca.crt
        connPool:
          maxIdleConns: 10
          maxOpenConns: 50
          connMaxLifetime: 2h
        params:
          application_name: clusterpedia
        postgres:
          recoverableErrCodes: ["53300", "58030"]
        mysql:
          dialTimeout: 5s
          readTimeout: 30s
          writeTimeout: 30s
          serverPubKey: /keys/pub.pem
          loc: UTC
          maxAllowedPacket: 4194304
          allowAllFiles: false
          allowCleartextPasswords: false
          allowNativePasswords: true
          allowOldPasswords: false
          checkConnLiveness: true
          clientFoundRows: false
          columnsWithAlias: false
          interpolateParams: false
          multiStatements: false
          parseTime: true
          rejectReadOnly: false
          recoverableErrNumbers: [1317]
        log:
          stdout: true
          level: Info
          colorful: false
          slowThreshold: 200ms
          ignoreRecordNotFoundError: true
          logger:
            filename: /var/log/clusterpedia/internalstorage.log
            maxsize: 100
            maxage: 7
            maxbackups: 3
            localtime: true
            compress: true
        metrics:
          disable: false
          dbStatsRefreshInterval: 15s
        """;

    [Fact]
    public void Every_upstream_key_is_accepted_and_applied()
    {
        var s = Load(Write(FullPostgres));
        Assert.Equal(DatabaseType.Postgres, s.Type);
        var b = new NpgsqlConnectionStringBuilder(s.ConnectionString);
        Assert.Equal("db.example", b.Host);
        Assert.Equal(5433, b.Port);
        Assert.Equal("clusterpedia", b.Username);
        Assert.Equal("secret", b.Password);
        Assert.Equal("clusterpedia", b.Database);
        Assert.Equal(SslMode.VerifyFull, b.SslMode);
        Assert.Equal("/certs/client.crt", b.SslCertificate);
        // Upstream writes sslKeyFile as sslcert=; here it is the key.
        Assert.Equal("/certs/client.key", b.SslKey);
        Assert.Equal("/certs/ca.crt", b.RootCertificate);
        Assert.Equal("clusterpedia", b.ApplicationName);
        Assert.Equal(50, b.MaxPoolSize);
        Assert.Equal(7200, b.ConnectionLifetime);
        Assert.Equal(10, s.MaxIdleConns);
        Assert.Contains("53300", s.RecoverablePostgresCodes);
        Assert.Contains("58030", s.RecoverablePostgresCodes);
        Assert.Contains(1317, s.RecoverableMySqlNumbers);
    }

    [Fact]
    public void Defaults_are_upstream_defaults_and_a_short_lifetime_is_raised_to_an_hour()
    {
        var s = Load(Write("type: postgres\ndatabase: d\n"));
        Assert.Equal(5, s.MaxIdleConns);
        Assert.Equal(40, s.MaxOpenConns);
        Assert.Equal(TimeSpan.Zero, s.ConnMaxLifetime);
        Assert.Equal(TimeSpan.FromHours(1), Load(Write("type: postgres\ndatabase: d\nconnPool:\n  connMaxLifetime: 10m\n")).ConnMaxLifetime);
    }

    [Fact]
    public void Environment_overrides_win_over_the_file()
    {
        var s = Load(Write("type: mysql\nhost: file-host\nport: 3306\nuser: u\npassword: p\ndatabase: filedb\n"),
            ("DB_TYPE", "postgres"), ("DB_HOST", "env-host"), ("DB_PORT", "6543"), ("DB_USER", "env-user"),
            ("DB_PASSWORD", "env-pw"), ("DB_DATABASE", "envdb"));
        Assert.Equal(DatabaseType.Postgres, s.Type);
        var b = new NpgsqlConnectionStringBuilder(s.ConnectionString);
        Assert.Equal(("env-host", 6543, "env-user", "env-pw", "envdb"), (b.Host, b.Port, b.Username, b.Password, b.Database));
    }

    [Fact]
    public void Without_a_file_the_environment_alone_configures_the_storage()
    {
        var s = Load(null, ("DB_TYPE", "mysql"), ("DB_HOST", "h"), ("DB_DATABASE", "d"), ("DB_NETWORK", "tcp"));
        var b = new MySqlConnectionStringBuilder(s.ConnectionString);
        Assert.Equal(("h", "d"), (b.Server, b.Database));
        Assert.Contains("environment", Assert.Throws<StorageConfigException>(() => Load(null)).Message);
    }

    [Fact]
    public void Postgres_dsn_in_keyword_and_url_form_takes_DB_PASSWORD_when_it_has_none()
    {
        var s = Load(Write("type: postgres\ndsn: host=h port=5439 user=u dbname='my db' sslmode=disable\n"), ("DB_PASSWORD", "pw"));
        var b = new NpgsqlConnectionStringBuilder(s.ConnectionString);
        Assert.Equal(("h", 5439, "u", "my db", SslMode.Disable, "pw"), (b.Host, b.Port, b.Username, b.Database, b.SslMode, b.Password));
        var url = new NpgsqlConnectionStringBuilder(Load(Write("type: postgres\ndsn: postgres://u:p%40ss@h2:5440/db2?sslmode=require\n")).ConnectionString);
        Assert.Equal(("h2", 5440, "u", "p@ss", "db2", SslMode.Require), (url.Host, url.Port, url.Username, url.Password, url.Database, url.SslMode));
        var env = new NpgsqlConnectionStringBuilder(Load(null, ("DB_TYPE", "postgres"), ("DB_DSN", "host=e dbname=x")).ConnectionString);
        Assert.Equal("e", env.Host);
    }

    [Fact]
    public void MySql_dsn_in_go_driver_form_and_tls_modes()
    {
        var s = Load(Write("type: mysql\ndsn: root:pw@tcp(db:3307)/clusterpedia?charset=utf8mb4&parseTime=true&loc=Local\n"));
        var b = new MySqlConnectionStringBuilder(s.ConnectionString);
        Assert.Equal(("db", 3307u, "root", "pw", "clusterpedia", "utf8mb4"), (b.Server, b.Port, b.UserID, b.Password, b.Database, b.CharacterSet));
        var unix = new MySqlConnectionStringBuilder(Load(Write("type: mysql\ndsn: u@unix(/run/mysqld.sock)/d\n"), ("DB_PASSWORD", "envpw")).ConnectionString);
        Assert.Equal((MySqlConnectionProtocol.UnixSocket, "/run/mysqld.sock", "envpw"), (unix.ConnectionProtocol, unix.Server, unix.Password));

        MySqlSslMode Mode(string yaml) => new MySqlConnectionStringBuilder(Load(Write("type: mysql\ndatabase: d\n" + yaml)).ConnectionString).SslMode;
        Assert.Equal(MySqlSslMode.None, Mode(""));
        Assert.Equal(MySqlSslMode.None, Mode("sslMode: disable\n"));
        Assert.Equal(MySqlSslMode.Required, Mode("sslMode: skip-verify\n"));
        Assert.Equal(MySqlSslMode.VerifyCA, Mode("sslMode: require\n"));
        Assert.Equal(MySqlSslMode.Required, Mode("sslMode: require\nsslRootCertFile: /ca.crt\n"));
        Assert.Equal(MySqlSslMode.VerifyCA, Mode("sslMode: verify-ca\n"));
        Assert.Equal(MySqlSslMode.VerifyFull, Mode("sslMode: verify-full\n"));
    }

    [Theory]
    [InlineData("type: postgres\ndatabase: d\nhots: x\n", "'hots'")]
    [InlineData("type: postgres\ndatabase: d\nconnPool:\n  maxIdle: 3\n", "'maxIdle'")]
    [InlineData("type: postgres\ndatabase: d\nlog:\n  logger:\n    fileName: x\n", "'fileName'")]
    public void Unknown_keys_are_errors_naming_the_key(string yaml, string key) =>
        Assert.Contains($"unknown key {key}", Fails(yaml).Message);

    [Theory]
    [InlineData("database: d\n", "'type' is required")]
    [InlineData("type: oracle\ndatabase: d\n", "not support storage type 'oracle'")]
    [InlineData("type: sqlite\ndsn: x.db\n", "not supported by this build")]
    [InlineData("type: postgres\n", "'database' is required")]
    [InlineData("type: postgres\ndatabase: d\nport: abc\n", "'port' must be a number")]
    [InlineData("type: postgres\ndatabase: d\nnetwork: udp\n", "'network' must be tcp or unix")]
    [InlineData("type: postgres\ndatabase: d\nconnPool:\n  maxIdleConns: 10\n  maxOpenConns: 5\n", "must not be less than")]
    [InlineData("type: postgres\ndatabase: d\nconnPool:\n  connMaxLifetime: soon\n", "'connPool.connMaxLifetime' is not a duration")]
    [InlineData("type: postgres\ndatabase: d\nconnPool:\n  maxOpenConns: many\n", "invalid value at line 4")]
    [InlineData("type: postgres\ndatabase: d\nsslMode: sometimes\n", "sslMode must be one of")]
    [InlineData("type: mysql\ndatabase: d\nsslCertFile: /c.crt\n", "must be given together")]
    [InlineData("type: postgres\ndatabase: d\nlog:\n  level: Loud\n", "log.level must be")]
    [InlineData("type: postgres\ndatabase: d\nlog:\n  slowThreshold: fast\n", "'log.slowThreshold' is not a duration")]
    [InlineData("type: postgres\ndatabase: d\nlog:\n  logger:\n    maxsize: -1\n", "must not be negative")]
    [InlineData("type: postgres\ndatabase: d\npostgres:\n  recoverableErrCodes: [123]\n", "not a 5-character SQLSTATE")]
    [InlineData("type: postgres\ndatabase: d\nparams:\n  no_such_setting: 1\n", "params.no_such_setting")]
    [InlineData("type: mysql\ndsn: root@tcp(h:1)\n", "dsn has no '/dbname' part")]
    public void Bad_values_are_errors_naming_the_problem(string yaml, string message) =>
        Assert.Contains(message, Fails(yaml).Message);

    [Fact]
    public void An_unreadable_file_is_an_error_naming_it()
    {
        var missing = Path.Combine(_dir, "missing.yaml");
        Assert.Contains(missing, Assert.Throws<StorageConfigException>(() => Load(missing)).Message);
    }

    [Theory]
    [InlineData("Info", SqlLogLevel.Info)]
    [InlineData("info", SqlLogLevel.Info)]
    [InlineData("WARN", SqlLogLevel.Warn)]
    [InlineData("\"\"", SqlLogLevel.Warn)]
    [InlineData("error", SqlLogLevel.Error)]
    [InlineData("Silent", SqlLogLevel.Silent)]
    public void Log_levels_are_accepted_in_any_case_and_empty_is_Warn(string level, SqlLogLevel expected) =>
        Assert.Equal(expected, Load(Write($"type: postgres\ndatabase: d\nlog:\n  level: {level}\n")).Log!.Level);

    [Fact]
    public void Log_defaults_are_upstream_defaults()
    {
        Assert.Null(Load(Write("type: postgres\ndatabase: d\n")).Log);
        var log = Load(Write("type: postgres\ndatabase: d\nlog: {}\n")).Log!;
        Assert.Equal(SqlLogLevel.Warn, log.Level);
        Assert.Equal(200_000_000, log.SlowThresholdNanoseconds);
        Assert.Equal(new LogFileSettings("/var/log/clusterpedia/internalstorage.log", 100L * 1024 * 1024, 0, 0, false, false), log.File);
        // configor puts the default in place of a zero duration too; Go's nanoseconds are kept.
        Assert.Equal(200_000_000, Load(Write("type: postgres\ndatabase: d\nlog:\n  slowThreshold: 0\n")).Log!.SlowThresholdNanoseconds);
        Assert.Equal(1, Load(Write("type: postgres\ndatabase: d\nlog:\n  slowThreshold: 1ns\n")).Log!.SlowThresholdNanoseconds);
        var full = Load(Write(FullPostgres.Replace("stdout: true", "stdout: false", StringComparison.Ordinal))).Log!;
        Assert.Equal((SqlLogLevel.Info, false, true), (full.Level, full.Colorful, full.IgnoreRecordNotFoundError));
        Assert.Equal(new LogFileSettings("/var/log/clusterpedia/internalstorage.log", 100L * 1024 * 1024, 7, 3, true, true), full.File);
        Assert.Null(Load(Write(FullPostgres)).Log!.File);
    }

    [Theory]
    [InlineData("1h30m", 5400)]
    [InlineData("200ms", 0.2)]
    [InlineData("1.5s", 1.5)]
    [InlineData("3600000000000", 3600)]
    public void Go_durations_parse(string text, double seconds)
    {
        Assert.True(GoDuration.TryParse(text, out var value));
        Assert.Equal(seconds, value.TotalSeconds, 6);
    }
}
