using Clusterpedia.Synchro.Api;

namespace Clusterpedia.Synchro.Manager;

// authenticationFrom: where Secrets come from, and re-reconciling the clusters that read a Secret when it changes.
public sealed partial class ClusterSynchroManager
{
    private volatile IClusterSecrets? _secrets;

    /// <summary>Whether the gate ClusterAuthenticationFromSecret is on, so a host cluster should hand its Secrets over.</summary>
    public bool ReadsSecrets => _options.ClusterAuthenticationFromSecret;

    /// <summary>The host cluster's Secrets (host mode). Without them authenticationFrom stays an InvalidConfig.</summary>
    public void UseSecrets(IClusterSecrets secrets) => _secrets = secrets;

    /// <summary>A Secret was added, changed or removed: applies again every cluster whose credentials come from it.</summary>
    public async Task SecretChangedAsync(string name, CancellationToken cancellationToken)
    {
        List<PediaCluster> affected;
        lock (_gate) affected = _clusters.Values.Where(e => ClusterCredentials.ReadsSecret(e.Cluster.Spec, name)).Select(e => e.Cluster).ToList();
        foreach (var cluster in affected) await ApplyAsync(cluster, true, cancellationToken).ConfigureAwait(false);
    }
}
