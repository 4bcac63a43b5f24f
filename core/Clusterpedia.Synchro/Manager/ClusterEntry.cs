using Clusterpedia.Synchro.Api;
using Clusterpedia.Synchro.Clusters;

namespace Clusterpedia.Synchro.Manager;

/// <summary>The manager's record of one PediaCluster: its last applied spec, its conditions and its synchro.</summary>
internal sealed class ClusterEntry(string name)
{
    public string Name { get; } = name;
    public PediaCluster Cluster { get; set; } = new();
    public string SpecJson { get; set; } = "";
    public List<Condition> Conditions { get; } = [];
    public string? Apiserver { get; set; }
    public string? LastVersion { get; set; }
    public ClusterSynchro? Synchro { get; set; }
    public string? Identity { get; set; }
    public CancellationTokenSource? Creating { get; set; }
    public Task CreateTask { get; set; } = Task.CompletedTask;
}
