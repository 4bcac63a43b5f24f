using Clusterpedia.Query;

namespace Clusterpedia.Tests.Query;

public class FieldSelectorParserTests
{
    private static FieldRequirement Single(string selector) => Assert.Single(FieldSelectorParser.Parse(selector));

    private static FieldPathSegment S(string name, bool list = false, int? index = null) => new(name, list, index);

    [Theory]
    [InlineData("metadata.name=foo", "metadata|name")]
    [InlineData(".metadata.name=foo", "metadata|name")]
    [InlineData("metadata.annotations['test.io']=foo", "metadata|annotations|test.io")]
    [InlineData(".metadata.annotations[\"test.io\"]=foo", "metadata|annotations|test.io")]
    [InlineData("metadata.annotations.'test.io'=foo", "metadata|annotations|test.io")]
    [InlineData("metadata.labels['app.kubernetes.io/name']=foo", "metadata|labels|app.kubernetes.io/name")]
    [InlineData("metadata.labels.[\"a.b\"]=foo", "metadata|labels|a.b")]
    [InlineData("['metadata']['name']=foo", "metadata|name")]
    public void ParsesPathForms(string selector, string segments)
    {
        var r = Single(selector);
        Assert.Equal(segments.Split('|'), r.Path.Segments.Select(s => s.Name));
        Assert.False(r.Path.HasListSegment);
        Assert.Equal(SelectorOperator.Equals, r.Operator);
        Assert.Equal(["foo"], r.Values);
    }

    [Fact]
    public void ParsesListForms()
    {
        Assert.Equal([S("spec"), S("containers", true), S("name")], Single("spec.containers[].name=nginx").Path.Segments);
        var indexed = Single("spec.containers[0].image=nginx").Path;
        Assert.Equal([S("spec"), S("containers", true, 0), S("image")], indexed.Segments);
        Assert.True(indexed.HasListSegment);
        Assert.Equal("spec.containers[0].image", indexed.ToString());
        Assert.Equal([S("a", true, 12), S("b.c")], Single("a[12]['b.c']").Path.Segments);
    }

    [Theory]
    [InlineData("metadata.annotations.'test.io'")]
    [InlineData("metadata.annotations['test.io/x']")]
    [InlineData("spec.containers[3].ports[].name")]
    public void PathToStringParsesBackToTheSamePath(string path)
    {
        var parsed = FieldPathParser.Parse(path);
        Assert.Equal(parsed, FieldPathParser.Parse(parsed.ToString()));
    }

    [Fact]
    public void RequirementsCompareByContent() =>
        Assert.Equal(FieldSelectorParser.Parse("a.b in (x,y),!c"), FieldSelectorParser.Parse(".a.b in (x, y), !c"));

    [Theory]
    [InlineData("spec.nodeName in (n1,n2)", SelectorOperator.In, "n1,n2")]
    [InlineData("spec.nodeName notin (n1,n2)", SelectorOperator.NotIn, "n1,n2")]
    [InlineData("status.phase!=Running", SelectorOperator.NotEquals, "Running")]
    [InlineData("status.phase==Running", SelectorOperator.Equals, "Running")]
    [InlineData("metadata.deletionTimestamp", SelectorOperator.Exists, "")]
    [InlineData("!metadata.deletionTimestamp", SelectorOperator.DoesNotExist, "")]
    [InlineData("spec.replicas>2", SelectorOperator.GreaterThan, "2")]
    [InlineData("spec.replicas<2", SelectorOperator.LessThan, "2")]
    [InlineData("status.podIP=10.0.0.1", SelectorOperator.Equals, "10.0.0.1")]
    public void ParsesEveryOperator(string selector, SelectorOperator op, string values)
    {
        var r = Single(selector);
        Assert.Equal(op, r.Operator);
        Assert.Equal(values, string.Join(',', r.Values));
    }

    [Fact]
    public void ValuesMayBeLongerThanLabelValues()
    {
        var name = string.Join('-', Enumerable.Repeat("segment", 30));
        Assert.Equal([name], Single("metadata.name=" + name).Values);
    }

    [Fact]
    public void PlainKubernetesFieldSelectorsStillWork()
    {
        var o = Parse.Query("fieldSelector=" + Uri.EscapeDataString("metadata.namespace=default,spec.nodeName!=n1"));
        Assert.Equal(["metadata.namespace", "spec.nodeName"], o.FieldSelector.Select(r => r.Path.ToString()));
    }

    [Theory]
    [InlineData("spec.containers[]=x", "last field may not be a list")]
    [InlineData("spec.containers[0]", "last field may not be a list")]
    [InlineData("metadata..name=x", "empty field")]
    [InlineData("metadata.=x", "empty field")]
    [InlineData(".=x", "empty field")]
    [InlineData("metadata.annotations['test.io=x", "unterminated quote")]
    [InlineData("metadata.annotations['test.io'x]=y", "expected ']'")]
    [InlineData("spec.containers[a].name=x", "list index")]
    [InlineData("spec.containers[-1].name=x", "list index")]
    [InlineData("spec.containers[0.name=x", "unterminated '['")]
    [InlineData("spec.containers[0][1].name=x", "unexpected '['")]
    [InlineData("metadata.'a.b'c=x", "unexpected 'c'")]
    [InlineData("metadata.-name=x", "name part")]
    [InlineData("metadata.annotations['bad key']=x", "unterminated quote")]
    [InlineData("metadata.annotations['a/b/c']=x", "at most one '/'")]
    [InlineData("metadata.name=x y", "found 'y'")]
    [InlineData("metadata.name in (a", "end of the selector")]
    [InlineData("metadata.name>x", "must be an integer")]
    [InlineData("metadata.name=-x", "must start and end")]
    [InlineData("metadata.name=x,", "after ','")]
    public void InvalidSelectorsNameFieldSelector(string selector, string problem)
    {
        var e = Assert.Throws<ListOptionsException>(() => FieldSelectorParser.Parse(selector));
        Assert.Equal("fieldSelector", e.Parameter);
        Assert.Contains(problem, e.Message);
        Assert.Equal("fieldSelector", Parse.Fails("fieldSelector=" + Uri.EscapeDataString(selector)).Parameter);
    }
}
