using Clusterpedia.ApiServer.Clusters;
using Clusterpedia.ApiServer.Http;
using Clusterpedia.Storage;
using Microsoft.AspNetCore.Http;

namespace Clusterpedia.ApiServer.Discovery;

/// <summary>
/// Discovery inside the resources prefix (per cluster, or the union of all clusters) and of the
/// clusterpedia.io group itself. Unknown clusters, groups and versions are 404.
/// </summary>
internal sealed class DiscoveryHandler(IStorageFactory storage, ClusterpediaApiOptions options)
{
    public const string GroupName = "clusterpedia.io";
    public const string GroupVersion = "v1beta1";

    public Task HandleKubeAsync(HttpContext context, ClusterCatalog catalog, string? cluster, KubePath path, Negotiated negotiated)
    {
        EnsureGet(context);
        var format = negotiated.Format;
        if (path.Kind == KubePathKind.Version)
            return JsonResponse.WriteAsync(context, 200, format, w => DiscoveryWriter.WriteVersion(w, options.KubernetesVersion));

        var index = catalog.IndexFor(cluster) ?? throw ApiException.ResourceNotFound();
        switch (path.Kind)
        {
            case KubePathKind.CoreVersions:
                // v1 only once a core resource is synced: kubectl then reads /api/v1, and an empty resource list there
                // fails `kubectl api-resources` ("received empty response for: v1").
                return JsonResponse.WriteAsync(context, 200, format, w => DiscoveryWriter.WriteApiVersions(w, index.VersionsOf("")));
            case KubePathKind.GroupList:
                return JsonResponse.WriteAsync(context, 200, format, w => DiscoveryWriter.WriteGroupList(w, index));
            case KubePathKind.Group:
                var versions = index.VersionsOf(path.Group);
                if (path.Group.Length == 0 || versions.Count == 0) throw ApiException.ResourceNotFound();
                return JsonResponse.WriteAsync(context, 200, format, w => DiscoveryWriter.WriteGroup(w, path.Group, versions));
            case KubePathKind.ResourceList:
                // The core group answers /api/v1 even before anything is synced, as upstream does.
                var known = index.HasGroupVersion(path.Group, path.Version) || (path.Group.Length == 0 && path.Version == "v1");
                if (!known) throw ApiException.ResourceNotFound();
                var resources = index.ResourcesOf(path.Group, path.Version);
                return JsonResponse.WriteAsync(context, 200, format,
                    w => DiscoveryWriter.WriteResourceList(w, path.Group, path.Version, resources, storage.SupportedVerbs));
            default:
                throw ApiException.ResourceNotFound();
        }
    }

    /// <summary><c>GET /apis/clusterpedia.io</c></summary>
    public Task HandleGroupAsync(HttpContext context, Negotiated negotiated)
    {
        EnsureGet(context);
        return JsonResponse.WriteAsync(context, 200, negotiated.Format, w => DiscoveryWriter.WriteGroup(w, GroupName, [GroupVersion]));
    }

    /// <summary><c>GET /apis/clusterpedia.io/v1beta1</c>: the resources and collectionresources resources.</summary>
    public Task HandleGroupVersionAsync(HttpContext context, Negotiated negotiated)
    {
        EnsureGet(context);
        return JsonResponse.WriteAsync(context, 200, negotiated.Format, w =>
        {
            w.WriteStartObject();
            w.WriteString("kind", "APIResourceList");
            w.WriteString("apiVersion", "v1");
            w.WriteString("groupVersion", $"{GroupName}/{GroupVersion}");
            w.WriteStartArray("resources");
            DiscoveryWriter.WriteResource(w, "collectionresources", "collectionresource", false, "CollectionResource", ["get", "list"], [], []);
            DiscoveryWriter.WriteResource(w, "resources", "resources", false, "Resources", ["get"], [], []);
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static void EnsureGet(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method))
            throw new ApiException(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
    }
}
