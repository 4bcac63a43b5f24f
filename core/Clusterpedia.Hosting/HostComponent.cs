namespace Clusterpedia.Hosting;

/// <summary>The executables built from hosts/, with what each one runs.</summary>
public sealed record HostComponent(string Name, bool ServesApi, bool RunsSynchro)
{
    public static readonly HostComponent ApiServer = new("apiserver", ServesApi: true, RunsSynchro: false);
    public static readonly HostComponent ClusterSynchroManager = new("clustersynchro-manager", ServesApi: false, RunsSynchro: true);
    public static readonly HostComponent BindingApiServer = new("binding-apiserver", ServesApi: true, RunsSynchro: true);

    public static IReadOnlyList<HostComponent> All { get; } = [ApiServer, ClusterSynchroManager, BindingApiServer];

    /// <summary>
    /// True when serving and syncing share this process. A split deployment runs them as two processes
    /// that only meet through the storage, so a process-local storage layer cannot work there.
    /// </summary>
    public bool IsAllInOne => ServesApi && RunsSynchro;

    public static HostComponent FromName(string name) =>
        All.FirstOrDefault(c => c.Name == name)
        ?? throw new ArgumentException(
            $"unknown component \"{name}\"; known: {string.Join(", ", All.Select(c => c.Name))}", nameof(name));
}
