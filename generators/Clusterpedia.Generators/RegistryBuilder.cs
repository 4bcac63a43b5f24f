using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Clusterpedia.Generators.Model;

namespace Clusterpedia.Generators;

/// <summary>Joins the host's own layers and the referenced ones into the registry, checking what needs all of them (CPSL001, CPSL006).</summary>
internal static class RegistryBuilder
{
    public static RegistryPlan Build(HostInfo host, EquatableArray<ParsedStorageLayer> sourceLayers, ReferencedStorageLayers referenced)
    {
        if (!host.HasContract)
            return new RegistryPlan(null, EquatableArray<DiagnosticInfo>.Empty);

        var diagnostics = ImmutableArray.CreateBuilder<DiagnosticInfo>();
        var candidates = new List<StorageLayerInfo>();
        foreach (var parsed in sourceLayers)
        {
            diagnostics.AddRange(parsed.Diagnostics);
            if (parsed.Layer is not null)
                candidates.Add(parsed.Layer);
        }
        diagnostics.AddRange(referenced.Diagnostics);
        candidates.AddRange(referenced.Layers);

        // The first declaration of a name stays in the registry so the host's other code still binds; the rest are reported.
        var byName = new Dictionary<string, StorageLayerInfo>(StringComparer.Ordinal);
        foreach (var layer in candidates)
        {
            if (byName.TryGetValue(layer.Name, out var first))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateStorageName, layer.Location ?? first.Location,
                    layer.Name, first.FactoryType, first.AssemblyName, layer.FactoryType, layer.AssemblyName));
                continue;
            }
            byName.Add(layer.Name, layer);
        }

        var entries = byName.Values
            .OrderBy(l => l.Name, StringComparer.Ordinal)
            .Select(l => new RegistryEntry(l.Name, l.FactoryType, l.FeatureGates))
            .ToImmutableArray();
        if (entries.Length == 0 && host.IsExecutable)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoStorageLayer, null));

        return new RegistryPlan(
            new RegistryModel(host.ContractVersion, new EquatableArray<RegistryEntry>(entries)),
            new EquatableArray<DiagnosticInfo>(diagnostics.ToImmutable()));
    }
}
