namespace Clusterpedia.Hosting.CommandLine;

/// <summary>
/// Upstream's API server gates (pkg/kubeapiserver/features plus Kubernetes' RemainingItemCount), so a deployment that
/// sets them keeps starting. What each does here is said in <see cref="Describe"/>.
/// </summary>
public static class ApiServerFeatureGates
{
    /// <summary>Lists report remainingItemCount unless the request turns it off (default off, as upstream).</summary>
    public const string RemainingItemCount = "RemainingItemCount";

    /// <summary>Proxying subresources and requests to member clusters: not in this build, so only false is accepted.</summary>
    public const string AllowProxyRequestToClusters = "AllowProxyRequestToClusters";

    /// <summary>
    /// Upstream converts objects to its in-memory version unless this is on. This server never converts: it serves the
    /// stored bytes, which is what the gate turned on asks for, so both values are accepted.
    /// </summary>
    public const string NotConvertToMemoryVersion = "NotConvertToMemoryVersion";

    public static IReadOnlyList<string> Known { get; } = [AllowProxyRequestToClusters, NotConvertToMemoryVersion, RemainingItemCount];

    public static string Describe(string gate) => gate switch
    {
        RemainingItemCount => "lists report remainingItemCount unless withRemainingCount=false; default false",
        AllowProxyRequestToClusters => "proxying to member clusters; not supported by this build, only false is accepted",
        _ => "objects are always served as stored, never converted; accepted for compatibility",
    };

    /// <exception cref="HostConfigurationException">A gate turned on that this build cannot honour.</exception>
    public static void Validate(IReadOnlyDictionary<string, bool> gates)
    {
        if (gates.TryGetValue(AllowProxyRequestToClusters, out var proxy) && proxy)
            throw new HostConfigurationException(
                $"--{FeatureGateFlags.Name}: {AllowProxyRequestToClusters}=true: proxying requests to member clusters is not supported by this build");
    }
}
