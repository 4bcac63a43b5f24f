using Clusterpedia.Synchro.Api;
using Clusterpedia.Synchro.Manager;

namespace Clusterpedia.Synchro.Host;

/// <summary>
/// The cluster status of whichever manager this process runs while it leads: empty while it does not, so an API
/// server in the same process always has one source to read.
/// </summary>
internal sealed class LeaderStatusSource : IPediaClusterStatusSource
{
    private volatile ClusterSynchroManager? _manager;

    public IReadOnlyList<PediaCluster> Clusters => _manager?.Clusters ?? [];

    public event EventHandler? Changed;

    public void Attach(ClusterSynchroManager? manager)
    {
        if (_manager is { } old) old.Changed -= OnManagerChanged;
        _manager = manager;
        if (manager is not null) manager.Changed += OnManagerChanged;
        Changed?.Invoke(this, EventArgs.Empty);
    }

    private void OnManagerChanged(object? sender, EventArgs e) => Changed?.Invoke(this, e);
}
