namespace Clusterpedia.Storage;

/// <summary>What a host hands a storage layer when it creates the factory.</summary>
/// <param name="Name">The selected storage name (<c>--storage-name</c>).</param>
/// <param name="ConfigPath">The storage config file (<c>--storage-config</c>), or null when none was given.</param>
/// <param name="GetEnvironmentVariable">Environment lookup for the upstream overrides (<c>DB_*</c>, <c>ES_*</c>); replaceable in tests.</param>
public sealed record StorageLayerOptions(string Name, string? ConfigPath, Func<string, string?> GetEnvironmentVariable)
{
    public StorageLayerOptions(string name, string? configPath)
        : this(name, configPath, Environment.GetEnvironmentVariable)
    {
    }
}
