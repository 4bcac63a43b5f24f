using Clusterpedia.ApiServer.Http;
using Clusterpedia.Query;
using Microsoft.AspNetCore.Http;

namespace Clusterpedia.ApiServer.Resources;

/// <summary>Reads the search options of a request and narrows them to the cluster and namespace of its path.</summary>
internal static class ListOptionsReader
{
    public const string OwnerNeedsClusterMessage = "If searching by owner uid or name, then the cluster must be specified";

    public static ListOptions Read(HttpRequest request, string? cluster, string? @namespace, bool onlyMetadata)
    {
        var options = ListOptionsParser.Parse(request.QueryString.Value);
        // The path wins over the clusters/namespaces parameters (upstream semantics).
        if (cluster is not null) options = options with { Clusters = [cluster] };
        if (@namespace is not null) options = options with { Namespaces = [@namespace] };
        if (onlyMetadata) options = options with { OnlyMetadata = true };
        if (options.HasOwner && options.Clusters.Count != 1) throw ApiException.BadRequest(OwnerNeedsClusterMessage);
        return options;
    }

    /// <summary>True for <c>watch=true</c>, <c>watch=1</c> (as Kubernetes accepts).</summary>
    public static bool IsWatch(HttpRequest request) =>
        request.Query.TryGetValue("watch", out var v) && v.Count > 0 && v[0] is "true" or "1" or "True";
}
