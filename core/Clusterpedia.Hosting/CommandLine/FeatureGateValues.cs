using Clusterpedia.Storage;

namespace Clusterpedia.Hosting.CommandLine;

/// <summary>The given feature gates, by owner. Gates not given are absent (their default applies).</summary>
/// <param name="Synchro">The cluster synchro's gates.</param>
/// <param name="Storage">The selected storage layer's gates, handed to it in <see cref="StorageLayerOptions.FeatureGates"/>.</param>
/// <param name="Api">The API server's own gates (<see cref="ApiServerFeatureGates"/>).</param>
public sealed record FeatureGateValues(IReadOnlyDictionary<string, bool> Synchro, IReadOnlyDictionary<string, bool> Storage,
    IReadOnlyDictionary<string, bool> Api);
