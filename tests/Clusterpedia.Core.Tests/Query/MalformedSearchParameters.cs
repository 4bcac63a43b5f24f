namespace Clusterpedia.Tests.Query;

/// <summary>
/// Malformed raw URL queries (already URL-encoded, without '?') with the parameter or search label each must be
/// rejected for. Shared with the API-server tests, which send each over HTTP and expect 400 naming the parameter.
/// Each fails <see cref="Clusterpedia.Query.ListOptionsParser.Parse(string?)"/>, except the owner cases, which fail
/// <see cref="Clusterpedia.Query.ListOptionsParser.ApplyScope"/> when the URL path names no cluster.
/// </summary>
public static class MalformedSearchParameters
{
    public static TheoryData<string, string> Queries { get; } = new()
    {
        { "orderby=name%20cluster", "orderby" },
        { "orderby=podIP", "orderby" },
        { "ownerSeniority=-1", "ownerSeniority" },
        { "ownerGR=.apps", "ownerGR" },
        { "since=yesterday", "since" },
        { "before=12345", "before" },
        { "since=2022-03-05&before=2022-03-04", "before" },
        { "withContinue=maybe", "withContinue" },
        { "withRemainingCount=2", "withRemainingCount" },
        { "onlyMetadata=yes", "onlyMetadata" },
        { "limit=-1", "limit" },
        { "limit=ten", "limit" },
        { "continue=not-a-cursor", "continue" },
        { "continue=-3", "continue" },
        { "continue=eyJ2IjoxLCJvIjpbbnVsbF0sInMiOltudWxsXSwiayI6WyJhIiwiYiIsImMiXX0", "continue" },
        { "timeoutSeconds=-5", "timeoutSeconds" },
        { "allowWatchBookmarks=sure", "allowWatchBookmarks" },
        { "labelSelector=app%3D%3D%3D", "labelSelector" },
        { "labelSelector=app%20in%20(a", "labelSelector" },
        { "labelSelector=-bad%3Dx", "labelSelector" },
        { "labelSelector=app%3E1.5", "labelSelector" },
        { "fieldSelector=spec.containers%5B%5D%3Dx", "fieldSelector" },
        { "fieldSelector=metadata..name%3Dx", "fieldSelector" },
        { "fieldSelector=metadata.annotations%5B'a.b%3Dx", "fieldSelector" },
        { "labelSelector=search.clusterpedia.io%2Flimit%3Dten", "search.clusterpedia.io/limit" },
        { "labelSelector=search.clusterpedia.io%2Foffset%3Dx", "search.clusterpedia.io/offset" },
        { "labelSelector=search.clusterpedia.io%2Forderby%3Dpodip", "search.clusterpedia.io/orderby" },
        { "labelSelector=search.clusterpedia.io%2Fsince%3Dsoon", "search.clusterpedia.io/since" },
        { "labelSelector=search.clusterpedia.io%2Fowner-seniority%3Dx", "search.clusterpedia.io/owner-seniority" },
        { "labelSelector=search.clusterpedia.io%2Fwith-continue%3Dmaybe", "search.clusterpedia.io/with-continue" },
        { "labelSelector=search.clusterpedia.io%2Fsize%3D5", "search.clusterpedia.io/size" },
        { "ownerUID=0b7c6a8e", "ownerUID" },
        { "ownerName=web&clusters=c1,c2", "ownerName" },
    };
}
