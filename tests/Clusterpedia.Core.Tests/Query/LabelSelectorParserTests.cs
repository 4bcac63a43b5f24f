using Clusterpedia.Query;

namespace Clusterpedia.Tests.Query;

public class LabelSelectorParserTests
{
    private static LabelRequirement Single(string selector) => Assert.Single(LabelSelectorParser.Parse(selector));

    [Theory]
    [InlineData("app=web", SelectorOperator.Equals, "web")]
    [InlineData("app==web", SelectorOperator.Equals, "web")]
    [InlineData("app!=web", SelectorOperator.NotEquals, "web")]
    [InlineData("app in (a,b)", SelectorOperator.In, "a,b")]
    [InlineData("app notin (a,b)", SelectorOperator.NotIn, "a,b")]
    [InlineData("app", SelectorOperator.Exists, "")]
    [InlineData("!app", SelectorOperator.DoesNotExist, "")]
    [InlineData("replicas>5", SelectorOperator.GreaterThan, "5")]
    [InlineData("replicas<5", SelectorOperator.LessThan, "5")]
    [InlineData("replicas>-1", SelectorOperator.GreaterThan, "-1")]
    [InlineData("  app  =  web  ", SelectorOperator.Equals, "web")]
    [InlineData("app\tin\t(\ta ,\nb )", SelectorOperator.In, "a,b")]
    [InlineData("app=", SelectorOperator.Equals, "")]
    [InlineData("app in ()", SelectorOperator.In, "")]
    [InlineData("app in (a,)", SelectorOperator.In, "a,")]
    [InlineData("app in (a,a,b)", SelectorOperator.In, "a,b")]
    [InlineData("app in (in,notin)", SelectorOperator.In, "in,notin")]
    [InlineData("app.kubernetes.io/name=web", SelectorOperator.Equals, "web")]
    [InlineData("a_b.c-d=A-z_0.9", SelectorOperator.Equals, "A-z_0.9")]
    public void ParsesEveryOperator(string selector, SelectorOperator op, string values)
    {
        var r = Single(selector);
        Assert.Equal(op, r.Operator);
        Assert.Equal(values, string.Join(',', r.Values));
    }

    [Fact]
    public void ParsesACommaSeparatedSelectorInOrder()
    {
        var rs = LabelSelectorParser.Parse("app=web, tier in (a, b),!canary,env ,x!=y");
        Assert.Equal(["app", "tier", "canary", "env", "x"], rs.Select(r => r.Key));
        Assert.Equal(SelectorOperator.Exists, rs[3].Operator);
    }

    [Fact]
    public void EmptySelectorHasNoRequirements()
    {
        Assert.Empty(LabelSelectorParser.Parse(""));
        Assert.Empty(LabelSelectorParser.Parse("   "));
        Assert.Empty(LabelSelectorParser.Parse(null));
    }

    [Fact]
    public void KeyAndValueLengthLimits()
    {
        var name63 = new string('a', 63);
        var prefix253 = string.Join('.', Enumerable.Repeat(new string('b', 50), 4)) + "." + new string('c', 49);
        Assert.Equal(253, prefix253.Length);
        Single($"{prefix253}/{name63}={name63}");
        Assert.Equal(LabelSelectorParser.Parameter, Assert.Throws<ListOptionsException>(() => LabelSelectorParser.Parse(name63 + "a=x")).Parameter);
        Assert.Throws<ListOptionsException>(() => LabelSelectorParser.Parse($"{prefix253}d/a=x"));
        Assert.Throws<ListOptionsException>(() => LabelSelectorParser.Parse($"a={name63}a"));
    }

    [Theory]
    [InlineData("app=web,", "after ','")]
    [InlineData(",app=web", "found ','")]
    [InlineData("app=web web2", "found 'web2'")]
    [InlineData("app web", "found 'web'")]
    [InlineData("app in (a b)", "found 'b'")]
    [InlineData("app in a,b", "found 'a'")]
    [InlineData("app in (a", "end of the selector")]
    [InlineData("app notin", "end of the selector")]
    [InlineData("app>a", "must be an integer")]
    [InlineData("app<1.5", "must be an integer")]
    [InlineData("app>", "must be an integer")]
    [InlineData("!app=web", "found '='")]
    [InlineData("!", "end of the selector")]
    [InlineData("=web", "found '='")]
    [InlineData("in=web", "found 'in'")]
    [InlineData("app==web==x", "found '=='")]
    [InlineData("app=(web)", "found '('")]
    [InlineData("-app=web", "name part")]
    [InlineData("app-=web", "name part")]
    [InlineData("APP.io/app=web", "prefix part")]
    [InlineData("/app=web", "prefix part must be non-empty")]
    [InlineData("a/b/c=web", "at most one '/'")]
    [InlineData("app/=web", "name part must be non-empty")]
    [InlineData("app=-web", "must start and end with an alphanumeric")]
    [InlineData("app=web_", "must start and end with an alphanumeric")]
    [InlineData("app=we/b", "must consist of")]
    [InlineData("app in (ok,bad!)", "found '!'")]
    [InlineData("app in (ok,-bad)", "must start and end")]
    public void InvalidSelectorsNameLabelSelector(string selector, string problem)
    {
        var e = Assert.Throws<ListOptionsException>(() => LabelSelectorParser.Parse(selector));
        Assert.Equal("labelSelector", e.Parameter);
        Assert.Contains(problem, e.Message);

        var viaQuery = Parse.Fails(Parse.LabelQuery(selector));
        Assert.Equal("labelSelector", viaQuery.Parameter);
    }
}
