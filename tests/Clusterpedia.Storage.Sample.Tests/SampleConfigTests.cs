using Clusterpedia.Storage.Sample.Config;
using Xunit;

namespace Clusterpedia.Storage.Sample.Tests;

/// <summary>The config file: keys, the DB_DATABASE override, and errors that name the key and the file.</summary>
public sealed class SampleConfigTests
{
    private static StorageLayerOptions Options(string? configPath, string? dbDatabase = null) =>
        new("sample-storage", configPath, name => name == "DB_DATABASE" ? dbDatabase : null);

    [Fact]
    public void Reads_database_and_busy_timeout()
    {
        var config = TestDatabases.WriteConfig("database: /var/lib/clusterpedia/sample.db\nbusyTimeout: 5\n");
        var settings = SampleConfigLoader.Load(Options(config));
        Assert.Equal("/var/lib/clusterpedia/sample.db", settings.DatabasePath);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.BusyTimeout);
    }

    [Fact]
    public void Busy_timeout_defaults_to_30_seconds() =>
        Assert.Equal(TimeSpan.FromSeconds(30), SampleConfigLoader.Load(Options(TestDatabases.WriteConfig("database: /tmp/x.db"))).BusyTimeout);

    [Fact]
    public void Unknown_key_names_the_key_and_the_file()
    {
        var config = TestDatabases.WriteConfig("database: /tmp/x.db\nhost: localhost\n");
        var e = Assert.Throws<SampleConfigException>(() => SampleConfigLoader.Load(Options(config)));
        Assert.Contains("unknown key 'host'", e.Message);
        Assert.Contains(config, e.Message);
        Assert.Contains("line 2", e.Message);
    }

    [Fact]
    public void Missing_database_is_an_error_naming_the_key()
    {
        var config = TestDatabases.WriteConfig("busyTimeout: 3\n");
        var e = Assert.Throws<SampleConfigException>(() => SampleConfigLoader.Load(Options(config)));
        Assert.Contains("key 'database' is required", e.Message);
        Assert.Contains(config, e.Message);
        Assert.Contains("key 'database' is required", Assert.Throws<SampleConfigException>(() => SampleConfigLoader.Load(Options(null))).Message);
    }

    [Fact]
    public void Malformed_values_are_errors_naming_the_file()
    {
        var config = TestDatabases.WriteConfig("database: /tmp/x.db\nbusyTimeout: soon\n");
        var e = Assert.Throws<SampleConfigException>(() => SampleConfigLoader.Load(Options(config)));
        Assert.Contains(config, e.Message);
        Assert.Contains("line 2", e.Message);
        Assert.Contains("must be seconds", Assert.Throws<SampleConfigException>(() =>
            SampleConfigLoader.Load(Options(TestDatabases.WriteConfig("database: /tmp/x.db\nbusyTimeout: -1\n")))).Message);
        Assert.Contains("must be a file path", Assert.Throws<SampleConfigException>(() =>
            SampleConfigLoader.Load(Options(TestDatabases.WriteConfig("database: ':memory:'\n")))).Message);
    }

    [Fact]
    public void Missing_file_is_an_error_naming_it()
    {
        var e = Assert.Throws<SampleConfigException>(() => SampleConfigLoader.Load(Options("/nonexistent/sample.yaml")));
        Assert.Contains("/nonexistent/sample.yaml", e.Message);
    }

    [Fact]
    public void Db_database_overrides_the_file_and_works_without_one()
    {
        var config = TestDatabases.WriteConfig("database: /tmp/from-file.db\n");
        Assert.Equal("/tmp/from-env.db", SampleConfigLoader.Load(Options(config, "/tmp/from-env.db")).DatabasePath);
        Assert.Equal("/tmp/only-env.db", SampleConfigLoader.Load(Options(null, "/tmp/only-env.db")).DatabasePath);
    }

    [Fact]
    public void Empty_file_means_no_keys() =>
        Assert.Contains("'database' is required",
            Assert.Throws<SampleConfigException>(() => SampleConfigLoader.Load(Options(TestDatabases.WriteConfig("")))).Message);
}
