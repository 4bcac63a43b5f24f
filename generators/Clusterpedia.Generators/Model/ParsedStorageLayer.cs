namespace Clusterpedia.Generators.Model;

/// <summary>One attributed type after validation: the layer when it is valid, and what is wrong with it otherwise.</summary>
internal sealed record ParsedStorageLayer(StorageLayerInfo? Layer, EquatableArray<DiagnosticInfo> Diagnostics);
