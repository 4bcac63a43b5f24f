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
}
