using Clusterpedia.Synchro.Clusters;
using Clusterpedia.Synchro.Resources;

namespace Clusterpedia.Synchro.Manager;

/// <summary>
/// The clustersynchro-manager's <c>--feature-gates</c> (§6.9), applied to the manager options. Gates we accept for
/// compatibility but that change nothing here (our list is always paginated and streamed; health checks always use
/// their own connection attempt) are listed as no-ops.
/// </summary>
public static class SynchroFeatureGates
{
    private static readonly string[] NoOps =
        ["HealthCheckerWithStandaloneTCP", "ForcePaginatedListForResourceSync", "StreamHandlePaginatedListForResourceSync"];

    public static IReadOnlyList<string> Known { get; } =
    [
        "PruneManagedFields", "PruneLastAppliedConfiguration", "AllowSyncAllCustomResources", "AllowSyncAllResources", "IgnoreSyncLease",
        "ClusterAuthenticationFromSecret", .. NoOps,
    ];

    /// <summary>Applies <c>Name=true,Other=false</c>.</summary>
    /// <exception cref="ArgumentException">Naming the unknown gate or the bad value.</exception>
    public static ClusterSynchroManagerOptions Apply(ClusterSynchroManagerOptions options, string? featureGates) =>
        ApplyParsed(options, Pairs(featureGates));

    private static IEnumerable<KeyValuePair<string, bool>> Pairs(string? featureGates)
    {
        foreach (var part in (featureGates ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0) throw new ArgumentException($"--feature-gates: '{part}' is not Name=true|false");
            var name = part[..eq].Trim();
            yield return new(name, part[(eq + 1)..].Trim().ToLowerInvariant() switch
            {
                "true" => true,
                "false" => false,
                _ => throw new ArgumentException($"--feature-gates: invalid value of {name}: '{part[(eq + 1)..]}', expected true or false"),
            });
        }
    }

    /// <summary>Applies gates already parsed (the host's <c>--feature-gates</c> share for the synchro), in order.</summary>
    /// <exception cref="ArgumentException">Naming an unknown gate.</exception>
    public static ClusterSynchroManagerOptions ApplyParsed(ClusterSynchroManagerOptions options, IEnumerable<KeyValuePair<string, bool>> featureGates)
    {
        var synchro = options.Synchro;
        var prune = synchro.Resource.Prune;
        var gates = synchro.Gates;
        var fromSecret = options.ClusterAuthenticationFromSecret;
        foreach (var (name, value) in featureGates)
        {
            switch (name)
            {
                case "PruneManagedFields": prune = prune with { ManagedFields = value }; break;
                case "PruneLastAppliedConfiguration": prune = prune with { LastAppliedConfiguration = value }; break;
                case "AllowSyncAllCustomResources": gates = gates with { AllowSyncAllCustomResources = value }; break;
                case "AllowSyncAllResources": gates = gates with { AllowSyncAllResources = value }; break;
                case "IgnoreSyncLease": gates = gates with { IgnoreSyncLease = value }; break;
                case ClusterCredentials.Gate: fromSecret = value; break;
                case var noop when NoOps.Contains(noop):
                    break;
                default:
                    throw new ArgumentException($"--feature-gates: unrecognized feature gate: {name} (known: {string.Join(", ", Known)})");
            }
        }
        return options with
        {
            ClusterAuthenticationFromSecret = fromSecret,
            Synchro = synchro with { Gates = gates, Resource = synchro.Resource with { Prune = prune } },
        };
    }
}
