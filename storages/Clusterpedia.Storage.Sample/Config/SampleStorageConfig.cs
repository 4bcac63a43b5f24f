namespace Clusterpedia.Storage.Sample.Config;

/// <summary>
/// The sample storage's config file (<c>--storage-config</c>), for example:
/// <code>
/// database: /var/lib/clusterpedia/sample.db
/// busyTimeout: 30
/// </code>
/// Keys are the property names in camelCase. The class is mutable because YamlDotNet's static generator fills it
/// through setters; <see cref="SampleConfigLoader"/> validates it into <see cref="SampleStorageSettings"/>.
/// </summary>
public sealed class SampleStorageConfig
{
    /// <summary>The SQLite database file; created with its directory when missing. Environment override: <c>DB_DATABASE</c>.</summary>
    public string? Database { get; set; }

    /// <summary>Seconds a write waits for another connection's lock before failing as recoverable (default 30, at least 1).</summary>
    public int? BusyTimeout { get; set; }
}

/// <summary>The validated settings the storage runs with.</summary>
/// <param name="DatabasePath">The full path of the SQLite file.</param>
/// <param name="BusyTimeout">How long a statement waits for a lock.</param>
public sealed record SampleStorageSettings(string DatabasePath, TimeSpan BusyTimeout);
