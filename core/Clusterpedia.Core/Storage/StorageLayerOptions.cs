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

    /// <summary>
    /// The values of the layer's declared feature gates (<see cref="StorageLayerAttribute.FeatureGates"/>) given in
    /// <c>--feature-gates</c>, by gate name. A gate that was not given is absent: read it with <see cref="IsEnabled"/>.
    /// </summary>
    public IReadOnlyDictionary<string, bool> FeatureGates { get; init; } = EmptyGates;

    /// <summary>Whether the gate was turned on; gates are off by default.</summary>
    public bool IsEnabled(string featureGate) => FeatureGates.TryGetValue(featureGate, out var on) && on;

    private static readonly IReadOnlyDictionary<string, bool> EmptyGates = new Dictionary<string, bool>(StringComparer.Ordinal);
}
