namespace Clusterpedia.Hosting.Synchro;

/// <summary>
/// The split <c>apiserver</c> learns which clusters and resources are synced only from the PediaCluster status that
/// clustersynchro-manager writes in the host cluster, never from the storage: without a host cluster it serves no
/// cluster at all, however full the storage is. This names that case, for a warning at start-up and a failing
/// <c>/readyz</c> check, instead of an empty server that says nothing.
/// </summary>
public static class ClusterSourceCheck
{
    /// <summary>The <c>/readyz</c> check's name.</summary>
    public const string Name = "pediacluster-source";

    private const string ServiceAccountToken = "/var/run/secrets/kubernetes.io/serviceaccount/token";

    /// <summary>Why the component serves no cluster, or null when it has a source of PediaCluster status.</summary>
    /// <param name="environment">Reads an environment variable (<see cref="Environment.GetEnvironmentVariable(string)"/>).</param>
    /// <param name="fileExists">Whether a file exists (<see cref="File.Exists"/>).</param>
    public static string? MissingSource(HostComponent component, HostOptions options, Func<string, string?> environment, Func<string, bool> fileExists)
    {
        // binding-apiserver's API reads its own synchro; clustersynchro-manager serves no API.
        if (!component.ServesApi || component.RunsSynchro) return null;
        if (options.Synchro?.Kubeconfig is not null) return null;
        // In a pod the host cluster is the one the pod runs in (its service account).
        if (environment("KUBERNETES_SERVICE_HOST") is { Length: > 0 } && fileExists(ServiceAccountToken)) return null;
        return $"{component.Name} serves no clusters: it learns what is synced from the PediaCluster status that " +
            "clustersynchro-manager writes in a host cluster, and it has none (no --kubeconfig, and not running in a pod). " +
            "Give --kubeconfig <host cluster kubeconfig>, or run binding-apiserver, which syncs --pediaclusters <dir> and serves them in one process";
    }

    public static string? MissingSource(HostComponent component, HostOptions options) =>
        MissingSource(component, options, Environment.GetEnvironmentVariable, File.Exists);
}
