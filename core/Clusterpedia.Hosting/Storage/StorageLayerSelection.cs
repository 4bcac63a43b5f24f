using Clusterpedia.Storage;

namespace Clusterpedia.Hosting.Storage;

/// <summary>Turns <c>--storage-name</c>/<c>--storage-config</c> into the one storage layer instance of this process.</summary>
public static class StorageLayerSelection
{
    /// <summary>Layers that keep objects inside the process, so they only work where serving and syncing share it.</summary>
    public static IReadOnlySet<string> ProcessLocalLayers { get; } = new HashSet<string>(StringComparer.Ordinal) { "memory" };

    /// <summary>Checks the selection against the component and the compiled-in layers, before anything is started.</summary>
    /// <exception cref="HostConfigurationException">A process-local layer in a split component, or a layer not compiled in.</exception>
    public static void Validate(HostComponent component, StorageOptions options, IStorageLayerRegistry registry)
    {
        if (!component.IsAllInOne && ProcessLocalLayers.Contains(options.Name))
        {
            throw new HostConfigurationException(
                $"--storage-name={options.Name} cannot be used by {component.Name}: the {options.Name} storage layer keeps " +
                "objects inside one process, and apiserver and clustersynchro-manager are separate processes, so the API " +
                $"would never see what is synced. Run binding-apiserver, which serves and syncs in one process, to use {options.Name}.");
        }

        if (!registry.Names.Contains(options.Name, StringComparer.Ordinal))
        {
            var compiled = registry.Names.Count == 0 ? "none" : string.Join(", ", registry.Names);
            var wanted = string.Join(",", registry.Names.Append(options.Name).Order(StringComparer.Ordinal));
            throw new HostConfigurationException(
                $"storage layer \"{options.Name}\" is not compiled into this {component.Name} binary " +
                $"(compiled-in storage layers: {compiled}). Storage layers are chosen at build time; to add it, build with: " +
                $"dotnet cake --target=Publish --storages={wanted} --components={component.Name}");
        }
    }

    /// <summary>Creates the selected layer's factory; call <see cref="Validate"/> first.</summary>
    /// <exception cref="HostConfigurationException">The layer failed to start (bad config, unreachable database).</exception>
    /// <param name="log">Where each retry while the storage cannot be reached yet is reported (see <see cref="StorageStart"/>).</param>
    public static async ValueTask<IStorageFactory> CreateAsync(
        StorageOptions options, IStorageLayerRegistry registry, CancellationToken cancellationToken, TextWriter? log = null)
    {
        var layerOptions = new StorageLayerOptions(options.Name, options.ConfigPath) { FeatureGates = options.FeatureGates };
        try
        {
            return await StorageStart.WithRetriesAsync(() => registry.TryCreate(options.Name, layerOptions, cancellationToken)
                    ?? throw new HostConfigurationException($"storage layer \"{options.Name}\" is not compiled into this binary"),
                options.Name, options.StartTimeout, log ?? TextWriter.Null, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not HostConfigurationException)
        {
            // Upstream wording: "failed to init storage: ...". The layer's message says what was wrong.
            throw new HostConfigurationException($"failed to init storage \"{options.Name}\": {ex.Message}", ex);
        }
    }
}
