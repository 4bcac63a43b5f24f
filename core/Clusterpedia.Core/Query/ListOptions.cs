using Clusterpedia.Objects;

namespace Clusterpedia.Query;

/// <summary>
/// Every search option of a list, watch or collection-resource request, after URL parameters and search labels
/// were merged (URL parameters win). Built by <see cref="ListOptionsParser"/>; storage layers only read it.
/// </summary>
public sealed record ListOptions
{
    /// <summary>Clusters to search; empty = all. The cluster in the URL path replaces it.</summary>
    public IReadOnlyList<string> Clusters { get; init; } = [];

    /// <summary>Namespaces to search; empty = all. The namespace in the URL path replaces it.</summary>
    public IReadOnlyList<string> Namespaces { get; init; } = [];

    /// <summary>Exact object names; empty = any.</summary>
    public IReadOnlyList<string> Names { get; init; } = [];

    /// <summary>Substrings every matching name must contain (all of them), from <c>internalstorage.clusterpedia.io/fuzzy-name</c>.</summary>
    public IReadOnlyList<string> FuzzyNames { get; init; } = [];

    /// <summary>Sort keys in order; empty = the storage's natural order (cluster, namespace, name).</summary>
    public IReadOnlyList<OrderBy> OrderBy { get; init; } = [];

    public string? OwnerUid { get; init; }
    public string? OwnerName { get; init; }
    public GroupResource? OwnerGroupResource { get; init; }

    /// <summary>0 = direct children, 1 = grandchildren (Deployment -> Pods), and so on.</summary>
    public int OwnerSeniority { get; init; }

    /// <summary>creationTimestamp &gt;= Since (inclusive).</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>creationTimestamp &lt; Before (exclusive).</summary>
    public DateTimeOffset? Before { get; init; }

    /// <summary>Page size; 0 = no limit.</summary>
    public long Limit { get; init; }

    /// <summary>Where the page starts: a keyset cursor or a numeric offset; null = from the beginning.</summary>
    public ContinueToken? Continue { get; init; }

    /// <summary>Whether to return a continue token for a full page. Null = yes (our default, unlike upstream).</summary>
    public bool? WithContinue { get; init; }

    /// <summary>Whether to return remainingItemCount. Null = no.</summary>
    public bool? WithRemainingCount { get; init; }

    /// <summary>Return only apiVersion, kind and metadata of each object.</summary>
    public bool OnlyMetadata { get; init; }

    /// <summary>Attach recorded Events as the <c>shadow.clusterpedia.io/events</c> annotation (search label only).</summary>
    public bool InjectEvents { get; init; }

    /// <summary>
    /// The <c>search.clusterpedia.io/forward</c> label was given: the API server forwards the request to the member
    /// cluster. It is removed from the selectors.
    /// </summary>
    public bool Forward { get; init; }

    /// <summary>Ordinary label requirements on <c>metadata.labels</c>, all ANDed.</summary>
    public IReadOnlyList<LabelRequirement> LabelSelector { get; init; } = [];

    /// <summary>Requirements on other <c>*clusterpedia.io*</c> label keys that are not search options, for storage layers to interpret.</summary>
    public IReadOnlyList<LabelRequirement> ExtraLabelSelector { get; init; } = [];

    /// <summary>Requirements on JSON paths of the object, from the enhanced field selector, all ANDed.</summary>
    public IReadOnlyList<FieldRequirement> FieldSelector { get; init; } = [];

    /// <summary>Watch: resume after this resourceVersion.</summary>
    public string? ResourceVersion { get; init; }

    /// <summary>Watch: send BOOKMARK events.</summary>
    public bool AllowWatchBookmarks { get; init; }

    /// <summary>Watch: the server closes the stream after this long.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>The original URL query (first value of each key first), for storage-specific parameters such as <c>groups</c>, <c>resources</c> or <c>whereSQL</c>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> UrlQuery { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>True when a continue token should be returned for a full page.</summary>
    public bool ShouldReturnContinue => WithContinue ?? true;

    public bool HasOwner => !string.IsNullOrEmpty(OwnerUid) || !string.IsNullOrEmpty(OwnerName);
}

/// <summary>One sort key. Fields: <c>cluster, namespace, name, created_at, resource_version</c>.</summary>
public readonly record struct OrderBy(string Field, bool Descending);
