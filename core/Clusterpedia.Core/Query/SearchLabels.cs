namespace Clusterpedia.Query;

/// <summary>
/// Label keys that carry search options inside <c>labelSelector</c>, so kubectl users can pass them with <c>-l</c>.
/// Spelled as upstream's <c>api/clusterpedia/types.go</c>.
/// </summary>
public static class SearchLabels
{
    public const string Prefix = "search.clusterpedia.io/";

    public const string Clusters = Prefix + "clusters";
    public const string Namespaces = Prefix + "namespaces";
    public const string Names = Prefix + "names";
    public const string OrderBy = Prefix + "orderby";
    public const string OwnerUid = Prefix + "owner-uid";
    public const string OwnerName = Prefix + "owner-name";
    public const string OwnerGroupResource = Prefix + "owner-gr";
    public const string OwnerSeniority = Prefix + "owner-seniority";
    public const string Since = Prefix + "since";
    public const string Before = Prefix + "before";
    public const string Limit = Prefix + "limit";
    public const string Offset = Prefix + "offset";
    public const string WithContinue = Prefix + "with-continue";
    public const string WithRemainingCount = Prefix + "with-remaining-count";
    public const string InjectEvents = Prefix + "inject-events";

    /// <summary>Not a search option: asks the API server to forward the request to the member cluster.</summary>
    public const string Forward = Prefix + "forward";

    /// <summary>Name substring match, interpreted by storage layers (internalstorage upstream).</summary>
    public const string FuzzyName = "internalstorage.clusterpedia.io/fuzzy-name";

    /// <summary>Keys containing this that are not search options go to <see cref="ListOptions.ExtraLabelSelector"/>.</summary>
    public const string ExtraLabelMarker = "clusterpedia.io";

    /// <summary>The search-option keys (not <see cref="Forward"/> or <see cref="FuzzyName"/>).</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Clusters, Namespaces, Names, OrderBy, OwnerUid, OwnerName, OwnerGroupResource, OwnerSeniority,
        Since, Before, Limit, Offset, WithContinue, WithRemainingCount, InjectEvents,
    ];
}
