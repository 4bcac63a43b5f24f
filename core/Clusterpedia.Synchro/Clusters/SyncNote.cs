namespace Clusterpedia.Synchro.Clusters;

/// <summary>
/// A fact about how a resource is synced that its sync condition keeps showing (reason and message) while the
/// synchro itself has nothing to report.
/// </summary>
public sealed record SyncNote(string Reason, string Message);
