using System.Text;
using Clusterpedia.Objects;
using Clusterpedia.Storage;
using Xunit;

namespace Clusterpedia.Tests.Storage;

/// <summary>Stored objects always carry apiVersion and kind: <see cref="StoredTypeMeta.Complete"/>.</summary>
public sealed class StoredTypeMetaTests
{
    private static readonly ResourceStorageConfig Pods = new(new("", "v1", "pods"), "Pod", true);
    private static readonly ResourceStorageConfig Deployments = new(new("apps", "v1", "deployments"), "Deployment", true);

    private static string Complete(ResourceStorageConfig config, string json) =>
        Encoding.UTF8.GetString(StoredTypeMeta.Complete(config, ResourceObject.FromString(json)).Json.Span);

    [Fact]
    public void An_object_with_both_is_returned_as_it_is()
    {
        var obj = ResourceObject.FromString("""{"kind":"Pod","apiVersion":"v1","metadata":{"name":"a"}}""");
        Assert.Same(obj, StoredTypeMeta.Complete(Pods, obj));
    }

    [Fact]
    public void A_list_item_gets_the_config_api_version_and_kind_first()
    {
        Assert.Equal("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"a"},"spec":{"x":[1, 2]}}""",
            Complete(Pods, """{"metadata":{"name":"a"},"spec":{"x":[1, 2]}}"""));
        Assert.Equal("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"}}""",
            Complete(Deployments, """{"metadata":{"name":"d"}}"""));
    }

    [Fact]
    public void Only_the_missing_one_is_taken_from_the_config_and_empty_or_null_is_missing()
    {
        Assert.Equal("""{"apiVersion":"apps/v1beta2","kind":"Deployment","metadata":{"name":"d"}}""",
            Complete(Deployments, """{"apiVersion":"apps/v1beta2","metadata":{"name":"d"}}"""));
        Assert.Equal("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"}}""",
            Complete(Deployments, """{"kind":"Deployment","metadata":{"name":"d"},"apiVersion":""}"""));
        Assert.Equal("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"a"}}""",
            Complete(Pods, """{"kind":null,"metadata":{"name":"a"}}"""));
    }

    [Fact]
    public void Escaped_member_names_and_values_are_kept()
    {
        var completed = Complete(Pods, """{"metadata":{"name":"a","annotations":{"x":"<\u00e9\"\\>"}},"\u0073pec":{}}""");
        var doc = System.Text.Json.JsonDocument.Parse(completed).RootElement;
        Assert.Equal("<é\"\\>", doc.GetProperty("metadata").GetProperty("annotations").GetProperty("x").GetString());
        Assert.True(doc.TryGetProperty("spec", out _));
        Assert.Equal("Pod", doc.GetProperty("kind").GetString());
    }

    [Fact]
    public void Another_kind_is_invalid_and_the_message_names_both()
    {
        var e = Assert.Throws<StorageException>(() => Complete(Pods, """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","namespace":"ns"}}"""));
        Assert.Equal(StorageErrorKind.Invalid, e.Kind);
        Assert.Contains("\"ConfigMap\"", e.Message);
        Assert.Contains("\"Pod\"", e.Message);
        Assert.Contains("\"ns/a\"", e.Message);
    }

    [Fact]
    public void No_kind_anywhere_is_invalid_and_a_config_without_kind_takes_the_object_kind()
    {
        var noKind = Pods with { Kind = "" };
        Assert.Equal(StorageErrorKind.Invalid, Assert.Throws<StorageException>(() => Complete(noKind, """{"metadata":{"name":"a"}}""")).Kind);
        Assert.Equal("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"a"}}""", Complete(noKind, """{"kind":"Pod","metadata":{"name":"a"}}"""));
    }

    [Fact]
    public void Bytes_that_are_no_object_are_reported_as_an_invalid_object() =>
        Assert.Throws<InvalidObjectException>(() => Complete(Pods, "[1]"));
}
