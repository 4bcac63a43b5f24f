using Clusterpedia.Query;
using Xunit;
using static Clusterpedia.Storage.Conformance.PodFleet;

namespace Clusterpedia.Storage.Conformance;

/// <summary>
/// The enhanced field selector over <see cref="PodFleet"/>: nested paths, quoted keys with dots and slashes, numbers
/// and booleans compared as their JSON text, missing fields with label semantics. List paths (<c>[]</c>, <c>[n]</c>)
/// are in <see cref="ListFieldSelectorConformanceTests"/>, for storages that support them.
/// </summary>
public abstract class FieldSelectorConformanceTests : StorageConformanceTestBase
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await PodFleet.SeedAsync(Pods, Timeout);
    }

    protected async Task<string[]> MatchAsync(params FieldRequirement[] requirements) =>
        (await ListPodsAsync(Options() with { FieldSelector = requirements })).Keys.Order(StringComparer.Ordinal).ToArray();

    protected static FieldRequirement Field(SelectorOperator op, string path, params string[] values) =>
        FieldSelectors.Require(op, path.Split('.'), values);

    [Fact]
    public async Task Equals_on_a_nested_field() =>
        Assert.Equal(Keys((C1, C1Web1), (C1, C1Db1), (C1, C1CoreDns)), await MatchAsync(Field(SelectorOperator.Equals, "spec.nodeName", "node-a")));

    [Fact]
    public async Task In_and_notin()
    {
        Assert.Equal(Keys((C1, C1Web2), (C2, C2Proxy)), await MatchAsync(Field(SelectorOperator.In, "spec.nodeName", "node-b", "node-d")));
        Assert.Equal(Keys((C1, C1Web2), (C2, C2Web1), (C2, C2Api1), (C2, C2Proxy), (C2, C2Canary)),
            await MatchAsync(Field(SelectorOperator.NotIn, "spec.nodeName", "node-a")));
    }

    [Fact]
    public async Task Not_equals_matches_objects_without_the_field() =>
        Assert.Equal(Keys((C1, C1Web1), (C1, C1Web2), (C1, C1Db1), (C1, C1CoreDns), (C2, C2Web1), (C2, C2Api1), (C2, C2Canary)),
            await MatchAsync(Field(SelectorOperator.NotEquals, "spec.hostNetwork", "true")));

    [Fact]
    public async Task Booleans_and_numbers_compare_as_their_json_text()
    {
        Assert.Equal(Keys((C2, C2Proxy)), await MatchAsync(Field(SelectorOperator.Equals, "spec.hostNetwork", "true")));
        Assert.Equal(Keys((C1, C1Web1)), await MatchAsync(Field(SelectorOperator.Equals, "spec.hostNetwork", "false")));
        Assert.Equal(Keys((C1, C1Web1)), await MatchAsync(Field(SelectorOperator.Equals, "spec.priority", "1000")));
        Assert.Equal(Keys((C1, C1Web2)), await MatchAsync(Field(SelectorOperator.In, "spec.priority", "0", "5")));
    }

    [Fact]
    public async Task Exists_and_does_not_exist()
    {
        Assert.Equal(Keys((C1, C1Web1), (C1, C1Web2)), await MatchAsync(Field(SelectorOperator.Exists, "spec.priority")));
        Assert.Equal(Keys((C2, C2Canary)), await MatchAsync(Field(SelectorOperator.DoesNotExist, "spec.nodeName")));
    }

    [Fact]
    public async Task Metadata_fields_work_as_plain_field_selectors()
    {
        Assert.Equal(Keys((C1, C1Web1), (C2, C2Web1)), await MatchAsync(Field(SelectorOperator.Equals, "metadata.name", "web-1")));
        Assert.Equal(Keys((C1, C1CoreDns), (C2, C2Proxy)), await MatchAsync(Field(SelectorOperator.Equals, "metadata.namespace", "kube-system")));
        Assert.Equal(Keys((C1, C1Db1)), await MatchAsync(Field(SelectorOperator.Equals, "metadata.labels.app", "db")));
    }

    [Fact]
    public async Task Quoted_keys_with_dots_and_slashes()
    {
        var team = new[] { "metadata", "annotations", "example.io/team" };
        Assert.Equal(Keys((C1, C1Db1)), await MatchAsync(FieldSelectors.Require(SelectorOperator.Equals, team, "data")));
        Assert.Equal(Keys((C1, C1Db1), (C2, C2Api1)), await MatchAsync(FieldSelectors.Require(SelectorOperator.Exists, team)));
        Assert.Equal(Keys((C1, C1Web1), (C1, C1Web2), (C1, C1CoreDns), (C2, C2Web1), (C2, C2Proxy), (C2, C2Canary)),
            await MatchAsync(FieldSelectors.Require(SelectorOperator.NotEquals, team, "data", "platform")));
        var cluster = new[] { "metadata", "annotations", "shadow.clusterpedia.io/cluster-name" };
        Assert.Equal(Keys((C1, C1Web1), (C1, C1Web2), (C1, C1Db1), (C1, C1CoreDns)),
            await MatchAsync(FieldSelectors.Require(SelectorOperator.Equals, cluster, C1)));
    }

    [Fact]
    public async Task Requirements_are_anded() =>
        Assert.Equal(Keys((C1, C1CoreDns)), await MatchAsync(
            Field(SelectorOperator.Equals, "spec.nodeName", "node-a"),
            Field(SelectorOperator.Equals, "status.phase", "Running"),
            Field(SelectorOperator.DoesNotExist, "spec.priority")));

    [Fact]
    public async Task A_path_through_a_missing_or_scalar_field_is_missing()
    {
        Assert.Empty(await MatchAsync(Field(SelectorOperator.Equals, "status.phase.value", "Running")));
        Assert.Empty(await MatchAsync(Field(SelectorOperator.Exists, "status.conditions.type")));
    }
}

/// <summary>
/// List segments in field selectors: <c>field[]</c> matches when any element matches, <c>field[n]</c> looks at one
/// element. Derive only when the storage supports list fields (the internal storage answers them with Invalid).
/// </summary>
public abstract class ListFieldSelectorConformanceTests : StorageConformanceTestBase
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await PodFleet.SeedAsync(Pods, Timeout);
    }

    private async Task<string[]> MatchAsync(FieldRequirement requirement) =>
        (await ListPodsAsync(Options() with { FieldSelector = [requirement] })).Keys.Order(StringComparer.Ordinal).ToArray();

    private static FieldPathSegment[] Containers(int? index, string field) =>
        [new("spec"), new("containers", true, index), new(field)];

    [Fact]
    public async Task Any_element()
    {
        Assert.Equal(Keys((C1, C1Web1)), await MatchAsync(FieldSelectors.Require(SelectorOperator.Equals, Containers(null, "name"), "envoy")));
        Assert.Equal(Keys((C1, C1Web1), (C2, C2Web1)), await MatchAsync(FieldSelectors.Require(SelectorOperator.In, Containers(null, "image"), "nginx:1.25")));
    }

    [Fact]
    public async Task Indexed_element()
    {
        Assert.Empty(await MatchAsync(FieldSelectors.Require(SelectorOperator.Equals, Containers(0, "name"), "envoy")));
        Assert.Equal(Keys((C1, C1Web1)), await MatchAsync(FieldSelectors.Require(SelectorOperator.Equals, Containers(1, "name"), "envoy")));
        Assert.Equal(Keys((C1, C1Web1)), await MatchAsync(FieldSelectors.Require(SelectorOperator.Exists, Containers(1, "image"))));
    }

    [Fact]
    public async Task Negated_any_element_means_no_element_matches() =>
        Assert.Equal(Keys((C1, C1Web2), (C1, C1Db1), (C1, C1CoreDns), (C2, C2Api1), (C2, C2Proxy), (C2, C2Canary)),
            await MatchAsync(FieldSelectors.Require(SelectorOperator.NotEquals, Containers(null, "image"), "nginx:1.25")));
}
