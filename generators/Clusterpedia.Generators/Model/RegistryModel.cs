namespace Clusterpedia.Generators.Model;

/// <summary>Everything the emitter writes: the host's contract version and the valid layers, sorted by name (ordinal).</summary>
internal sealed record RegistryModel(string ContractVersion, EquatableArray<RegistryEntry> Entries);
