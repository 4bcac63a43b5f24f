using Clusterpedia.ApiServer.Clusters;
using Clusterpedia.ApiServer.Http;
using Clusterpedia.Objects;
using Microsoft.AspNetCore.Http;

namespace Clusterpedia.ApiServer.Resources;

/// <summary>A resource request that passed routing: the cluster in scope (null = all), the synced resource and the path.</summary>
internal sealed record ResourceRequest(HttpContext Context, string? Cluster, SyncedResource Resource, KubePath Path, Negotiated Negotiated)
{
    public GroupResource GroupResource => Resource.Resource.GroupResource;

    public CancellationToken Aborted => Context.RequestAborted;
}
