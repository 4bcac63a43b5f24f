namespace Clusterpedia.Query;

/// <summary>The URL query parameter names of a search, spelled as upstream (case-sensitive).</summary>
public static class QueryParameters
{
    public const string Clusters = "clusters";
    public const string Namespaces = "namespaces";
    public const string Names = "names";
    public const string OrderBy = "orderby";
    public const string OwnerUid = "ownerUID";
    public const string OwnerName = "ownerName";
    public const string OwnerGroupResource = "ownerGR";
    public const string OwnerSeniority = "ownerSeniority";
    public const string Since = "since";
    public const string Before = "before";
    public const string WithContinue = "withContinue";
    public const string WithRemainingCount = "withRemainingCount";
    public const string OnlyMetadata = "onlyMetadata";
    public const string Limit = "limit";
    public const string Continue = "continue";
    public const string LabelSelector = "labelSelector";
    public const string FieldSelector = "fieldSelector";
    public const string ResourceVersion = "resourceVersion";
    public const string AllowWatchBookmarks = "allowWatchBookmarks";
    public const string TimeoutSeconds = "timeoutSeconds";
}
