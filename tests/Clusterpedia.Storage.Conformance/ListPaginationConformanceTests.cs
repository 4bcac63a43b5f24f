using Clusterpedia.Query;
using Xunit;
using static Clusterpedia.Storage.Conformance.PodFleet;

namespace Clusterpedia.Storage.Conformance;

/// <summary>
/// limit and continue over <see cref="PodFleet"/>: keyset cursors walk every order returning each object exactly once,
/// a token comes back whenever a page is full and more items exist, numeric offsets, withContinue=false,
/// remainingItemCount that is never negative.
/// </summary>
public abstract class ListPaginationConformanceTests : StorageConformanceTestBase
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await PodFleet.SeedAsync(Pods, Timeout);
    }

    public static TheoryData<string> Orders => new() { "", "name desc", "created_at", "resource_version desc", "namespace,name desc", "cluster desc" };

    private static OrderBy[] ParseOrder(string text) => text.Length == 0
        ? []
        : text.Split(',').Select(f => f.EndsWith(" desc", StringComparison.Ordinal) ? new OrderBy(f[..^5], true) : new OrderBy(f, false)).ToArray();

    [Theory]
    [MemberData(nameof(Orders))]
    public async Task Cursor_walk_returns_each_object_once_in_order(string order)
    {
        var options = Options() with { OrderBy = ParseOrder(order) };
        var all = (await ListPodsAsync(options)).Keys;
        Assert.Equal(8, all.Count);
        foreach (var limit in new long[] { 1, 3, 4, 7, 8, 100 })
        {
            var pages = await WalkPagesAsync(ListPodsAsync, options, limit);
            Assert.Equal(all, pages.SelectMany(p => p));
            Assert.Equal((int)Math.Max(1, Math.Ceiling(8.0 / limit)), pages.Count);
        }
    }

    [Fact]
    public async Task A_full_last_page_has_no_token_when_nothing_follows()
    {
        var first = await ListPodsAsync(Options() with { Limit = 4 });
        Assert.NotNull(first.Result.Continue);
        var second = await ListPodsAsync(Options() with { Limit = 4, Continue = Token(first.Result.Continue!) });
        Assert.Equal(NaturalOrder[4..], second.Keys);
        Assert.Null(second.Result.Continue);
    }

    [Fact]
    public async Task Cursor_walk_with_filters()
    {
        var options = Options() with { LabelSelector = [new LabelRequirement("app", SelectorOperator.Equals, ["web"])], OrderBy = [new OrderBy("name", false)] };
        var pages = await WalkPagesAsync(ListPodsAsync, options, 3);
        Assert.Equal(
            [["cluster-1/default/web-1", "cluster-2/default/web-1", "cluster-1/default/web-2"], ["cluster-2/other/web-canary"]],
            pages);
    }

    [Fact]
    public async Task Cursor_survives_writes_between_pages()
    {
        var first = await ListPodsAsync(Options() with { Limit = 3 });
        Assert.Equal(NaturalOrder[..3], first.Keys);
        // One object before the cursor and one after it appear; one after it goes away.
        await Pods.UpsertAsync(C1, TestObject.Pod("default", "aaa").Build(C1), Timeout);
        await Pods.UpsertAsync(C2, TestObject.Pod("default", "zzz").Build(C2), Timeout);
        await Pods.DeleteAsync(C2, "default", "api-1", Timeout);
        var rest = await WalkPagesAsync(ListPodsAsync, Options() with { Continue = Token(first.Result.Continue!) }, 3);
        Assert.Equal(
            ["cluster-1/kube-system/coredns-1", "cluster-2/default/web-1", "cluster-2/default/zzz", "cluster-2/kube-system/proxy-1", "cluster-2/other/web-canary"],
            rest.SelectMany(p => p));
    }

    [Fact]
    public async Task Numeric_offset()
    {
        var page = await ListPodsAsync(Options() with { Limit = 3, Continue = ContinueToken.FromOffset(2) });
        Assert.Equal(NaturalOrder[2..5], page.Keys);
        Assert.NotNull(page.Result.Continue);
        var next = await ListPodsAsync(Options() with { Limit = 3, Continue = Token(page.Result.Continue!) });
        Assert.Equal(NaturalOrder[5..8], next.Keys);
        Assert.Null(next.Result.Continue);
    }

    [Fact]
    public async Task Offset_without_limit_and_past_the_end()
    {
        Assert.Equal(NaturalOrder[6..], (await ListPodsAsync(Options() with { Continue = ContinueToken.FromOffset(6) })).Keys);
        var past = await ListPodsAsync(Options() with { Limit = 3, Continue = ContinueToken.FromOffset(20), WithRemainingCount = true });
        Assert.Empty(past.Items);
        Assert.Null(past.Result.Continue);
        Assert.Equal(0, past.Result.RemainingItemCount);
    }

    [Fact]
    public async Task With_continue_false_suppresses_the_token()
    {
        var page = await ListPodsAsync(Options() with { Limit = 3, WithContinue = false });
        Assert.Equal(NaturalOrder[..3], page.Keys);
        Assert.Null(page.Result.Continue);
    }

    [Fact]
    public async Task Remaining_item_count_counts_what_follows_and_is_never_negative()
    {
        var expected = new long[] { 5, 2, 0 };
        ContinueToken? next = null;
        foreach (var remaining in expected)
        {
            var page = await ListPodsAsync(Options() with { Limit = 3, Continue = next, WithRemainingCount = true });
            Assert.Equal(remaining, page.Result.RemainingItemCount);
            next = page.Result.Continue is { } t ? Token(t) : null;
        }
        Assert.Null(next);

        var filtered = await ListPodsAsync(Options() with { Limit = 1, Clusters = [C1], WithRemainingCount = true });
        Assert.Equal(3, filtered.Result.RemainingItemCount);
    }

    [Fact]
    public async Task Remaining_item_count_is_absent_unless_asked()
    {
        Assert.Null((await ListPodsAsync(Options() with { Limit = 3 })).Result.RemainingItemCount);
        Assert.Null((await ListPodsAsync(Options() with { Limit = 3, WithRemainingCount = false })).Result.RemainingItemCount);
    }

    [Fact]
    public async Task A_cursor_from_another_order_is_rejected()
    {
        var page = await ListPodsAsync(Options() with { Limit = 3, OrderBy = [new OrderBy("name", false)] });
        await Assert.ThrowsAsync<ListOptionsException>(() =>
            ListPodsAsync(Options() with { Limit = 3, Continue = Token(page.Result.Continue!) }));
    }
}
