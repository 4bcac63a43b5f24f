using Clusterpedia.Query;
using Microsoft.AspNetCore.Http;

namespace Clusterpedia.ApiServer.Resources;

/// <summary>Reads the search options of a request and narrows them to the cluster and namespace of its path.</summary>
internal static class ListOptionsReader
{
    /// <exception cref="ListOptionsException">For a malformed parameter, or an owner search without exactly one cluster.</exception>
    /// <param name="remainingCountByDefault">The RemainingItemCount gate: count when the request does not say.</param>
    public static ListOptions Read(HttpRequest request, string? cluster, string? @namespace, bool onlyMetadata, bool remainingCountByDefault)
    {
        var options = ListOptionsParser.Parse(request.QueryString.Value);
        if (remainingCountByDefault && options.WithRemainingCount is null) options = options with { WithRemainingCount = true };
        // An Accept of PartialObjectMetadataList forces onlyMetadata (upstream semantics).
        if (onlyMetadata) options = options with { OnlyMetadata = true };
        // The path wins over the clusters/namespaces parameters; the owner rule needs the final scope.
        return ListOptionsParser.ApplyScope(options, cluster, @namespace);
    }

    /// <summary>
    /// apimachinery's <c>Convert_Slice_string_To_bool</c>: only an absent parameter, <c>0</c> or <c>false</c> (any case)
    /// is false; every other value, <c>watch=</c> and <c>watch=abc</c> included, is true.
    /// </summary>
    public static bool IsWatch(HttpRequest request) =>
        request.Query.TryGetValue("watch", out var v) && v.Count > 0
        && !(v[0] == "0" || string.Equals(v[0], "false", StringComparison.OrdinalIgnoreCase));
}
