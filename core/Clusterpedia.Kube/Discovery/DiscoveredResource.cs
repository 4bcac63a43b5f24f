namespace Clusterpedia.Kube.Discovery;

/// <summary>A resource a member cluster serves in one version, as its discovery reports it.</summary>
public sealed record DiscoveredResource(
    string Group,
    string Version,
    string Resource,
    string Kind,
    string SingularName,
    bool Namespaced,
    IReadOnlyList<string> Verbs,
    IReadOnlyList<string> ShortNames)
{
    public bool CanListAndWatch => Verbs.Contains("list") && Verbs.Contains("watch");
}

/// <summary>A group with its served versions in the order the cluster lists them (preferred first).</summary>
public sealed record DiscoveredGroup(string Name, IReadOnlyList<string> Versions, string? PreferredVersion);

/// <summary>Everything a cluster's discovery reported: groups and every (version, resource), subresources excluded.</summary>
public sealed record DiscoverySnapshot(IReadOnlyList<DiscoveredGroup> Groups, IReadOnlyList<DiscoveredResource> Resources);
