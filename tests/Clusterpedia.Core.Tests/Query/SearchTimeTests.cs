using Clusterpedia.Query;

namespace Clusterpedia.Tests.Query;

public class SearchTimeTests
{
    [Theory]
    [InlineData("2022-03-04T05:06:07Z", "2022-03-04T05:06:07.0000000+00:00")]
    [InlineData("2022-03-04T05:06:07.5Z", "2022-03-04T05:06:07.5000000+00:00")]
    [InlineData("2022-03-04T05:06:07.123456789Z", "2022-03-04T05:06:07.1234567+00:00")]
    [InlineData("2022-03-04T13:06:07%2B08:00", "2022-03-04T05:06:07.0000000+00:00")]
    [InlineData("2022-03-04T00:06:07-05:00", "2022-03-04T05:06:07.0000000+00:00")]
    [InlineData("2022-03-04%2005:06:07", "2022-03-04T05:06:07.0000000+00:00")]
    [InlineData("2022-03-04+05:06:07", "2022-03-04T05:06:07.0000000+00:00")]
    [InlineData("2022-03-04", "2022-03-04T00:00:00.0000000+00:00")]
    [InlineData("1646370367", "2022-03-04T05:06:07.0000000+00:00")]
    [InlineData("1646370367123", "2022-03-04T05:06:07.1230000+00:00")]
    public void SinceAcceptsTheFourFormats(string value, string expected)
    {
        var o = Parse.Query("since=" + value);
        Assert.Equal(expected, o.Since!.Value.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(TimeSpan.Zero, o.Since.Value.Offset);
    }

    [Fact]
    public void BeforeUsesTheSameFormats()
    {
        Assert.Equal(new DateTimeOffset(2022, 3, 4, 0, 0, 0, TimeSpan.Zero), Parse.Query("before=2022-03-04").Before);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1646370367), Parse.Query("before=1646370367").Before);
    }

    [Theory]
    [InlineData("since=2022-03-04T05:06:07")] // RFC 3339 needs a zone
    [InlineData("since=2022-03-04T05:06:07+08:00")] // an unencoded '+' is a space
    [InlineData("since=2022-13-04")]
    [InlineData("since=2022/03/04")]
    [InlineData("since=2022-03-04%2025:00:00")]
    [InlineData("since=164637036")] // 9 digits
    [InlineData("since=16463703671")] // 11 digits
    [InlineData("since=16463703671234")] // 14 digits
    [InlineData("since=now")]
    [InlineData("since=1.5")]
    public void InvalidSinceNamesSince(string query)
    {
        var e = Parse.Fails(query);
        Assert.Equal("since", e.Parameter);
        Assert.Contains("Invalid datetime", e.Message);
        Assert.Contains("RFC3339", e.Message);
    }

    [Fact]
    public void InvalidBeforeNamesBefore() => Assert.Equal("before", Parse.Fails("before=tomorrow").Parameter);

    [Fact]
    public void BeforeEarlierThanSinceIsAnError()
    {
        var e = Parse.Fails("since=2022-03-05&before=2022-03-04");
        Assert.Equal("before", e.Parameter);
        Assert.Contains("must not be earlier than since", e.Message);
    }

    [Fact]
    public void BeforeEqualToOrLaterThanSinceIsFine()
    {
        var o = Parse.Query("since=2022-03-04&before=2022-03-04");
        Assert.Equal(o.Since, o.Before);
        Assert.NotNull(Parse.Query("since=1646370367&before=1646370367123").Before);
    }

    [Fact]
    public void BeforeFromALabelEarlierThanSinceFromTheUrlNamesTheLabel() =>
        Assert.Equal("search.clusterpedia.io/before",
            Parse.Fails(Parse.LabelQuery("search.clusterpedia.io/before=2022-01-01") + "&since=2022-02-01").Parameter);
}
