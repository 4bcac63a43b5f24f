using Clusterpedia.Query;

namespace Clusterpedia.Tests.Query;

public class PaginationTests
{
    [Fact]
    public void LimitIsAPageSize()
    {
        Assert.Equal(500, Parse.Query("limit=500").Limit);
        Assert.Equal(0, Parse.Query("limit=0").Limit);
    }

    [Theory]
    [InlineData("continue=0", 0)]
    [InlineData("continue=40", 40)]
    [InlineData("limit=10&continue=30", 30)]
    public void NumericContinueIsAnOffset(string query, long offset)
    {
        var token = Parse.Query(query).Continue!;
        Assert.Equal(offset, token.Offset);
        Assert.Null(token.Cursor);
    }

    [Fact]
    public void OffsetLabelIsAnOffset() =>
        Assert.Equal(ContinueToken.FromOffset(15), Parse.Labels("search.clusterpedia.io/offset=15").Continue);

    [Fact]
    public void CursorRoundTripsThroughEncode()
    {
        var cursor = new ListCursor([new OrderBy("created_at", true)], ["2022-03-04T05:06:07Z"], "c1", "default", "web-0");
        var o = Parse.Query("limit=2&orderby=created_at%20desc&continue=" + cursor.Encode());
        Assert.Null(o.Continue!.Offset);
        var decoded = o.Continue.Cursor!;
        Assert.Equal(cursor.OrderBy, decoded.OrderBy);
        Assert.Equal(cursor.Values, decoded.Values);
        Assert.Equal(("c1", "default", "web-0"), (decoded.Cluster, decoded.Namespace, decoded.Name));
    }

    [Fact]
    public void CursorWithoutOrderByRoundTrips()
    {
        var cursor = new ListCursor([], [], "c1", "", "node-1");
        var decoded = Parse.Query("continue=" + cursor.Encode()).Continue!.Cursor!;
        Assert.Equal("node-1", decoded.Name);
        Assert.Equal("", decoded.Namespace);
    }

    [Fact]
    public void CursorForAnotherOrderIsRejected()
    {
        var cursor = new ListCursor([new OrderBy("name", false)], ["a"], "c1", "ns", "a");
        var e = Parse.Fails("orderby=name%20desc&continue=" + cursor.Encode());
        Assert.Equal("continue", e.Parameter);
        Assert.Contains("different orderby", e.Message);
    }

    [Fact]
    public void CursorIsCheckedAgainstTheOrderOfTheSearchLabel()
    {
        var cursor = new ListCursor([new OrderBy("name", true)], ["a"], "c1", "ns", "a");
        var o = Parse.Labels("search.clusterpedia.io/orderby=name_desc", "continue=" + cursor.Encode());
        Assert.NotNull(o.Continue!.Cursor);
    }

    [Theory]
    [InlineData("continue=not-a-token")]
    [InlineData("continue=%25%25%25")]
    [InlineData("continue=e30")] // base64url of "{}"
    [InlineData("continue=W10")] // base64url of "[]"
    [InlineData("continue=eyJ2IjoxLCJvIjpbbnVsbF0sInMiOltudWxsXSwiayI6WyJhIiwiYiIsImMiXX0")] // null orderby field
    [InlineData("continue=eyJ2IjoxLCJvIjpbXSwicyI6W10sImsiOltudWxsLCJiIiwiYyJdfQ")] // null cluster
    [InlineData("continue=eyJ2IjoxLCJvIjpbIiJdLCJzIjpbIngiXSwiayI6WyJhIiwiYiIsImMiXX0")] // orderby other than the request's
    [InlineData("continue=-5")]
    [InlineData("continue=99999999999999999999")]
    public void MalformedContinueNamesContinue(string query)
    {
        var e = Parse.Fails(query);
        Assert.Equal("continue", e.Parameter);
        Assert.StartsWith("invalid continue: ", e.Message);
    }
}
