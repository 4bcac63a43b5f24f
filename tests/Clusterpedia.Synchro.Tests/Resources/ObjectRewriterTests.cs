using System.Text;
using System.Text.Json;
using Clusterpedia.Objects;
using Clusterpedia.Synchro.Resources;

namespace Clusterpedia.Synchro.Tests.Resources;

public sealed class ObjectRewriterTests
{
    private static JsonElement Rewrite(string json, PruneOptions? prune = null) =>
        JsonDocument.Parse(ObjectRewriter.Rewrite(Encoding.UTF8.GetBytes(json), "c1", prune ?? PruneOptions.Default)).RootElement;

    private const string Pod = """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"ns","resourceVersion":"7",
         "annotations":{"a":"1","kubectl.kubernetes.io/last-applied-configuration":"{\"x\":1}","shadow.clusterpedia.io/cluster-name":"old"},
         "managedFields":[{"manager":"kubectl","fieldsV1":{"f:spec":{}}}],"labels":{"app":"web"}},
         "spec":{"containers":[{"name":"c","image":"i:\u00e9<>"}]},"status":{"phase":"Running"}}
        """;

    [Fact]
    public void PrunesManagedFieldsAndLastAppliedAndSetsTheClusterName()
    {
        var o = Rewrite(Pod);
        var metadata = o.GetProperty("metadata");
        Assert.False(metadata.TryGetProperty("managedFields", out _));
        var annotations = metadata.GetProperty("annotations");
        Assert.Equal("1", annotations.GetProperty("a").GetString());
        Assert.Equal("c1", annotations.GetProperty(WellKnown.ClusterNameAnnotation).GetString());
        Assert.False(annotations.TryGetProperty(WellKnown.LastAppliedAnnotation, out _));
        Assert.Equal(3, annotations.EnumerateObject().Count() + 1);
        Assert.Equal("web", metadata.GetProperty("labels").GetProperty("app").GetString());
        Assert.Equal("i:é<>", o.GetProperty("spec").GetProperty("containers")[0].GetProperty("image").GetString());
        Assert.Equal("Running", o.GetProperty("status").GetProperty("phase").GetString());
    }

    [Fact]
    public void KeepsEverythingWhenPruningIsOff()
    {
        var o = Rewrite(Pod, new PruneOptions(false, false));
        var metadata = o.GetProperty("metadata");
        Assert.Equal(1, metadata.GetProperty("managedFields").GetArrayLength());
        Assert.Equal("{\"x\":1}", metadata.GetProperty("annotations").GetProperty(WellKnown.LastAppliedAnnotation).GetString());
        Assert.Equal("c1", metadata.GetProperty("annotations").GetProperty(WellKnown.ClusterNameAnnotation).GetString());
    }

    [Theory]
    [InlineData("""{"kind":"Namespace","metadata":{"name":"n"}}""")]
    [InlineData("""{"kind":"Namespace","metadata":{"name":"n","annotations":null}}""")]
    [InlineData("""{"kind":"Namespace","metadata":{"name":"n","annotations":{}}}""")]
    public void AddsAnnotationsWhenThereAreNone(string json)
    {
        var o = Rewrite(json);
        Assert.Equal("c1", o.GetProperty("metadata").GetProperty("annotations").GetProperty(WellKnown.ClusterNameAnnotation).GetString());
        Assert.Equal("n", o.GetProperty("metadata").GetProperty("name").GetString());
    }

    [Fact]
    public void TheResultIsReadableByTheCoreMetadataView()
    {
        var bytes = ObjectRewriter.Rewrite(Encoding.UTF8.GetBytes(Pod), "c1", PruneOptions.Default);
        var metadata = new ResourceObject(bytes).Metadata;
        Assert.Equal(("ns", "p", "7", "c1"), (metadata.Namespace, metadata.Name, metadata.ResourceVersion, metadata.Cluster));
    }

    [Fact]
    public void RejectsWhatIsNotAnObject() =>
        Assert.Throws<InvalidObjectException>(() => ObjectRewriter.Rewrite("[1]"u8, "c1", PruneOptions.Default));
}
