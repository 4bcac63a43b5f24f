using Clusterpedia.ApiServer.Http;
using Clusterpedia.ApiServer.Serialization;
using Clusterpedia.ApiServer.Tables;
using Clusterpedia.Storage;

namespace Clusterpedia.ApiServer.Resources;

/// <summary>GET of a collection: the storage streams the matching objects straight into the response.</summary>
internal sealed class ListHandler(IStorageFactory storage, TimeProvider time, ClusterpediaApiOptions apiOptions)
{
    public async Task HandleAsync(ResourceRequest request)
    {
        var context = request.Context;
        var negotiated = request.Negotiated;
        var options = ListOptionsReader.Read(context.Request, request.Cluster, request.Path.Namespace,
            onlyMetadata: negotiated.Shape == OutputShape.PartialObjectMetadata, apiOptions.RemainingItemCountByDefault);

        using StreamingListSink sink = negotiated.Shape switch
        {
            OutputShape.Table => new TableListSink(context, negotiated.Format, TablePrinters.For(request.GroupResource),
                TableWriter.ParseIncludeObject(context.Request.Query["includeObject"]), time.GetUtcNow(), negotiated.MetaVersion),
            OutputShape.PartialObjectMetadata => ResourceListSink.PartialMetadata(context, negotiated.Format, negotiated.MetaVersion),
            _ => ResourceListSink.Objects(context, negotiated.Format, request.Resource.Kind, request.Resource.Resource.ApiVersion),
        };
        await storage.GetResourceStorage(request.Resource.StorageConfig).ListAsync(options, sink, request.Aborted).ConfigureAwait(false);
    }
}
