using Clusterpedia.Query;

namespace Clusterpedia.Tests.Query;

public class MalformedSearchParametersTests
{
    [Theory]
    [MemberData(nameof(MalformedSearchParameters.Queries), MemberType = typeof(MalformedSearchParameters))]
    public void EachMalformedQueryNamesItsParameter(string query, string parameter)
    {
        var e = Assert.Throws<ListOptionsException>(() => ListOptionsParser.ApplyScope(ListOptionsParser.Parse(query), null, null));
        Assert.Equal(parameter, e.Parameter);
        Assert.StartsWith($"invalid {parameter}: ", e.Message);
    }
}
