namespace Clusterpedia.ApiServer.Clusters;

/// <summary>What the API server knows about one PediaCluster: its health and the resources synced from it.</summary>
public sealed record ClusterState(string Name, ClusterHealth Health, IReadOnlyList<SyncedResource> Resources);
