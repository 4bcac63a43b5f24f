using System.Text;
using System.Text.Json;
using Clusterpedia.Objects;
using Clusterpedia.Synchro.Resources;

namespace Clusterpedia.Synchro.Tests.Resources;

public sealed class ObjectRewriterTests
{
    private static readonly TypeMeta PodType = TypeMeta.Of("", "v1", "Pod");

    private static JsonElement Rewrite(string json, PruneOptions? prune = null, TypeMeta? type = null) =>
        JsonDocument.Parse(ObjectRewriter.Rewrite(Encoding.UTF8.GetBytes(json), "c1", prune ?? PruneOptions.Default, type ?? PodType)).RootElement;

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
        var o = Rewrite(json, type: TypeMeta.Of("", "v1", "Namespace"));
        Assert.Equal("c1", o.GetProperty("metadata").GetProperty("annotations").GetProperty(WellKnown.ClusterNameAnnotation).GetString());
        Assert.Equal("n", o.GetProperty("metadata").GetProperty("name").GetString());
    }

    [Fact]
    public void TheResultIsReadableByTheCoreMetadataView()
    {
        var bytes = ObjectRewriter.Rewrite(Encoding.UTF8.GetBytes(Pod), "c1", PruneOptions.Default, PodType);
        var metadata = new ResourceObject(bytes).Metadata;
        Assert.Equal(("ns", "p", "7", "c1"), (metadata.Namespace, metadata.Name, metadata.ResourceVersion, metadata.Cluster));
    }

    // A kube-apiserver's list items of built-in types carry neither (kube-apiserver-wire.md, "Lists").
    [Fact]
    public void AddsApiVersionAndKindToAListItemWithout()
    {
        var o = Rewrite("""{"metadata":{"name":"d","namespace":"ns"},"spec":{"replicas":1}}""", type: TypeMeta.Of("apps", "v1", "Deployment"));
        Assert.Equal("apps/v1", o.GetProperty("apiVersion").GetString());
        Assert.Equal("Deployment", o.GetProperty("kind").GetString());
        Assert.Equal(1, o.GetProperty("spec").GetProperty("replicas").GetInt32());
        Assert.Equal(1, o.EnumerateObject().Count(p => p.Name == "kind"));
    }

    [Fact]
    public void AddsOnlyWhatIsMissing()
    {
        var o = Rewrite("""{"kind":"Pod","metadata":{"name":"p"}}""");
        Assert.Equal("v1", o.GetProperty("apiVersion").GetString());
        Assert.Equal(["kind", "metadata", "apiVersion"], o.EnumerateObject().Select(p => p.Name));
        var custom = Rewrite("""{"apiVersion":"stable.example.com/v1","kind":"CronTab","metadata":{"name":"c"}}""",
            type: TypeMeta.Of("stable.example.com", "v1", "CronTab"));
        Assert.Equal(["apiVersion", "kind", "metadata"], custom.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void WithoutAClusterLeavesTheAnnotationsAsTheyAre()
    {
        // Recorded Events: upstream adds no cluster annotation to them.
        var plain = JsonDocument.Parse(ObjectRewriter.Rewrite(
            """{"metadata":{"name":"e","managedFields":[{}]},"reason":"Started"}"""u8, null, new PruneOptions(true, false), TypeMeta.Event)).RootElement;
        Assert.Equal(["metadata", "reason", "apiVersion", "kind"], plain.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["name"], plain.GetProperty("metadata").EnumerateObject().Select(p => p.Name));
        var annotated = JsonDocument.Parse(ObjectRewriter.Rewrite(
            """{"metadata":{"name":"e","annotations":{"a":"1","shadow.clusterpedia.io/cluster-name":"x"}}}"""u8, null, PruneOptions.Default, TypeMeta.Event)).RootElement;
        Assert.Equal("""{"a":"1","shadow.clusterpedia.io/cluster-name":"x"}""", annotated.GetProperty("metadata").GetProperty("annotations").GetRawText());
    }

    [Theory]
    [InlineData("""{"kind":"Service","metadata":{"name":"p"}}""", "kind \"Service\" does not match the resource's kind \"Pod\"")]
    [InlineData("""{"kind":7,"metadata":{"name":"p"}}""", "kind number does not match the resource's kind \"Pod\"")]
    [InlineData("""{"metadata":{"namespace":"ns"}}""", "object has no metadata.name")]
    [InlineData("""{"metadata":{"name":""}}""", "object has no metadata.name")]
    [InlineData("""{"metadata":{"name":3}}""", "object has no metadata.name")]
    [InlineData("""{"spec":{}}""", "object has no metadata.name")]
    [InlineData("""{"metadata":[]}""", "metadata is not a JSON object")]
    [InlineData("[1]", "object is not a JSON object")]
    [InlineData("\"pod\"", "object is not a JSON object")]
    public void RejectsWhatCannotBeStored(string json, string message)
    {
        var e = Assert.Throws<InvalidObjectException>(() => ObjectRewriter.Rewrite(Encoding.UTF8.GetBytes(json), "c1", PruneOptions.Default, PodType));
        Assert.Equal(message, e.Message);
    }
}
