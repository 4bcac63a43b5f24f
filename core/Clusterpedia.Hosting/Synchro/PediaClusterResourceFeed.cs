using Clusterpedia.ApiServer.Clusters;
using Clusterpedia.Synchro.Manager;

namespace Clusterpedia.Hosting.Synchro;

/// <summary>
/// Feeds the API server's cluster source from the synchro's PediaCluster status: health from ClusterHealthy, resources
/// from status.syncResources. This is how binding-apiserver's API learns what its in-process synchro has synced.
/// </summary>
public sealed class PediaClusterResourceFeed : IDisposable
{
    private readonly IPediaClusterStatusSource _synchro;
    private readonly InMemoryClusterResourceSource _api;
    private readonly Lock _gate = new();

    public PediaClusterResourceFeed(IPediaClusterStatusSource synchro, InMemoryClusterResourceSource api)
    {
        _synchro = synchro;
        _api = api;
        _synchro.Changed += OnChanged;
        Refresh();
    }

    private void OnChanged(object? sender, EventArgs e) => Refresh();

    public void Refresh()
    {
        lock (_gate)
        {
            var clusters = _synchro.Clusters;
            foreach (var cluster in clusters)
            {
                var health = cluster.HealthCondition() is { } h ? new ClusterHealth(h.Status == "True", h.Reason) : ClusterHealth.Unknown;
                var resources = cluster.SyncedResources()
                    .Select(r => BuiltInResources.Enrich(new SyncedResource(r.StorageResource, r.Kind, r.Namespaced)));
                _api.Set(cluster.Metadata.Name, health, resources);
            }
            var names = clusters.Select(c => c.Metadata.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var gone in _api.Catalog.ClusterNames.Where(n => !names.Contains(n)).ToList()) _api.Remove(gone);
        }
    }

    public void Dispose() => _synchro.Changed -= OnChanged;
}
