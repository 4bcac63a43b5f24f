using Clusterpedia.Query;

namespace Clusterpedia.Tests.Query;

public class OwnerTests
{
    [Theory]
    [InlineData("ownerUID=u1", "ownerUID")]
    [InlineData("ownerName=web", "ownerName")]
    [InlineData("ownerUID=u1&clusters=c1,c2", "ownerUID")]
    [InlineData("ownerName=web&clusters=c1,c2&ownerSeniority=1", "ownerName")]
    public void OwnerWithoutExactlyOneClusterIsRejectedByApplyScope(string query, string parameter)
    {
        var parsed = Parse.Query(query); // parsing alone succeeds: the path may still add the cluster
        var e = Assert.Throws<ListOptionsException>(() => ListOptionsParser.ApplyScope(parsed, null, null));
        Assert.Equal(parameter, e.Parameter);
        Assert.Contains(ListOptionsParser.OwnerNeedsCluster, e.Message);
    }

    [Fact]
    public void OwnerFromALabelNeedsOneClusterToo()
    {
        var parsed = Parse.Labels("search.clusterpedia.io/owner-uid=u1");
        Assert.Equal("ownerUID", Assert.Throws<ListOptionsException>(() => ListOptionsParser.Validate(parsed)).Parameter);
        ListOptionsParser.Validate(Parse.Labels("search.clusterpedia.io/owner-uid=u1,search.clusterpedia.io/clusters=c1"));
    }

    [Fact]
    public void ThePathClusterSatisfiesTheOwnerRuleAndReplacesTheQueryClusters()
    {
        var o = ListOptionsParser.ApplyScope(Parse.Query("ownerUID=u1&clusters=a,b&namespaces=x"), "c1", "default");
        Assert.Equal(["c1"], o.Clusters);
        Assert.Equal(["default"], o.Namespaces);
    }

    [Fact]
    public void ApplyScopeWithoutPathPartsKeepsTheQuery()
    {
        var o = ListOptionsParser.ApplyScope(Parse.Query("ownerName=web&clusters=c1&namespaces=a,b"), null, "");
        Assert.Equal(["c1"], o.Clusters);
        Assert.Equal(["a", "b"], o.Namespaces);
    }

    [Fact]
    public void SeniorityAloneIsNoOwnerSearch()
    {
        var o = ListOptionsParser.ApplyScope(Parse.Query("ownerSeniority=2&ownerGR=deployments.apps"), null, null);
        Assert.False(o.HasOwner);
        Assert.Equal(2, o.OwnerSeniority);
    }
}
