namespace Clusterpedia.Storage;

/// <summary>
/// The storage layers compiled into a host. Each host's source generator emits the implementation
/// (<c>Clusterpedia.Generated.StorageLayerRegistry</c>); nothing is discovered at run time.
/// </summary>
public interface IStorageLayerRegistry
{
    /// <summary>The compiled-in storage names, sorted.</summary>
    IReadOnlyList<string> Names { get; }

    /// <summary>Creates the named layer's factory, or returns null when no such layer is compiled in.</summary>
    ValueTask<IStorageFactory>? TryCreate(string name, StorageLayerOptions options, CancellationToken cancellationToken);

    /// <summary>
    /// The feature gates the named layer declares (<see cref="StorageLayerAttribute.FeatureGates"/>), sorted; empty when
    /// it declares none or is not compiled in. The generated registry overrides this; the default keeps older registries valid.
    /// </summary>
    IReadOnlyList<string> FeatureGatesOf(string name) => [];
}
