using Clusterpedia.Query;
using Xunit;
using static Clusterpedia.Storage.Conformance.OwnerChain;

namespace Clusterpedia.Storage.Conformance;

/// <summary>
/// Searches by owner uid or name, with owner group-resource and seniority, over <see cref="OwnerChain"/>. Only the
/// controller ownerReference counts; owners are found across every resource of the one requested cluster.
/// </summary>
public abstract class OwnerSearchConformanceTests : StorageConformanceTestBase
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await OwnerChain.SeedAsync(Factory, Timeout);
    }

    private async Task<string[]> MatchAsync(ResourceStorageConfig config, ListOptions options) =>
        (await ListAsync(config, options)).Keys.Order(StringComparer.Ordinal).ToArray();

    private static string[] Keys(string cluster, params TestObject[] objects) =>
        objects.Select(o => $"{cluster}/{ClusterResourceVersions.KeyOf(o.Namespace, o.Name)}").Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public async Task Uid_seniority_0_returns_controlled_children_only() =>
        Assert.Equal(Keys(C1, WebAbc1, WebAbc2),
            await MatchAsync(PodsConfig, Options() with { Clusters = [C1], OwnerUid = WebAbc.EffectiveUid }));

    [Fact]
    public async Task Uid_seniority_0_across_resources() =>
        Assert.Equal(Keys(C1, WebAbc, WebOld),
            await MatchAsync(ReplicaSetsConfig, Options() with { Clusters = [C1], OwnerUid = Web.EffectiveUid }));

    [Fact]
    public async Task Uid_seniority_1_returns_grandchildren() =>
        Assert.Equal(Keys(C1, WebAbc1, WebAbc2, WebOld1),
            await MatchAsync(PodsConfig, Options() with { Clusters = [C1], OwnerUid = Web.EffectiveUid, OwnerSeniority = 1 }));

    [Fact]
    public async Task Owner_search_stays_in_its_cluster() =>
        Assert.Equal(Keys(C2, WebAbc1),
            await MatchAsync(PodsConfig, Options() with { Clusters = [C2], OwnerUid = Web.EffectiveUid, OwnerSeniority = 1 }));

    [Fact]
    public async Task Name_with_group_resource_and_seniority_1()
    {
        var options = Options() with
        {
            Clusters = [C1], OwnerName = "web", OwnerGroupResource = GR("deployments.apps"), OwnerSeniority = 1,
        };
        Assert.Equal(Keys(C1, WebAbc1, WebAbc2, WebOld1, StagingPod), await MatchAsync(PodsConfig, options));
    }

    [Fact]
    public async Task Name_searches_owners_in_the_requested_namespaces()
    {
        var options = Options() with
        {
            Clusters = [C1], Namespaces = ["staging"], OwnerName = "web", OwnerGroupResource = GR("deployments.apps"), OwnerSeniority = 1,
        };
        Assert.Equal(Keys(C1, StagingPod), await MatchAsync(PodsConfig, options));
    }

    [Fact]
    public async Task Name_without_group_resource_matches_every_owner_of_that_name() =>
        Assert.Equal(Keys(C1, Web0),
            await MatchAsync(PodsConfig, Options() with { Clusters = [C1], Namespaces = ["default"], OwnerName = "web" }));

    [Fact]
    public async Task Name_with_a_group_resource_that_does_not_own_directly() =>
        Assert.Empty(await MatchAsync(PodsConfig,
            Options() with { Clusters = [C1], OwnerName = "web", OwnerGroupResource = GR("deployments.apps") }));

    [Fact]
    public async Task Name_finds_cluster_scoped_owners_from_a_namespaced_search() =>
        Assert.Equal(Keys(C1, MirrorPod),
            await MatchAsync(PodsConfig, Options() with { Clusters = [C1], Namespaces = ["kube-system"], OwnerName = "node-a", OwnerGroupResource = GR("nodes") }));

    [Fact]
    public async Task Unknown_owner_matches_nothing()
    {
        Assert.Empty(await MatchAsync(PodsConfig, Options() with { Clusters = [C1], OwnerUid = "no-such-uid" }));
        Assert.Empty(await MatchAsync(PodsConfig, Options() with { Clusters = [C1], OwnerName = "nobody", OwnerSeniority = 1 }));
    }

    [Fact]
    public async Task Owner_combines_with_other_filters()
    {
        var options = Options() with { Clusters = [C1], OwnerUid = Web.EffectiveUid, OwnerSeniority = 1, Names = ["web-old-1", "web-abc-2"] };
        Assert.Equal(Keys(C1, WebAbc2, WebOld1), await MatchAsync(PodsConfig, options));
    }

    [Fact]
    public async Task Owner_without_exactly_one_cluster_is_invalid()
    {
        await AssertStorageErrorAsync(StorageErrorKind.Invalid, () => ListPodsAsync(Options() with { OwnerUid = Web.EffectiveUid }));
        await AssertStorageErrorAsync(StorageErrorKind.Invalid, () => ListPodsAsync(Options() with { Clusters = [C1, C2], OwnerName = "web" }));
    }

    [Fact]
    public async Task Owner_index_follows_deletes()
    {
        await Storage(ReplicaSetsConfig).DeleteAsync(C1, "default", "web-old", Timeout);
        Assert.Equal(Keys(C1, WebAbc1, WebAbc2),
            await MatchAsync(PodsConfig, Options() with { Clusters = [C1], OwnerUid = Web.EffectiveUid, OwnerSeniority = 1 }));
    }
}
