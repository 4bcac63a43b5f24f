namespace Clusterpedia.Generators.Model;

/// <summary>A valid storage layer: its name and the factory class the registry calls.</summary>
/// <param name="Name">The <c>[StorageLayer("name")]</c> value, what <c>--storage-name</c> selects.</param>
/// <param name="FactoryType">The class, fully qualified with <c>global::</c>.</param>
/// <param name="AssemblyName">The assembly that declares it (the host's own name for layers in source).</param>
/// <param name="Location">The attribute in source, or null for referenced assemblies.</param>
/// <param name="FeatureGates">The attribute's <c>FeatureGates</c>, sorted (ordinal).</param>
internal sealed record StorageLayerInfo(string Name, string FactoryType, string AssemblyName, LocationInfo? Location,
    EquatableArray<string> FeatureGates = default);
