using Clusterpedia.Objects;
using Clusterpedia.Query;
using Clusterpedia.Storage;
using Xunit;

namespace Clusterpedia.Tests.Storage;

/// <summary>The <c>groups</c>/<c>resources</c> URL parameters of the <c>any</c> collection resource and their 400s.</summary>
public sealed class AnyCollectionParametersTests
{
    private static Dictionary<string, IReadOnlyList<string>> Query(string? groups = null, string? resources = null)
    {
        var query = new Dictionary<string, IReadOnlyList<string>>();
        if (groups is not null) query["groups"] = [groups];
        if (resources is not null) query["resources"] = [resources];
        return query;
    }

    private static string[] Parse(Dictionary<string, IReadOnlyList<string>> query) =>
        AnyCollectionParameters.Parse(query)!.Select(t => $"{t.Group}|{t.Version}|{t.Resource}").ToArray();

    [Fact]
    public void Requires_groups_or_resources()
    {
        var e = Assert.Throws<StorageException>(() => AnyCollectionParameters.Parse(Query()));
        Assert.Equal(StorageErrorKind.Invalid, e.Kind);
        Assert.Equal("url query - `groups` or `resources` is required", e.Message);
    }

    [Fact]
    public void Groups_are_group_or_group_version_with_core_as_empty_or_slash()
    {
        Assert.Equal(["apps||", "batch|v1|", "||"], Parse(Query(groups: "apps, batch/v1,,/")));
        Assert.Equal(["||"], Parse(Query(groups: "")));
    }

    [Fact]
    public void Resources_are_group_resource_or_group_version_resource()
    {
        Assert.Equal(["apps||deployments", "|v1|pods", "||nodes"], Parse(Query(resources: "apps/deployments,/v1/pods,/nodes")));
    }

    [Fact]
    public void Star_in_either_list_is_every_type()
    {
        Assert.Null(AnyCollectionParameters.Parse(Query(groups: "apps,*")));
        Assert.Null(AnyCollectionParameters.Parse(Query(resources: "*")));
    }

    [Fact]
    public void Repeated_parameters_add_their_entries()
    {
        var query = new Dictionary<string, IReadOnlyList<string>> { ["groups"] = ["apps", "batch"] };
        Assert.Equal(["apps||", "batch||"], Parse(query));
    }

    [Theory]
    [InlineData("a/b/c", null, "url query - groups: invalid group \"a/b/c\"")]
    [InlineData(null, "pods", "url query - resources: invalid resource \"pods\"")]
    [InlineData(null, "apps/", "url query - resources: invalid resource \"apps/\"")]
    [InlineData(null, "a/v1/b/c", "url query - resources: invalid resource \"a/v1/b/c\"")]
    public void Malformed_entries_are_invalid(string? groups, string? resources, string message)
    {
        var e = Assert.Throws<StorageException>(() => AnyCollectionParameters.Parse(Query(groups, resources)));
        Assert.Equal(StorageErrorKind.Invalid, e.Kind);
        Assert.StartsWith(message, e.Message);
    }

    [Fact]
    public void Types_cover_by_group_then_version_and_resource_when_given()
    {
        var pods = new GroupVersionResource("", "v1", "pods");
        Assert.True(new CollectionResourceType("", "", "").Covers(pods));
        Assert.True(new CollectionResourceType("", "v1", "pods").Covers(pods));
        Assert.False(new CollectionResourceType("", "v2", "").Covers(pods));
        Assert.False(new CollectionResourceType("", "", "nodes").Covers(pods));
        Assert.False(new CollectionResourceType("apps", "", "").Covers(pods));
    }

    [Fact]
    public void Types_of_any_come_from_the_request_others_from_the_definition()
    {
        var options = new ListOptions { UrlQuery = Query(groups: "apps") };
        Assert.Equal(["apps"], BuiltInCollectionResources.TypesOf(BuiltInCollectionResources.Find("any")!, options)!.Select(t => t.Group));
        Assert.Same(BuiltInCollectionResources.Find("workloads")!.ResourceTypes,
            BuiltInCollectionResources.TypesOf(BuiltInCollectionResources.Find("workloads")!, options));
    }
}
