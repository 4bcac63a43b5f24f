namespace Clusterpedia.Generators.Model;

/// <summary>The storage layers found in the assemblies the host references, with their diagnostics (CPSL002-CPSL005).</summary>
internal sealed record ReferencedStorageLayers(EquatableArray<StorageLayerInfo> Layers, EquatableArray<DiagnosticInfo> Diagnostics)
{
    public static ReferencedStorageLayers None { get; } = new(EquatableArray<StorageLayerInfo>.Empty, EquatableArray<DiagnosticInfo>.Empty);
}
