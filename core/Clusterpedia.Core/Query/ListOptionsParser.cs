namespace Clusterpedia.Query;

/// <summary>
/// Turns the URL query of a list, watch or collection-resource request into <see cref="ListOptions"/>: URL
/// parameters first, then the search labels inside <c>labelSelector</c> for whatever the URL left unset.
/// Scalar parameters use their first occurrence, and an empty value counts as not given. Every error is a
/// <see cref="ListOptionsException"/> naming the URL parameter or search label at fault.
/// </summary>
/// <remarks>
/// The cluster and namespace in the URL path, and the owner rule that depends on them, are applied afterwards by
/// <see cref="ApplyScope"/>.
/// </remarks>
public static class ListOptionsParser
{
    public const string OwnerNeedsCluster = "If searching by owner uid or name, then the cluster must be specified";

    /// <param name="queryString">The raw URL query, with or without the leading '?'.</param>
    public static ListOptions Parse(string? queryString) => Parse(QueryString.Decode(queryString));

    public static ListOptions Parse(IEnumerable<KeyValuePair<string, string>> query)
    {
        var urlQuery = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (key, value) in query)
        {
            if (urlQuery.TryGetValue(key, out var values)) ((List<string>)values).Add(value);
            else urlQuery[key] = new List<string> { value };
        }

        string? First(string key) =>
            urlQuery.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v[0]) ? v[0] : null;
        // Times are parsed as given, blanks included: upstream answers `since=%20` with 400, not with no filter.
        string? Given(string key) => urlQuery.TryGetValue(key, out var v) && v[0].Length > 0 ? v[0] : null;
        T? Scalar<T>(string key, Func<string, string, T> parse) where T : struct =>
            First(key) is { } v ? parse(v.Trim(), key) : null;

        var options = new ListOptions
        {
            Clusters = QueryValues.SplitList(First(QueryParameters.Clusters)),
            Namespaces = QueryValues.SplitList(First(QueryParameters.Namespaces)),
            Names = QueryValues.SplitNames(First(QueryParameters.Names)),
            OrderBy = First(QueryParameters.OrderBy) is { } orderBy ? OrderByParser.ParseUrl(orderBy) : [],
            OwnerUid = First(QueryParameters.OwnerUid),
            OwnerName = First(QueryParameters.OwnerName),
            OwnerGroupResource = Scalar(QueryParameters.OwnerGroupResource, QueryValues.ParseGroupResource),
            OwnerSeniority = Scalar<int>(QueryParameters.OwnerSeniority, QueryValues.ParseOwnerSeniority) ?? 0,
            Since = Given(QueryParameters.Since) is { } since ? SearchTime.Parse(since, QueryParameters.Since) : null,
            Before = Given(QueryParameters.Before) is { } before ? SearchTime.Parse(before, QueryParameters.Before) : null,
            WithContinue = Scalar<bool>(QueryParameters.WithContinue, QueryValues.ParseBool),
            WithRemainingCount = Scalar<bool>(QueryParameters.WithRemainingCount, QueryValues.ParseBool),
            OnlyMetadata = Scalar<bool>(QueryParameters.OnlyMetadata, QueryValues.ParseBool) ?? false,
            Limit = Scalar<long>(QueryParameters.Limit, QueryValues.ParseNonNegativeLong) ?? 0,
            Continue = First(QueryParameters.Continue) is { } token ? QueryValues.ParseContinue(token.Trim()) : null,
            FieldSelector = FieldSelectorParser.Parse(First(QueryParameters.FieldSelector)),
            ResourceVersion = First(QueryParameters.ResourceVersion),
            AllowWatchBookmarks = Scalar<bool>(QueryParameters.AllowWatchBookmarks, QueryValues.ParseBool) ?? false,
            // timeoutSeconds=0 means "the server's default", as in Kubernetes.
            Timeout = Scalar<int>(QueryParameters.TimeoutSeconds, QueryValues.ParseNonNegativeInt) is > 0 and var seconds
                ? TimeSpan.FromSeconds(seconds)
                : null,
            UrlQuery = urlQuery,
        };

        var selector = LabelSelectorParser.Parse(First(QueryParameters.LabelSelector));
        string beforeParameter = QueryParameters.Before, sinceParameter = QueryParameters.Since;
        options = SearchLabelMerger.Merge(options, selector, ref beforeParameter, ref sinceParameter);

        if (options.Since is { } from && options.Before is { } to && to < from)
            throw new ListOptionsException(beforeParameter, $"before ({to:O}) must not be earlier than since ({from:O}, from {sinceParameter})");
        options.Continue?.Cursor?.EnsureMatches(options.OrderBy);
        return options;
    }

    /// <summary>
    /// Applies the cluster and namespace of the URL path (they replace <c>clusters</c> and <c>namespaces</c> of the
    /// query), then <see cref="Validate"/>s. Pass null for a part the path does not have.
    /// </summary>
    public static ListOptions ApplyScope(ListOptions options, string? cluster, string? @namespace)
    {
        if (!string.IsNullOrEmpty(cluster)) options = options with { Clusters = [cluster] };
        if (!string.IsNullOrEmpty(@namespace)) options = options with { Namespaces = [@namespace] };
        Validate(options);
        return options;
    }

    /// <summary>
    /// The rules that need the final scope: an owner search (uid or name) must name exactly one cluster, because
    /// owner uids are only unique within a cluster.
    /// </summary>
    /// <exception cref="ListOptionsException">Naming <c>ownerUID</c> or <c>ownerName</c>.</exception>
    public static void Validate(ListOptions options)
    {
        if (options.HasOwner && options.Clusters.Count != 1)
            throw new ListOptionsException(
                string.IsNullOrEmpty(options.OwnerUid) ? QueryParameters.OwnerName : QueryParameters.OwnerUid, OwnerNeedsCluster);
    }
}
