using Clusterpedia.Query;

namespace Clusterpedia.Tests.Query;

/// <summary>The bounds and upstream semantics of issue 12 that are not a 400 (the 400s are in <see cref="MalformedSearchParameters"/>).</summary>
public class InputBoundsTests
{
    [Fact]
    public void OwnerSeniority_up_to_the_maximum_is_served()
    {
        var options = ListOptionsParser.Parse($"ownerSeniority={QueryValues.MaxOwnerSeniority}");
        Assert.Equal(QueryValues.MaxOwnerSeniority, options.OwnerSeniority);
    }

    [Fact]
    public void OwnerSeniority_over_the_maximum_names_the_parameter_and_the_maximum()
    {
        var e = Assert.Throws<ListOptionsException>(() => ListOptionsParser.Parse("ownerSeniority=99999"));
        Assert.Equal("invalid ownerSeniority: '99999' is more than the maximum of 10", e.Message);
    }

    [Theory]
    [InlineData("names=,")]
    [InlineData("names=,,")]
    public void Names_of_only_empty_items_match_nothing(string query) =>
        Assert.Equal([""], ListOptionsParser.Parse(query).Names);

    [Fact]
    public void Empty_items_among_names_are_dropped() =>
        Assert.Equal(["a", "b"], ListOptionsParser.Parse("names=a,,b").Names);

    [Fact]
    public void Utf8_values_are_decoded() =>
        Assert.Equal(["café", "日本"], ListOptionsParser.Parse("names=caf%C3%A9,日本").Names);

    [Theory]
    [InlineData("resource_version", "12345")]
    [InlineData("resource_version", "")]
    [InlineData("resource_version", null)]
    [InlineData("created_at", "2024-05-01T10:00:00.0000000Z")]
    [InlineData("created_at", null)]
    [InlineData("name", "web-0")]
    public void Cursors_this_server_issues_decode(string field, string? value)
    {
        var cursor = new ListCursor([new OrderBy(field, false)], [value], "c1", "default", "web-0");
        var decoded = ListCursor.Decode(cursor.Encode());
        Assert.Equal(value, decoded.Values[0]);
        Assert.Equal(("c1", "default", "web-0"), (decoded.Cluster, decoded.Namespace, decoded.Name));
    }

    [Fact]
    public void A_resource_version_cursor_wider_than_any_storage_compares_is_malformed()
    {
        var cursor = new ListCursor([new OrderBy("resource_version", false)], [new string('9', 31)], "c1", "", "n");
        var e = Assert.Throws<ListOptionsException>(() => ListCursor.Decode(cursor.Encode()));
        Assert.Equal("invalid continue: continue token is malformed", e.Message);
    }
}
