using Clusterpedia.Query;

namespace Clusterpedia.Tests.Query;

public class OrderByTests
{
    [Fact]
    public void UrlFormIsFieldWithOptionalDesc()
    {
        var o = Parse.Query("orderby=cluster,namespace%20desc,name,created_at+desc,resource_version");
        Assert.Equal(
            [
                new OrderBy("cluster", false), new OrderBy("namespace", true), new OrderBy("name", false),
                new OrderBy("created_at", true), new OrderBy("resource_version", false),
            ],
            o.OrderBy);
    }

    [Fact]
    public void EmptyItemsAreSkipped() =>
        Assert.Equal([new OrderBy("name", false)], Parse.Query("orderby=name,").OrderBy);

    [Theory]
    [InlineData("name_desc", "name", true)]
    [InlineData("created_at_desc", "created_at", true)]
    [InlineData("created_at", "created_at", false)]
    [InlineData("resource_version", "resource_version", false)]
    [InlineData("resource_version_desc", "resource_version", true)]
    public void LabelFormUsesUnderscoreDesc(string value, string field, bool descending) =>
        Assert.Equal([new OrderBy(field, descending)], OrderByParser.ParseLabel([value], SearchLabels.OrderBy));

    [Theory]
    [InlineData("orderby=name%20cluster")] // "a b" is invalid
    [InlineData("orderby=name%20cluster%20desc")]
    [InlineData("orderby=name%20asc")]
    [InlineData("orderby=name%20%20desc")]
    [InlineData("orderby=podIP")]
    [InlineData("orderby=desc")]
    [InlineData("orderby=JSON_EXTRACT(object,'$.status.podIP')")]
    [InlineData("orderby=name%3B%20drop%20table%20resources")]
    [InlineData("orderby=name,name%20desc")]
    [InlineData("orderby=Name")]
    public void InvalidOrderByNamesOrderBy(string query) => Assert.Equal("orderby", Parse.Fails(query).Parameter);

    [Fact]
    public void UnsupportedFieldMessageListsTheWhitelist() =>
        Assert.Contains("cluster, namespace, name, created_at, resource_version", Parse.Fails("orderby=uid").Message);
}
