using Clusterpedia.Objects;
using Clusterpedia.Query;

namespace Clusterpedia.Tests.Query;

public class SearchLabelTests
{
    [Fact]
    public void ListLabelsSetClustersNamespacesAndNames()
    {
        var o = Parse.Labels("search.clusterpedia.io/clusters in (c1,c2),search.clusterpedia.io/namespaces=default,"
                             + "search.clusterpedia.io/names in (web-0)");
        Assert.Equal(["c1", "c2"], o.Clusters);
        Assert.Equal(["default"], o.Namespaces);
        Assert.Equal(["web-0"], o.Names);
        Assert.Empty(o.LabelSelector);
        Assert.Empty(o.ExtraLabelSelector);
    }

    [Theory]
    [InlineData("search.clusterpedia.io/clusters=c1")]
    [InlineData("search.clusterpedia.io/clusters==c1")]
    [InlineData("search.clusterpedia.io/clusters in (c1)")]
    [InlineData("search.clusterpedia.io/clusters!=c1")]
    [InlineData("search.clusterpedia.io/clusters notin (c1)")]
    public void TheLabelOperatorIsIgnored(string selector) => Assert.Equal(["c1"], Parse.Labels(selector).Clusters);

    [Fact]
    public void OwnerLabels()
    {
        var o = Parse.Labels("search.clusterpedia.io/clusters=c1,search.clusterpedia.io/owner-uid=u-1,"
                             + "search.clusterpedia.io/owner-name=web,search.clusterpedia.io/owner-gr=deployments.apps,"
                             + "search.clusterpedia.io/owner-seniority=1");
        Assert.Equal("u-1", o.OwnerUid);
        Assert.Equal("web", o.OwnerName);
        Assert.Equal(new GroupResource("apps", "deployments"), o.OwnerGroupResource);
        Assert.Equal(1, o.OwnerSeniority);
    }

    [Fact]
    public void TimeLabelsAcceptDatesAndUnixTimestamps()
    {
        var o = Parse.Labels("search.clusterpedia.io/since=2022-03-01,search.clusterpedia.io/before=1648771200");
        Assert.Equal(new DateTimeOffset(2022, 3, 1, 0, 0, 0, TimeSpan.Zero), o.Since);
        Assert.Equal(new DateTimeOffset(2022, 4, 1, 0, 0, 0, TimeSpan.Zero), o.Before);
    }

    [Fact]
    public void PagingAndFlagLabels()
    {
        var o = Parse.Labels("search.clusterpedia.io/limit=10,search.clusterpedia.io/offset=20,"
                             + "search.clusterpedia.io/with-continue=false,search.clusterpedia.io/with-remaining-count=true,"
                             + "search.clusterpedia.io/inject-events=true");
        Assert.Equal(10, o.Limit);
        Assert.Equal(ContinueToken.FromOffset(20), o.Continue);
        Assert.False(o.WithContinue);
        Assert.False(o.ShouldReturnContinue);
        Assert.True(o.WithRemainingCount);
        Assert.True(o.InjectEvents);
    }

    [Fact]
    public void InjectEventsIsLabelOnly()
    {
        Assert.False(Parse.Query("inject-events=true&injectEvents=true").InjectEvents);
        Assert.False(Parse.Labels("search.clusterpedia.io/inject-events=false").InjectEvents);
    }

    [Fact]
    public void ForwardIsRemovedFromTheSelectors()
    {
        var o = Parse.Labels("app=web,search.clusterpedia.io/forward");
        Assert.True(o.Forward);
        Assert.Equal([new LabelRequirement("app", SelectorOperator.Equals, ["web"])], o.LabelSelector);
        Assert.Empty(o.ExtraLabelSelector);
        Assert.False(Parse.Labels("app=web").Forward);
    }

    [Fact]
    public void FuzzyNameGoesToFuzzyNamesAndStaysInTheExtraSelector()
    {
        var o = Parse.Labels("internalstorage.clusterpedia.io/fuzzy-name in (web,api)");
        Assert.Equal(["web", "api"], o.FuzzyNames);
        var extra = Assert.Single(o.ExtraLabelSelector);
        Assert.Equal("internalstorage.clusterpedia.io/fuzzy-name", extra.Key);
        Assert.Equal(["web"], Parse.Labels("internalstorage.clusterpedia.io/fuzzy-name=web").FuzzyNames);
    }

    [Fact]
    public void OtherClusterpediaKeysGoToTheExtraSelectorAndTheRestToTheLabelSelector()
    {
        var o = Parse.Labels("app=web,tier in (a,b),custom.clusterpedia.io/x=1,!canary,shadow.clusterpedia.io/y");
        Assert.Equal(
            [
                new LabelRequirement("custom.clusterpedia.io/x", SelectorOperator.Equals, ["1"]),
                new LabelRequirement("shadow.clusterpedia.io/y", SelectorOperator.Exists, []),
            ],
            o.ExtraLabelSelector);
        Assert.Equal(["app", "tier", "canary"], o.LabelSelector.Select(r => r.Key));
        Assert.Empty(o.FuzzyNames);
    }

    [Fact]
    public void OrderByLabelUsesTheUnderscoreForm()
    {
        var o = Parse.Labels("search.clusterpedia.io/orderby in (cluster,created_at_desc,resource_version)");
        Assert.Equal(
            [new OrderBy("cluster", false), new OrderBy("created_at", true), new OrderBy("resource_version", false)],
            o.OrderBy);
    }

    [Theory]
    [InlineData("search.clusterpedia.io/limit=ten", "search.clusterpedia.io/limit")]
    [InlineData("search.clusterpedia.io/limit in (1,2)", "search.clusterpedia.io/limit")]
    [InlineData("search.clusterpedia.io/limit", "search.clusterpedia.io/limit")]
    [InlineData("search.clusterpedia.io/offset=x", "search.clusterpedia.io/offset")]
    [InlineData("search.clusterpedia.io/owner-seniority=a", "search.clusterpedia.io/owner-seniority")]
    [InlineData("search.clusterpedia.io/owner-uid in (a,b)", "search.clusterpedia.io/owner-uid")]
    [InlineData("search.clusterpedia.io/owner-name=", "search.clusterpedia.io/owner-name")]
    [InlineData("search.clusterpedia.io/owner-gr in (pods,nodes)", "search.clusterpedia.io/owner-gr")]
    [InlineData("search.clusterpedia.io/since=yesterday", "search.clusterpedia.io/since")]
    [InlineData("search.clusterpedia.io/before=12345", "search.clusterpedia.io/before")]
    [InlineData("search.clusterpedia.io/with-continue=maybe", "search.clusterpedia.io/with-continue")]
    [InlineData("search.clusterpedia.io/with-remaining-count=yes", "search.clusterpedia.io/with-remaining-count")]
    [InlineData("search.clusterpedia.io/inject-events=on", "search.clusterpedia.io/inject-events")]
    [InlineData("search.clusterpedia.io/orderby=podip", "search.clusterpedia.io/orderby")]
    [InlineData("search.clusterpedia.io/size=5", "search.clusterpedia.io/size")]
    [InlineData("search.clusterpedia.io/limit=1,search.clusterpedia.io/limit=2", "search.clusterpedia.io/limit")]
    [InlineData("internalstorage.clusterpedia.io/fuzzy-name!=web", "internalstorage.clusterpedia.io/fuzzy-name")]
    [InlineData("search.clusterpedia.io/since=2022-01-02,search.clusterpedia.io/before=2022-01-01", "search.clusterpedia.io/before")]
    public void BadSearchLabelsNameTheLabel(string selector, string parameter)
    {
        var e = Parse.Fails(Parse.LabelQuery(selector));
        Assert.Equal(parameter, e.Parameter);
        Assert.StartsWith("invalid " + parameter + ": ", e.Message);
    }

    [Fact]
    public void ASearchLabelIsCheckedEvenWhenTheUrlParameterWins() =>
        Assert.Equal("search.clusterpedia.io/limit", Parse.Fails(Parse.LabelQuery("search.clusterpedia.io/limit=x") + "&limit=5").Parameter);
}
