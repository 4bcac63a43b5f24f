using Clusterpedia.Query;
using Xunit;
using static Clusterpedia.Storage.Conformance.PodFleet;

namespace Clusterpedia.Storage.Conformance;

/// <summary>
/// orderby over <see cref="PodFleet"/>: each field ascending and descending, resource_version numerically, several keys.
/// Ties are broken by (cluster, namespace, name) ascending, whatever the direction of the requested keys.
/// </summary>
public abstract class ListOrderConformanceTests : StorageConformanceTestBase
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await PodFleet.SeedAsync(Pods, Timeout);
    }

    private async Task<IReadOnlyList<string>> OrderAsync(params OrderBy[] orderBy) =>
        (await ListPodsAsync(Options() with { OrderBy = orderBy })).Keys;

    private static OrderBy Asc(string field) => new(field, false);
    private static OrderBy Desc(string field) => new(field, true);

    [Fact]
    public async Task Natural_order_is_cluster_namespace_name() => Assert.Equal(NaturalOrder, await OrderAsync());

    [Fact]
    public async Task Cluster_namespace_name_ascending_is_the_natural_order() =>
        Assert.Equal(NaturalOrder, await OrderAsync(Asc("cluster"), Asc("namespace"), Asc("name")));

    [Fact]
    public async Task Cluster_descending_breaks_ties_by_key_ascending() =>
        Assert.Equal(NaturalOrder[4..].Concat(NaturalOrder[..4]), await OrderAsync(Desc("cluster")));

    [Fact]
    public async Task Namespace_ascending_and_descending()
    {
        Assert.Equal(
            ["cluster-1/default/db-1", "cluster-1/default/web-1", "cluster-1/default/web-2", "cluster-2/default/api-1", "cluster-2/default/web-1",
             "cluster-1/kube-system/coredns-1", "cluster-2/kube-system/proxy-1", "cluster-2/other/web-canary"],
            await OrderAsync(Asc("namespace")));
        Assert.Equal(
            ["cluster-2/other/web-canary", "cluster-1/kube-system/coredns-1", "cluster-2/kube-system/proxy-1",
             "cluster-1/default/db-1", "cluster-1/default/web-1", "cluster-1/default/web-2", "cluster-2/default/api-1", "cluster-2/default/web-1"],
            await OrderAsync(Desc("namespace")));
    }

    [Fact]
    public async Task Name_ascending_and_descending()
    {
        Assert.Equal(
            ["cluster-2/default/api-1", "cluster-1/kube-system/coredns-1", "cluster-1/default/db-1", "cluster-2/kube-system/proxy-1",
             "cluster-1/default/web-1", "cluster-2/default/web-1", "cluster-1/default/web-2", "cluster-2/other/web-canary"],
            await OrderAsync(Asc("name")));
        Assert.Equal(
            ["cluster-2/other/web-canary", "cluster-1/default/web-2", "cluster-1/default/web-1", "cluster-2/default/web-1",
             "cluster-2/kube-system/proxy-1", "cluster-1/default/db-1", "cluster-1/kube-system/coredns-1", "cluster-2/default/api-1"],
            await OrderAsync(Desc("name")));
    }

    [Fact]
    public async Task Created_at_ascending_and_descending()
    {
        var byDay = All.Select(p => Key(p.Cluster, p.Pod)).ToArray();
        Assert.Equal(byDay, await OrderAsync(Asc("created_at")));
        Assert.Equal(byDay.Reverse(), await OrderAsync(Desc("created_at")));
    }

    [Fact]
    public async Task Resource_version_orders_numerically()
    {
        string[] numeric =
        [
            "cluster-1/kube-system/coredns-1", "cluster-2/kube-system/proxy-1", "cluster-1/default/web-2", "cluster-2/default/api-1",
            "cluster-1/default/web-1", "cluster-1/default/db-1", "cluster-2/other/web-canary", "cluster-2/default/web-1",
        ];
        Assert.Equal(numeric, await OrderAsync(Asc("resource_version")));
        Assert.Equal(numeric.Reverse(), await OrderAsync(Desc("resource_version")));
    }

    [Fact]
    public async Task Several_keys()
    {
        Assert.Equal(
            ["cluster-1/kube-system/coredns-1", "cluster-1/default/web-2", "cluster-1/default/web-1", "cluster-1/default/db-1",
             "cluster-2/kube-system/proxy-1", "cluster-2/default/api-1", "cluster-2/other/web-canary", "cluster-2/default/web-1"],
            await OrderAsync(Asc("cluster"), Asc("resource_version")));
        Assert.Equal(
            ["cluster-2/default/api-1", "cluster-2/default/web-1", "cluster-1/default/db-1", "cluster-1/default/web-2", "cluster-1/default/web-1",
             "cluster-2/kube-system/proxy-1", "cluster-1/kube-system/coredns-1", "cluster-2/other/web-canary"],
            await OrderAsync(Asc("namespace"), Desc("created_at")));
    }

    [Fact]
    public async Task Order_applies_after_filters() =>
        Assert.Equal(["cluster-2/other/web-canary", "cluster-2/default/web-1", "cluster-1/default/web-2", "cluster-1/default/web-1"],
            (await ListPodsAsync(Options() with
            {
                LabelSelector = [new LabelRequirement("app", SelectorOperator.Equals, ["web"])],
                OrderBy = [Desc("created_at")],
            })).Keys);
}
