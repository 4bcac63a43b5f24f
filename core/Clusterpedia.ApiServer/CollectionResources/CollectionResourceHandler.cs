using System.Text.Json;
using Clusterpedia.ApiServer.Http;
using Clusterpedia.ApiServer.Resources;
using Clusterpedia.ApiServer.Tables;
using Clusterpedia.Storage;
using Microsoft.AspNetCore.Http;

namespace Clusterpedia.ApiServer.CollectionResources;

/// <summary><c>/apis/clusterpedia.io/v1beta1/collectionresources[/&lt;name&gt;]</c>: the definitions, and one collection's items.</summary>
internal sealed class CollectionResourceHandler(IStorageFactory storage, TimeProvider time, ClusterpediaApiOptions apiOptions)
{
    /// <param name="rest">The path after <c>/collectionresources</c>: empty, or <c>/&lt;name&gt;</c>.</param>
    public Task HandleAsync(HttpContext context, string rest, Negotiated negotiated)
    {
        var name = rest.Trim('/');
        if (name.Contains('/')) throw ApiException.ResourceNotFound();
        var resource = new Objects.GroupResource("clusterpedia.io", "collectionresources");
        if (!HttpMethods.IsGet(context.Request.Method))
            throw ApiException.MethodNotSupported(resource, context.Request.Method.ToLowerInvariant() switch
            {
                "post" => "create",
                "put" => "update",
                "delete" => "delete",
                var m => m,
            });
        return name.Length == 0 ? ListDefinitionsAsync(context, negotiated) : ListItemsAsync(context, name, negotiated);
    }

    private Task ListDefinitionsAsync(HttpContext context, Negotiated negotiated)
    {
        var definitions = storage.CollectionResources;
        if (negotiated.Shape == OutputShape.Table)
        {
            return JsonResponse.WriteAsync(context, 200, negotiated.Format, w =>
            {
                w.WriteStartObject();
                w.WriteString("kind", "Table");
                w.WriteString("apiVersion", "meta.k8s.io/" + negotiated.MetaVersion);
                w.WriteStartObject("metadata");
                w.WriteEndObject();
                w.WriteStartArray("columnDefinitions");
                TableWriter.WriteColumn(w, TableColumn.ObjectName);
                TableWriter.WriteColumn(w, TableColumn.Text("Resources"));
                w.WriteEndArray();
                w.WriteStartArray("rows");
                foreach (var d in definitions)
                {
                    w.WriteStartObject();
                    w.WriteStartArray("cells");
                    w.WriteStringValue(d.Name);
                    w.WriteStringValue(ResourcesColumn(d));
                    w.WriteEndArray();
                    w.WritePropertyName("object");
                    WriteDefinition(w, d, "PartialObjectMetadata", "meta.k8s.io/" + negotiated.MetaVersion, withTypes: false);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            });
        }
        return JsonResponse.WriteAsync(context, 200, negotiated.Format, w =>
        {
            w.WriteStartObject();
            w.WriteString("kind", "CollectionResourceList");
            w.WriteString("apiVersion", "clusterpedia.io/v1beta1");
            w.WriteStartObject("metadata");
            w.WriteEndObject();
            w.WriteStartArray("items");
            foreach (var d in definitions) WriteDefinition(w, d, "CollectionResource", "clusterpedia.io/v1beta1", withTypes: true);
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private async Task ListItemsAsync(HttpContext context, string name, Negotiated negotiated)
    {
        if (!storage.CollectionResources.Any(d => d.Name == name)) throw NotFound(name);
        ICollectionResourceStorage collection;
        try
        {
            collection = storage.GetCollectionResourceStorage(name);
        }
        catch (StorageException e) when (e.Kind == StorageErrorKind.NotFound)
        {
            throw NotFound(name);
        }
        var table = negotiated.Shape == OutputShape.Table;
        // A Table only shows metadata, so the storage need not read whole objects (upstream does the same).
        var options = ListOptionsReader.Read(context.Request, cluster: null, @namespace: null,
            onlyMetadata: table || negotiated.Shape == OutputShape.PartialObjectMetadata, apiOptions.RemainingItemCountByDefault);
        using var sink = new CollectionResourceSink(context, negotiated.Format, name, table, time.GetUtcNow(), negotiated.MetaVersion);
        await collection.ListAsync(options, sink, context.RequestAborted).ConfigureAwait(false);
    }

    private static ApiException NotFound(string name) => ApiException.NotFound(new Objects.GroupResource("clusterpedia.io", "collectionresources"), name);

    private static void WriteDefinition(Utf8JsonWriter w, CollectionResourceDefinition d, string kind, string apiVersion, bool withTypes)
    {
        w.WriteStartObject();
        w.WriteString("kind", kind);
        w.WriteString("apiVersion", apiVersion);
        w.WriteStartObject("metadata");
        w.WriteString("name", d.Name);
        w.WriteNull("creationTimestamp");
        w.WriteEndObject();
        if (withTypes)
        {
            w.WriteStartArray("resourceTypes");
            foreach (var t in d.ResourceTypes)
            {
                w.WriteStartObject();
                w.WriteString("group", t.Group);
                w.WriteString("version", t.Version);
                if (!string.IsNullOrEmpty(t.Kind)) w.WriteString("kind", t.Kind);
                w.WriteString("resource", t.Resource);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    /// <summary><c>deployments.apps,pods</c>; <c>*</c> for every resource (of a group, or of all groups for <c>any</c>).</summary>
    internal static string ResourcesColumn(CollectionResourceDefinition d)
    {
        if (d.ResourceTypes.Count == 0) return "*";
        return string.Join(',', d.ResourceTypes.Select(t =>
        {
            var resource = t.Resource.Length == 0 ? "*" : t.Resource;
            return t.Group.Length == 0 ? resource : $"{resource}.{t.Group}";
        }));
    }
}
