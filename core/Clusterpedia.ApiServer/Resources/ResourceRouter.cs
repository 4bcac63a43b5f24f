using Clusterpedia.ApiServer.Clusters;
using Clusterpedia.ApiServer.Discovery;
using Clusterpedia.ApiServer.Http;
using Microsoft.AspNetCore.Http;

namespace Clusterpedia.ApiServer.Resources;

/// <summary>
/// Everything below <c>/apis/clusterpedia.io/v1beta1/resources</c>: the cluster scope, discovery, and the checks of
/// upstream's ResourceHandler in its order (unknown cluster 400, unsynced resource 404, scope mismatch 404,
/// health warning, then the verb).
/// </summary>
internal sealed class ResourceRouter(
    IClusterResourceSource source,
    DiscoveryHandler discovery,
    GetHandler get,
    ListHandler list,
    WatchHandler watch)
{
    public const string ClusterNotFoundMessage = "the server could not find the requested cluster";

    /// <param name="rest">The path after <c>/resources</c>, e.g. <c>/clusters/c1/api/v1/pods</c>.</param>
    public Task HandleAsync(HttpContext context, string rest, Negotiated negotiated)
    {
        string? cluster = null;
        var kubePath = rest;
        var segments = rest.Split('/', 4, StringSplitOptions.None);
        // segments: "", "clusters", "<cluster>", "<kube path>"
        if (segments.Length > 1 && segments[1] == "clusters")
        {
            if (segments.Length < 4 || segments[2].Length == 0 || segments[3].Length == 0) throw ApiException.ResourceNotFound();
            cluster = segments[2];
            kubePath = "/" + segments[3];
        }

        var path = KubePath.Parse(kubePath);
        var catalog = source.Catalog;
        if (path.Kind == KubePathKind.Unknown) throw ApiException.ResourceNotFound();
        if (path.Kind != KubePathKind.Resource) return discovery.HandleKubeAsync(context, catalog, cluster, path, negotiated);

        ClusterState? state = null;
        if (cluster is not null && !catalog.TryGetCluster(cluster, out state)) throw ApiException.BadRequest(ClusterNotFoundMessage);
        var index = catalog.IndexFor(cluster)!;
        if (!index.TryGetResource(path.Group, path.Version, path.Resource, out var synced)) throw ApiException.ResourceNotFound();
        // Subresources (log, exec, status, ...) are not served: proxying to member clusters is not implemented.
        if (path.Subresource is not null) throw ApiException.ResourceNotFound();
        if (path.IsNamespacedPath && !synced.Namespaced) throw ApiException.ResourceNotFound();

        if (state is { Health.Healthy: false })
            context.Response.Headers.Append("Warning", HealthWarning(state));

        var request = new ResourceRequest(context, cluster, synced, path, negotiated);
        var method = context.Request.Method;
        if (!HttpMethods.IsGet(method))
            throw ApiException.MethodNotSupported(request.GroupResource, VerbOf(method, path.Name is not null));
        if (path.LegacyWatch || ListOptionsReader.IsWatch(context.Request)) return watch.HandleAsync(request);
        if (path.Name is not null) return get.HandleAsync(request);
        return list.HandleAsync(request);
    }

    /// <summary>Upstream's warning for requests to a cluster whose ClusterHealthy condition is not True.</summary>
    public static string HealthWarning(ClusterState state)
    {
        var message = $"{state.Name} is not ready and the resources obtained may be inaccurate";
        if (!string.IsNullOrEmpty(state.Health.Reason)) message += $", reason: {state.Health.Reason}";
        // RFC 7234 warning: code 299, no agent, quoted text (as kube-apiserver sends it; kubectl prints the text).
        return $"299 - \"{message.Replace("\\", "\\\\").Replace("\"", "\\\"")}\"";
    }

    private static string VerbOf(string method, bool hasName) => method.ToUpperInvariant() switch
    {
        "POST" => "create",
        "PUT" => "update",
        "PATCH" => "patch",
        "DELETE" => hasName ? "delete" : "deletecollection",
        _ => method.ToLowerInvariant(),
    };
}
