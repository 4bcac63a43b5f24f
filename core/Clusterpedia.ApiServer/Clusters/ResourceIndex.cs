namespace Clusterpedia.ApiServer.Clusters;

/// <summary>
/// The resources served in one scope: a single cluster, or the union of all clusters. Answers discovery and
/// the "is this resource synced here" check of every resource request.
/// </summary>
public sealed class ResourceIndex
{
    private readonly Dictionary<(string Group, string Version, string Resource), SyncedResource> _byResource = new();
    private readonly Dictionary<(string Group, string Version), List<SyncedResource>> _byGroupVersion = new();
    private readonly Dictionary<string, List<string>> _versionsByGroup = new(StringComparer.Ordinal);

    public static ResourceIndex Empty { get; } = new([]);

    /// <summary>Indexes the resources; when two clusters serve the same group/version/resource the first one wins.</summary>
    public ResourceIndex(IEnumerable<SyncedResource> resources)
    {
        foreach (var described in resources)
        {
            var r = BuiltInResources.Enrich(described);
            var key = (r.Resource.Group, r.Resource.Version, r.Resource.Resource);
            if (!_byResource.TryAdd(key, r)) continue;
            if (!_byGroupVersion.TryGetValue((key.Group, key.Version), out var list))
            {
                _byGroupVersion[(key.Group, key.Version)] = list = [];
                if (!_versionsByGroup.TryGetValue(key.Group, out var versions)) _versionsByGroup[key.Group] = versions = [];
                versions.Add(key.Version);
            }
            list.Add(r);
        }
        foreach (var list in _byGroupVersion.Values) list.Sort((a, b) => string.CompareOrdinal(a.Resource.Resource, b.Resource.Resource));
        foreach (var versions in _versionsByGroup.Values) versions.Sort(KubeVersionComparer.Instance);
        Groups = _versionsByGroup.Keys.Where(g => g.Length > 0).Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The named API groups (the core group excluded), sorted by name.</summary>
    public IReadOnlyList<string> Groups { get; }

    public bool TryGetResource(string group, string version, string resource, out SyncedResource synced) =>
        _byResource.TryGetValue((group, version, resource), out synced!);

    /// <summary>The group's served versions, newest first; empty when the group is not served.</summary>
    public IReadOnlyList<string> VersionsOf(string group) =>
        _versionsByGroup.TryGetValue(group, out var versions) ? versions : [];

    /// <summary>The resources of one group version sorted by name; empty when it is not served.</summary>
    public IReadOnlyList<SyncedResource> ResourcesOf(string group, string version) =>
        _byGroupVersion.TryGetValue((group, version), out var list) ? list : [];

    public bool HasGroupVersion(string group, string version) => _byGroupVersion.ContainsKey((group, version));
}
