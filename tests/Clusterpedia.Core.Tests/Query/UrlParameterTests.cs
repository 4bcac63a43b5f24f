using Clusterpedia.Objects;
using Clusterpedia.Query;

namespace Clusterpedia.Tests.Query;

public class UrlParameterTests
{
    [Fact]
    public void EmptyQueryGivesDefaults()
    {
        foreach (var q in new string?[] { null, "", "?" })
        {
            var o = ListOptionsParser.Parse(q);
            Assert.Empty(o.Clusters);
            Assert.Empty(o.OrderBy);
            Assert.Equal(0, o.Limit);
            Assert.Null(o.Continue);
            Assert.Null(o.WithContinue);
            Assert.True(o.ShouldReturnContinue);
            Assert.Null(o.WithRemainingCount);
            Assert.False(o.OnlyMetadata);
            Assert.False(o.HasOwner);
            Assert.Empty(o.UrlQuery);
        }
    }

    [Theory]
    [InlineData("clusters=a,b", new[] { "a", "b" })]
    [InlineData("?clusters=a", new[] { "a" })]
    [InlineData("clusters=%20a,b%20", new[] { "a", "b" })]
    [InlineData("clusters=a,,b,", new[] { "a", "b" })]
    [InlineData("clusters=,", new string[0])]
    [InlineData("clusters=", new string[0])]
    [InlineData("clusters=a&clusters=b", new[] { "a" })]
    public void ClustersIsACommaListOfTheFirstOccurrence(string query, string[] expected) =>
        Assert.Equal(expected, Parse.Query(query).Clusters);

    [Fact]
    public void NamespacesAndNamesAreCommaLists()
    {
        var o = Parse.Query("namespaces=default,kube-system&names=web-0,web-1");
        Assert.Equal(["default", "kube-system"], o.Namespaces);
        Assert.Equal(["web-0", "web-1"], o.Names);
    }

    [Fact]
    public void OwnerParameters()
    {
        var o = Parse.Query("clusters=c1&ownerUID=u-1&ownerName=web&ownerGR=deployments.apps&ownerSeniority=1");
        Assert.Equal("u-1", o.OwnerUid);
        Assert.Equal("web", o.OwnerName);
        Assert.Equal(new GroupResource("apps", "deployments"), o.OwnerGroupResource);
        Assert.Equal(1, o.OwnerSeniority);
        Assert.True(o.HasOwner);
    }

    [Fact]
    public void OwnerGroupResourceOfTheCoreGroupHasAnEmptyGroup() =>
        Assert.Equal(new GroupResource("", "pods"), Parse.Query("ownerGR=pods").OwnerGroupResource);

    [Theory]
    [InlineData("withContinue=true", true)]
    [InlineData("withContinue=1", true)]
    [InlineData("withContinue=t", true)]
    [InlineData("withContinue=T", true)]
    [InlineData("withContinue=TRUE", true)]
    [InlineData("withContinue=True", true)]
    [InlineData("withContinue=false", false)]
    [InlineData("withContinue=0", false)]
    [InlineData("withContinue=f", false)]
    [InlineData("withContinue=F", false)]
    [InlineData("withContinue=FALSE", false)]
    [InlineData("withContinue=False", false)]
    public void BooleansFollowGoParseBool(string query, bool expected)
    {
        var o = Parse.Query(query);
        Assert.Equal(expected, o.WithContinue);
        Assert.Equal(expected, o.ShouldReturnContinue);
    }

    [Fact]
    public void WithRemainingCountOnlyMetadataAndWatchFlags()
    {
        var o = Parse.Query("withRemainingCount=true&onlyMetadata=true&allowWatchBookmarks=true&resourceVersion=42&timeoutSeconds=30");
        Assert.True(o.WithRemainingCount);
        Assert.True(o.OnlyMetadata);
        Assert.True(o.AllowWatchBookmarks);
        Assert.Equal("42", o.ResourceVersion);
        Assert.Equal(TimeSpan.FromSeconds(30), o.Timeout);

        Assert.False(Parse.Query("withRemainingCount=false").WithRemainingCount);
        Assert.Null(Parse.Query("timeoutSeconds=0").Timeout);
    }

    [Fact]
    public void EmptyScalarValuesCountAsNotGiven()
    {
        var o = Parse.Query("withContinue=&limit=&since=&onlyMetadata&continue=");
        Assert.Null(o.WithContinue);
        Assert.Equal(0, o.Limit);
        Assert.Null(o.Since);
        Assert.False(o.OnlyMetadata);
        Assert.Null(o.Continue);
    }

    [Fact]
    public void UrlQueryKeepsEveryPairInOrder()
    {
        var o = Parse.Query("whereSQLParam=a&groups=apps&whereSQLParam=b%20c&whereSQLParam=d+e&empty&clusters=x");
        Assert.Equal(["a", "b c", "d e"], o.UrlQuery["whereSQLParam"]);
        Assert.Equal(["apps"], o.UrlQuery["groups"]);
        Assert.Equal([""], o.UrlQuery["empty"]);
        Assert.Equal(["x"], o.UrlQuery["clusters"]);
    }

    [Fact]
    public void KeyValuePairOverloadMatchesTheStringForm()
    {
        var pairs = new[]
        {
            KeyValuePair.Create("clusters", "c1,c2"),
            KeyValuePair.Create("labelSelector", "app=web,search.clusterpedia.io/limit=5"),
            KeyValuePair.Create("fieldSelector", "spec.nodeName=n1"),
        };
        var o = ListOptionsParser.Parse(pairs);
        Assert.Equal(["c1", "c2"], o.Clusters);
        Assert.Equal(5, o.Limit);
        Assert.Equal([new LabelRequirement("app", SelectorOperator.Equals, ["web"])], o.LabelSelector);
        Assert.Equal("spec.nodeName", Assert.Single(o.FieldSelector).Path.ToString());
    }

    [Fact]
    public void ParameterNamesAreCaseSensitive()
    {
        var o = Parse.Query("Clusters=a&LIMIT=5");
        Assert.Empty(o.Clusters);
        Assert.Equal(0, o.Limit);
    }

    [Theory]
    [InlineData("withContinue=yes", "withContinue")]
    [InlineData("withRemainingCount=2", "withRemainingCount")]
    [InlineData("onlyMetadata=on", "onlyMetadata")]
    [InlineData("allowWatchBookmarks=y", "allowWatchBookmarks")]
    [InlineData("timeoutSeconds=-1", "timeoutSeconds")]
    [InlineData("timeoutSeconds=1.5", "timeoutSeconds")]
    [InlineData("ownerSeniority=-1", "ownerSeniority")]
    [InlineData("ownerSeniority=x", "ownerSeniority")]
    [InlineData("ownerSeniority=99999999999", "ownerSeniority")]
    [InlineData("ownerGR=.apps", "ownerGR")]
    [InlineData("limit=-1", "limit")]
    [InlineData("limit=ten", "limit")]
    public void InvalidScalarsNameTheParameter(string query, string parameter)
    {
        var e = Parse.Fails(query);
        Assert.Equal(parameter, e.Parameter);
        Assert.Contains(parameter, e.Message);
    }
}
