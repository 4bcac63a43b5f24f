using System.Text;
using Clusterpedia.Query;
using Xunit;

namespace Clusterpedia.Storage.Memory.Tests;

public sealed class JsonFieldReaderTests
{
    private static readonly byte[] Json = Encoding.UTF8.GetBytes("""
        {"spec":{"replicas":3,"ratio":1.50,"paused":false,"nothing":null,
          "selector":{"matchLabels":{"app":"web"}},
          "containers":[{"name":"a","ports":[{"containerPort":80},{"containerPort":443}]},{"name":"b"}]},
         "metadata":{"annotations":{"example.io/x.y":"dotted"}}}
        """);

    private static List<string> Read(params FieldPathSegment[] segments) => JsonFieldReader.Read(Json, new FieldPath(segments));

    [Fact]
    public void Scalars_as_json_text()
    {
        Assert.Equal(["3"], Read(new("spec"), new("replicas")));
        Assert.Equal(["1.50"], Read(new("spec"), new("ratio")));
        Assert.Equal(["false"], Read(new("spec"), new("paused")));
        Assert.Empty(Read(new("spec"), new("nothing")));
        Assert.Empty(Read(new("spec"), new("missing")));
        Assert.Equal(["dotted"], Read(new("metadata"), new("annotations"), new("example.io/x.y")));
    }

    [Fact]
    public void Objects_as_raw_json() =>
        Assert.Equal(["""{"app":"web"}"""], Read(new("spec"), new("selector"), new("matchLabels")));

    [Fact]
    public void List_segments()
    {
        Assert.Equal(["a", "b"], Read(new("spec"), new("containers", true), new("name")));
        Assert.Equal(["b"], Read(new("spec"), new("containers", true, 1), new("name")));
        Assert.Empty(Read(new("spec"), new("containers", true, 5), new("name")));
        Assert.Equal(["80", "443"], Read(new("spec"), new("containers", true), new("ports", true), new("containerPort")));
        Assert.Empty(Read(new("spec"), new("replicas", true), new("x")));
    }
}
