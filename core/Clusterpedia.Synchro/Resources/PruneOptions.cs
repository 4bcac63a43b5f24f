namespace Clusterpedia.Synchro.Resources;

/// <summary>The upstream feature gates PruneManagedFields and PruneLastAppliedConfiguration, both on by default.</summary>
public sealed record PruneOptions(bool ManagedFields = true, bool LastAppliedConfiguration = true)
{
    public static PruneOptions Default { get; } = new();
}
