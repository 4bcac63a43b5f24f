using Clusterpedia.Query;
using Xunit;
using static Clusterpedia.Storage.Conformance.PodFleet;

namespace Clusterpedia.Storage.Conformance;

/// <summary>Every filtering list option on its own and combined, over <see cref="PodFleet"/>.</summary>
public abstract class ListFilterConformanceTests : StorageConformanceTestBase
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await PodFleet.SeedAsync(Pods, Timeout);
    }

    private async Task<string[]> MatchAsync(ListOptions options) =>
        (await ListPodsAsync(options)).Keys.Order(StringComparer.Ordinal).ToArray();

    private static LabelRequirement Label(string key, SelectorOperator op, params string[] values) => new(key, op, values);

    [Fact]
    public async Task No_options_lists_everything_in_natural_order()
    {
        var sink = await ListPodsAsync(Options());
        Assert.Equal(NaturalOrder, sink.Keys);
        Assert.Null(sink.Result.Continue);
    }

    [Fact]
    public async Task Clusters_filter() =>
        Assert.Equal(Keys((C2, C2Web1), (C2, C2Api1), (C2, C2Proxy), (C2, C2Canary)), await MatchAsync(Options() with { Clusters = [C2] }));

    [Fact]
    public async Task Several_clusters_and_an_unknown_one() =>
        Assert.Equal(NaturalOrder, await MatchAsync(Options() with { Clusters = [C1, C2, "nowhere"] }));

    [Fact]
    public async Task Namespaces_filter() =>
        Assert.Equal(Keys((C1, C1CoreDns), (C2, C2Proxy), (C2, C2Canary)), await MatchAsync(Options() with { Namespaces = ["kube-system", "other"] }));

    [Fact]
    public async Task Names_filter_is_exact_and_keeps_same_names_of_other_clusters() =>
        Assert.Equal(Keys((C1, C1Web1), (C2, C2Web1)), await MatchAsync(Options() with { Names = ["web-1", "web"] }));

    [Fact]
    public async Task Fuzzy_names_all_must_match_as_substrings()
    {
        Assert.Equal(Keys((C1, C1Web1), (C1, C1Web2), (C2, C2Web1), (C2, C2Canary)), await MatchAsync(Options() with { FuzzyNames = ["eb"] }));
        Assert.Equal(Keys((C2, C2Canary)), await MatchAsync(Options() with { FuzzyNames = ["web", "can"] }));
        Assert.Empty(await MatchAsync(Options() with { FuzzyNames = ["web", "db"] }));
    }

    [Fact]
    public async Task Since_is_inclusive_and_before_exclusive()
    {
        Assert.Equal(Keys((C2, C2Proxy), (C2, C2Canary)), await MatchAsync(Options() with { Since = Day(7) }));
        Assert.Equal(Keys((C1, C1Web1), (C1, C1Web2)), await MatchAsync(Options() with { Before = Day(3) }));
        Assert.Equal(Keys((C1, C1Db1), (C1, C1CoreDns)), await MatchAsync(Options() with { Since = Day(3), Before = Day(5) }));
    }

    [Fact]
    public async Task Label_equals_and_in()
    {
        Assert.Equal(Keys((C1, C1Web1), (C1, C1Web2), (C2, C2Web1), (C2, C2Canary)),
            await MatchAsync(Options() with { LabelSelector = [Label("app", SelectorOperator.Equals, "web")] }));
        Assert.Equal(Keys((C1, C1Db1), (C2, C2Api1)),
            await MatchAsync(Options() with { LabelSelector = [Label("app", SelectorOperator.In, "db", "api")] }));
    }

    [Fact]
    public async Task Label_not_equals_and_notin_match_objects_without_the_key()
    {
        Assert.Equal(Keys((C1, C1Db1), (C1, C1CoreDns), (C2, C2Api1), (C2, C2Proxy)),
            await MatchAsync(Options() with { LabelSelector = [Label("tier", SelectorOperator.NotEquals, "frontend")] }));
        Assert.Equal(Keys((C1, C1CoreDns), (C2, C2Proxy)),
            await MatchAsync(Options() with { LabelSelector = [Label("tier", SelectorOperator.NotIn, "frontend", "backend")] }));
    }

    [Fact]
    public async Task Label_exists_and_does_not_exist()
    {
        Assert.Equal(Keys((C2, C2Canary)), await MatchAsync(Options() with { LabelSelector = [Label("track", SelectorOperator.Exists)] }));
        Assert.Equal(Keys((C1, C1CoreDns), (C2, C2Proxy)),
            await MatchAsync(Options() with { LabelSelector = [Label("tier", SelectorOperator.DoesNotExist)] }));
    }

    [Fact]
    public async Task Label_greater_and_less_than_compare_integers()
    {
        Assert.Equal(Keys((C2, C2Api1)), await MatchAsync(Options() with { LabelSelector = [Label("release", SelectorOperator.GreaterThan, "2")] }));
        Assert.Empty(await MatchAsync(Options() with { LabelSelector = [Label("release", SelectorOperator.LessThan, "3")] }));
    }

    [Fact]
    public async Task Label_requirements_are_anded()
    {
        var options = Options() with
        {
            LabelSelector = [Label("app", SelectorOperator.Equals, "web"), Label("track", SelectorOperator.DoesNotExist)],
        };
        Assert.Equal(Keys((C1, C1Web1), (C1, C1Web2), (C2, C2Web1)), await MatchAsync(options));
    }

    [Fact]
    public async Task Unknown_extra_label_requirements_are_ignored()
    {
        var options = Options() with
        {
            ExtraLabelSelector = [Label("example.clusterpedia.io/unknown", SelectorOperator.Equals, "x")],
            Clusters = [C1],
        };
        Assert.Equal(Keys((C1, C1Web1), (C1, C1Web2), (C1, C1Db1), (C1, C1CoreDns)), await MatchAsync(options));
    }

    [Fact]
    public async Task Every_filter_combined()
    {
        var options = Options() with
        {
            Clusters = [C1, C2],
            Namespaces = ["default"],
            Names = ["web-1", "web-2", "api-1"],
            FuzzyNames = ["-"],
            Since = Day(2),
            Before = Day(7),
            LabelSelector = [Label("tier", SelectorOperator.In, "frontend", "backend")],
            FieldSelector = [FieldSelectors.Require(SelectorOperator.NotEquals, ["spec", "nodeName"], "node-b")],
        };
        Assert.Equal(Keys((C2, C2Web1), (C2, C2Api1)), await MatchAsync(options));
    }

    [Fact]
    public async Task Only_metadata_returns_api_version_kind_and_metadata()
    {
        var sink = await ListPodsAsync(Options() with { OnlyMetadata = true, Names = ["db-1"] });
        var item = Assert.Single(sink.Items);
        using var doc = item.Parse();
        var root = doc.RootElement;
        Assert.Equal(["apiVersion", "kind", "metadata"], root.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("v1", root.GetProperty("apiVersion").GetString());
        Assert.Equal("Pod", root.GetProperty("kind").GetString());
        Assert.Equal("db", root.GetProperty("metadata").GetProperty("labels").GetProperty("app").GetString());
        Assert.Equal("data", item.Metadata.Annotations["example.io/team"]);
        Assert.Equal("cluster-1/default/db-1", item.Key);
    }

    [Fact]
    public async Task Listed_objects_are_the_stored_objects()
    {
        var sink = await ListPodsAsync(Options() with { Clusters = [C1], Names = ["web-1"] });
        var item = Assert.Single(sink.Items);
        Assert.True(JsonAssert.SameJson(C1Web1.BuildJson(C1), item.Json), "the listed object differs from the stored one");
    }
}
