using Clusterpedia.ApiServer.Http;
using Clusterpedia.ApiServer.Serialization;
using Clusterpedia.ApiServer.Tables;
using Clusterpedia.Objects;
using Clusterpedia.Storage;

namespace Clusterpedia.ApiServer.Resources;

/// <summary>GET of one object: needs a cluster in scope, because names are only unique within a cluster.</summary>
internal sealed class GetHandler(IStorageFactory storage, TimeProvider time)
{
    public const string ClusterRequiredMessage = "please specify the cluster name when using the resource name to get a specific resource.";

    public async Task HandleAsync(ResourceRequest request)
    {
        if (request.Cluster is null) throw ApiException.BadRequest(ClusterRequiredMessage);
        var path = request.Path;
        var name = path.Name!;
        // A namespaced object is addressed inside its namespace; /api/v1/pods/<name> does not exist in Kubernetes either.
        if (request.Resource.Namespaced && path.Namespace is null) throw ApiException.ResourceNotFound();

        ResourceObject obj;
        try
        {
            obj = await storage.GetResourceStorage(request.Resource.StorageConfig)
                .GetAsync(request.Cluster, path.Namespace ?? "", name, request.Aborted).ConfigureAwait(false);
        }
        catch (StorageException e)
        {
            throw ErrorMapping.ToApiException(e, request.GroupResource, name);
        }

        var context = request.Context;
        var negotiated = request.Negotiated;
        switch (negotiated.Shape)
        {
            case OutputShape.Table:
                var include = TableWriter.ParseIncludeObject(context.Request.Query["includeObject"]);
                var printer = TablePrinters.For(request.GroupResource);
                var now = time.GetUtcNow();
                await JsonResponse.WriteAsync(context, 200, negotiated.Format, w =>
                {
                    w.WriteStartObject();
                    TableWriter.WriteHeader(w, printer, negotiated.MetaVersion);
                    w.WriteStartArray("rows");
                    TableWriter.WriteRow(w, printer, obj.Json.Span, include, now, negotiated.MetaVersion);
                    w.WriteEndArray();
                    w.WriteStartObject("metadata");
                    if (obj.Metadata.ResourceVersion.Length > 0) w.WriteString("resourceVersion", obj.Metadata.ResourceVersion);
                    w.WriteEndObject();
                    w.WriteEndObject();
                }).ConfigureAwait(false);
                break;
            case OutputShape.PartialObjectMetadata:
                await JsonResponse.WriteAsync(context, 200, negotiated.Format,
                    w => JsonSlices.WritePartialObjectMetadata(w, obj.Json.Span, negotiated.MetaVersion)).ConfigureAwait(false);
                break;
            default:
                await JsonResponse.WriteBytesAsync(context, 200, negotiated.Format, CompactJson.ToCompact(obj.Json)).ConfigureAwait(false);
                break;
        }
    }
}
