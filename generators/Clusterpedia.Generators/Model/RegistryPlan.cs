namespace Clusterpedia.Generators.Model;

/// <summary>The pipeline's final value: the registry to emit (null when the compilation is not a host) and every diagnostic.</summary>
internal sealed record RegistryPlan(RegistryModel? Registry, EquatableArray<DiagnosticInfo> Diagnostics);
