using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization.NamingConventions;

namespace Clusterpedia.Storage.Sample.Config;

/// <summary>
/// Reads the config file, applies the environment override (<c>DB_DATABASE</c> wins over the file, as upstream's
/// <c>DB_*</c> variables do) and validates. Every error names the file and the key, so a bad config fails at start-up
/// with a message the operator can act on.
/// </summary>
public static partial class SampleConfigLoader
{
    public const string DatabaseVariable = "DB_DATABASE";

    public static SampleStorageSettings Load(StorageLayerOptions options)
    {
        var source = options.ConfigPath ?? "(no --storage-config)";
        var config = options.ConfigPath is { } path ? Parse(ReadFile(path), path) : new SampleStorageConfig();

        if (options.GetEnvironmentVariable(DatabaseVariable) is { Length: > 0 } database) config.Database = database;

        if (string.IsNullOrWhiteSpace(config.Database))
            throw new SampleConfigException($"storage config {source}: key 'database' is required (the SQLite file; or set {DatabaseVariable})");
        if (config.Database == ":memory:" || config.Database.StartsWith("file:", StringComparison.Ordinal))
            throw new SampleConfigException($"storage config {source}: key 'database' must be a file path, got '{config.Database}'");
        if (config.BusyTimeout is < 1)
            throw new SampleConfigException($"storage config {source}: key 'busyTimeout' must be seconds >= 1, got {config.BusyTimeout}");

        return new SampleStorageSettings(Path.GetFullPath(config.Database), TimeSpan.FromSeconds(config.BusyTimeout ?? 30));
    }

    /// <summary>Parses YAML text; <paramref name="source"/> names the file in errors.</summary>
    public static SampleStorageConfig Parse(string yaml, string source)
    {
        var deserializer = new YamlDotNet.Serialization.StaticDeserializerBuilder(new SampleConfigYamlContext())
            .WithNamingConvention(CamelCaseNamingConvention.Instance)
            .Build();
        try
        {
            return deserializer.Deserialize<SampleStorageConfig?>(yaml) ?? new SampleStorageConfig();
        }
        catch (YamlException e)
        {
            var where = $"line {e.Start.Line}, column {e.Start.Column}";
            var message = Innermost(e).Message;
            // YamlDotNet rejects keys the class does not have; say which key, and which keys exist.
            if (UnknownProperty().Match(message) is { Success: true } m)
                throw new SampleConfigException(
                    $"storage config {source}: unknown key '{m.Groups[1].Value}' ({where}); known keys: database, busyTimeout", e);
            throw new SampleConfigException($"storage config {source}: invalid value at {where}: {message}", e);
        }
    }

    private static string ReadFile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SampleConfigException($"storage config {path}: cannot read the file: {e.Message}", e);
        }
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null) e = e.InnerException;
        return e;
    }

    [GeneratedRegex("Property '([^']+)' not found")]
    private static partial Regex UnknownProperty();
}

/// <summary>A missing, unknown or malformed config key; the message names the key and the file.</summary>
public sealed class SampleConfigException(string message, Exception? inner = null) : Exception(message, inner);
