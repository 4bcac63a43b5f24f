using Clusterpedia.Storage;
using Clusterpedia.Synchro.Manager;

namespace Clusterpedia.Hosting.CommandLine;

/// <summary>
/// <c>--feature-gates Gate=true|false,...</c>, as Kubernetes components take it. One flag carries two owners' gates:
/// the cluster synchro's (executables that sync), the API server's own and the selected storage layer's (executables
/// that serve the API, where a layer reads them to answer searches, e.g. the internal layer's <c>AllowRawSQLQuery</c>).
/// </summary>
public static class FeatureGateFlags
{
    public const string Name = "feature-gates";

    public static FlagSet Add(FlagSet flags, HostComponent component, IStorageLayerRegistry? registry) =>
        flags.Add(new(Name, Help(component, registry), ValueName: "mapStringBool"));

    /// <summary>One line per gate, as Kubernetes lists them, saying whose gate it is.</summary>
    private static string Help(HostComponent component, IStorageLayerRegistry? registry)
    {
        var lines = new List<string> { "comma-separated Gate=true|false pairs. Gates:" };
        if (component.RunsSynchro)
            lines.AddRange(SynchroFeatureGates.Known.Order(StringComparer.Ordinal).Select(g => $"{g}=true|false (cluster synchro)"));
        if (component.ServesApi)
            lines.AddRange(ApiServerFeatureGates.Known.Select(g => $"{g}=true|false (API server: {ApiServerFeatureGates.Describe(g)})"));
        if (component.ServesApi && registry is not null)
        {
            foreach (var layer in registry.Names)
                lines.AddRange(registry.FeatureGatesOf(layer).Select(g => $"{g}=true|false (storage layer {layer}, when selected; default false)"));
        }
        if (lines.Count == 1) lines[0] = "comma-separated Gate=true|false pairs; this binary knows no feature gates";
        return string.Join('\n', lines);
    }

    /// <summary>Splits the flag's value between the synchro and the selected storage layer.</summary>
    /// <param name="storageName">The selected <c>--storage-name</c>.</param>
    /// <param name="runsSynchro">The executable syncs clusters: the synchro's gates are accepted.</param>
    /// <param name="servesApi">The executable serves the API: the selected storage layer's gates are accepted.</param>
    /// <exception cref="HostConfigurationException">A malformed pair, a non-boolean value, an unknown gate or another layer's gate, naming it and the known gates.</exception>
    public static FeatureGateValues Parse(string? value, string storageName, bool runsSynchro, bool servesApi, IStorageLayerRegistry? registry)
    {
        var synchroGates = runsSynchro ? SynchroFeatureGates.Known : [];
        var apiGates = servesApi ? ApiServerFeatureGates.Known : [];
        var storageGates = servesApi && registry is not null ? registry.FeatureGatesOf(storageName) : [];
        // A layer that is not compiled in is reported by the storage selection, which names the layers and the build command.
        var layerMissing = servesApi && registry is not null && !registry.Names.Contains(storageName, StringComparer.Ordinal);
        var synchro = new Dictionary<string, bool>(StringComparer.Ordinal);
        var storage = new Dictionary<string, bool>(StringComparer.Ordinal);
        var api = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var (name, on) in Pairs(value))
        {
            if (synchroGates.Contains(name, StringComparer.Ordinal)) synchro[name] = on;
            else if (storageGates.Contains(name, StringComparer.Ordinal)) storage[name] = on;
            else if (apiGates.Contains(name, StringComparer.Ordinal)) api[name] = on;
            else if (!layerMissing) throw NotHere(name, storageName, servesApi, synchroGates.Concat(storageGates).Concat(apiGates), registry);
        }
        ApiServerFeatureGates.Validate(api);
        return new FeatureGateValues(synchro, storage, api);
    }

    /// <summary><c>A=true, B=false</c> in order; a gate given twice keeps its last value.</summary>
    private static IEnumerable<(string Name, bool On)> Pairs(string? value)
    {
        foreach (var part in (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0) throw new HostConfigurationException($"--{Name}: '{part}' is not Gate=true|false");
            var name = part[..eq].Trim();
            var text = part[(eq + 1)..].Trim();
            yield return text.ToLowerInvariant() switch
            {
                "true" => (name, true),
                "false" => (name, false),
                _ => throw new HostConfigurationException($"--{Name}: invalid value of {name}: '{text}', expected true or false"),
            };
        }
    }

    private static HostConfigurationException NotHere(string name, string storageName, bool servesApi, IEnumerable<string> known, IStorageLayerRegistry? registry)
    {
        var knownText = known.Order(StringComparer.Ordinal).ToList() is { Count: > 0 } list ? string.Join(", ", list) : "none";
        var owner = registry?.Names.FirstOrDefault(layer => registry.FeatureGatesOf(layer).Contains(name, StringComparer.Ordinal));
        var why = owner is null ? $"unrecognized feature gate: {name}"
            : servesApi ? $"feature gate {name} belongs to storage layer \"{owner}\", but --{HostFlags.StorageName} is \"{storageName}\""
            : $"feature gate {name} of storage layer \"{owner}\" applies to the API (apiserver, binding-apiserver), not to this executable";
        return new HostConfigurationException($"--{Name}: {why} (known: {knownText})");
    }
}
