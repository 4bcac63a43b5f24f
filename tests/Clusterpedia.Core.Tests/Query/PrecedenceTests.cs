using Clusterpedia.Query;

namespace Clusterpedia.Tests.Query;

/// <summary>For every search label with a URL twin: the label applies alone, and the URL parameter wins when both are given.</summary>
public class PrecedenceTests
{
    [Theory]
    [InlineData("clusters", "clusters=u1,u2", "search.clusterpedia.io/clusters=l1", "u1,u2", "l1")]
    [InlineData("namespaces", "namespaces=u1", "search.clusterpedia.io/namespaces in (l1,l2)", "u1", "l1,l2")]
    [InlineData("names", "names=u1", "search.clusterpedia.io/names=l1", "u1", "l1")]
    [InlineData("orderby", "orderby=name%20desc", "search.clusterpedia.io/orderby=cluster_desc", "name desc", "cluster desc")]
    [InlineData("ownerUID", "ownerUID=u1", "search.clusterpedia.io/owner-uid=l1", "u1", "l1")]
    [InlineData("ownerName", "ownerName=u1", "search.clusterpedia.io/owner-name=l1", "u1", "l1")]
    [InlineData("ownerGR", "ownerGR=deployments.apps", "search.clusterpedia.io/owner-gr=replicasets.apps", "deployments.apps", "replicasets.apps")]
    [InlineData("ownerSeniority", "ownerSeniority=2", "search.clusterpedia.io/owner-seniority=1", "2", "1")]
    [InlineData("since", "since=2023-01-01", "search.clusterpedia.io/since=2022-01-01", "2023-01-01", "2022-01-01")]
    [InlineData("before", "before=2023-01-01", "search.clusterpedia.io/before=2022-01-01", "2023-01-01", "2022-01-01")]
    [InlineData("limit", "limit=3", "search.clusterpedia.io/limit=5", "3", "5")]
    [InlineData("continue", "continue=7", "search.clusterpedia.io/offset=9", "7", "9")]
    [InlineData("withContinue", "withContinue=true", "search.clusterpedia.io/with-continue=false", "True", "False")]
    [InlineData("withRemainingCount", "withRemainingCount=false", "search.clusterpedia.io/with-remaining-count=true", "False", "True")]
    public void UrlParameterWinsOverSearchLabel(string field, string url, string label, string fromUrl, string fromLabel)
    {
        Assert.Equal(fromLabel, Describe(Parse.Labels(label), field));
        Assert.Equal(fromUrl, Describe(Parse.Labels(label, url), field));
        Assert.Equal(fromUrl, Describe(Parse.Query(url), field));
    }

    [Fact]
    public void ZeroLimitAndSeniorityInTheUrlLeaveRoomForTheLabel()
    {
        var o = Parse.Labels("search.clusterpedia.io/limit=5,search.clusterpedia.io/owner-seniority=1", "limit=0&ownerSeniority=0");
        Assert.Equal(5, o.Limit);
        Assert.Equal(1, o.OwnerSeniority);
    }

    private static string Describe(ListOptions o, string field) => field switch
    {
        "clusters" => string.Join(',', o.Clusters),
        "namespaces" => string.Join(',', o.Namespaces),
        "names" => string.Join(',', o.Names),
        "orderby" => string.Join(',', o.OrderBy.Select(b => b.Descending ? b.Field + " desc" : b.Field)),
        "ownerUID" => o.OwnerUid ?? "",
        "ownerName" => o.OwnerName ?? "",
        "ownerGR" => o.OwnerGroupResource?.ToString() ?? "",
        "ownerSeniority" => o.OwnerSeniority.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "since" => o.Since?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "",
        "before" => o.Before?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "",
        "limit" => o.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "continue" => o.Continue?.Offset?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
        "withContinue" => o.WithContinue?.ToString() ?? "",
        "withRemainingCount" => o.WithRemainingCount?.ToString() ?? "",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };
}
