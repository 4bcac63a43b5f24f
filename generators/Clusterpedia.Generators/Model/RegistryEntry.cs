namespace Clusterpedia.Generators.Model;

/// <summary>One line of the registry's switch: storage name -> factory class.</summary>
internal sealed record RegistryEntry(string Name, string FactoryType);
