using Clusterpedia.ApiServer.Clusters;
using Clusterpedia.ApiServer.CollectionResources;
using Clusterpedia.ApiServer.Discovery;
using Clusterpedia.ApiServer.Http;
using Clusterpedia.ApiServer.Resources;
using Clusterpedia.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Clusterpedia.ApiServer;

/// <summary>
/// The request entry point of <c>/apis/clusterpedia.io/...</c>: routes to discovery, resources and collection
/// resources, and turns every failure into a Kubernetes Status. Authentication and authorization are middleware
/// in front of it (the host's business).
/// </summary>
public sealed class ClusterpediaApiServer
{
    public const string GroupPrefix = "/apis/clusterpedia.io";
    public const string ResourcesPrefix = GroupPrefix + "/v1beta1/resources";

    private readonly DiscoveryHandler _discovery;
    private readonly ResourceRouter _resources;
    private readonly CollectionResourceHandler _collections;
    private readonly ILogger _logger;
    private readonly int _gzipLevel;

    public ClusterpediaApiServer(IStorageFactory storage, IClusterResourceSource source, ClusterpediaApiOptions options,
        TimeProvider time, ILoggerFactory loggerFactory)
    {
        options.Validate();
        _logger = loggerFactory.CreateLogger("Clusterpedia.ApiServer");
        _gzipLevel = options.GzipLevel;
        _discovery = new DiscoveryHandler(storage, options);
        _resources = new ResourceRouter(source, _discovery, new GetHandler(storage, time), new ListHandler(storage, time, options),
            new WatchHandler(storage, time, options, _logger));
        _collections = new CollectionResourceHandler(storage, time, options);
    }

    public async Task HandleAsync(HttpContext context)
    {
        var accepted = Negotiated.TryParse(context.Request.Headers.Accept.ToString(), out var negotiated);
        ResponseCompression.Negotiate(context, _gzipLevel);
        try
        {
            if (!accepted)
                throw ApiException.NotAcceptable($"only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf");
            await RouteAsync(context, negotiated).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (Exception e)
        {
            await FailAsync(context, e, negotiated).ConfigureAwait(false);
        }
    }

    private Task RouteAsync(HttpContext context, Negotiated negotiated)
    {
        var path = context.Request.Path.Value ?? "";
        if (!path.StartsWith(GroupPrefix, StringComparison.Ordinal)) throw ApiException.ResourceNotFound();
        var rest = path[GroupPrefix.Length..];
        if (rest is "" or "/") return _discovery.HandleGroupAsync(context, negotiated);
        if (rest is "/v1beta1" or "/v1beta1/") return _discovery.HandleGroupVersionAsync(context, negotiated);
        if (TryStrip(rest, "/v1beta1/resources", out var resources)) return _resources.HandleAsync(context, resources, negotiated);
        if (TryStrip(rest, "/v1beta1/collectionresources", out var collections)) return _collections.HandleAsync(context, collections, negotiated);
        throw ApiException.ResourceNotFound();
    }

    // Matches a whole path segment: "/v1beta1/resources" and "/v1beta1/resources/..." but not "/v1beta1/resourcesx".
    private static bool TryStrip(string path, string prefix, out string rest)
    {
        rest = "";
        if (!path.StartsWith(prefix, StringComparison.Ordinal)) return false;
        rest = path[prefix.Length..];
        return rest.Length == 0 || rest[0] == '/';
    }

    private async Task FailAsync(HttpContext context, Exception e, Negotiated negotiated)
    {
        var error = ErrorMapping.ToApiException(e);
        if (error.Code >= 500)
            _logger.LogError(error.InnerException ?? e, "{Method} {Path} failed with {Code}, correlation id {CorrelationId}",
                context.Request.Method, context.Request.Path, error.Code, ErrorMapping.CorrelationIdOf(error));
        if (context.Response.HasStarted)
        {
            // Part of a streamed list is already out; ending the connection is the only honest signal left.
            context.Abort();
            return;
        }
        await StatusWriter.WriteAsync(context, error, negotiated.Format == OutputFormat.Yaml ? OutputFormat.Yaml : OutputFormat.Json).ConfigureAwait(false);
    }
}
