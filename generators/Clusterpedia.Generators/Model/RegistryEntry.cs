namespace Clusterpedia.Generators.Model;

/// <summary>One line of the registry's switch: storage name -> factory class, and the feature gates the layer reads (sorted).</summary>
internal sealed record RegistryEntry(string Name, string FactoryType, EquatableArray<string> FeatureGates = default);
