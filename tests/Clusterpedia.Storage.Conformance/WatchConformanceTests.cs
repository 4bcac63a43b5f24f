using Clusterpedia.Query;
using Xunit;

namespace Clusterpedia.Storage.Conformance;

/// <summary>
/// Watch with Kubernetes semantics: initial ADDED events from "" or "0", live ADDED/MODIFIED/DELETED, resuming from a
/// list's or a bookmark's resourceVersion, 410 Expired for one too old, bookmarks, per-watcher filtering, clean events.
/// Derive only for a storage that advertises <see cref="StorageVerbs.Watch"/>.
/// </summary>
public abstract class WatchConformanceTests : StorageConformanceTestBase
{
    private const string C1 = "cluster-1";
    private const string C2 = "cluster-2";

    /// <summary>How many changes after a resourceVersion make it too old to resume from.</summary>
    protected virtual int ChangesToExpire => 5000;

    /// <summary>How long to wait for a periodic BOOKMARK.</summary>
    protected virtual TimeSpan BookmarkWait => TimeSpan.FromSeconds(75);

    /// <summary>A pause after which no further event is expected: a storage whose events lag its writes raises it.</summary>
    protected virtual TimeSpan Quiet => TimeSpan.FromMilliseconds(300);

    private static TestObject Web(string name = "web") => TestObject.Pod("default", name).WithLabel("app", "web");

    private WatchStream Watch(ListOptions options, CancellationToken? cancellationToken = null) =>
        new(Pods.WatchAsync(options, cancellationToken ?? Timeout), cancellationToken ?? Timeout);

    [Fact]
    public void Advertises_watch() => Assert.True(Factory.SupportedVerbs.HasFlag(StorageVerbs.Watch));

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData(null)]
    public async Task Starts_with_the_current_objects_then_follows_changes(string? resourceVersion)
    {
        await SeedAsync(PodsConfig, C1, Web("a"), Web("b"));
        await using var watch = Watch(Options() with { ResourceVersion = resourceVersion });
        var initial = new[] { await watch.NextChangeAsync(), await watch.NextChangeAsync() };
        Assert.Equal(["ADDED cluster-1/default/a", "ADDED cluster-1/default/b"], initial.Select(e => e.Describe()).Order(StringComparer.Ordinal));

        await Pods.CreateAsync(C1, Web("c").Build(C1), Timeout);
        await Pods.UpsertAsync(C1, Web("a").WithNodeName("node-2").WithResourceVersion("2").Build(C1), Timeout);
        await Pods.DeleteAsync(C1, "default", "b", Timeout);
        Assert.Equal("ADDED cluster-1/default/c", (await watch.NextChangeAsync()).Describe());
        var modified = await watch.NextChangeAsync();
        Assert.Equal("MODIFIED cluster-1/default/a", modified.Describe());
        Assert.True(JsonAssert.SameJson(Web("a").WithNodeName("node-2").WithResourceVersion("2").BuildJson(C1), modified.Object));
        Assert.Equal("DELETED cluster-1/default/b", (await watch.NextChangeAsync()).Describe());
    }

    [Fact]
    public async Task Lists_have_a_resource_version_to_watch_from()
    {
        await SeedAsync(PodsConfig, C1, Web("a"));
        var list = await ListPodsAsync(Options());
        Assert.False(string.IsNullOrEmpty(list.Result.ResourceVersion));
    }

    [Fact]
    public async Task Resumes_after_a_list_resource_version()
    {
        await SeedAsync(PodsConfig, C1, Web("a"), Web("b"));
        var rv = (await ListPodsAsync(Options())).Result.ResourceVersion!;
        await Pods.CreateAsync(C1, Web("c").Build(C1), Timeout);
        await Pods.UpsertAsync(C1, Web("a").WithResourceVersion("2").Build(C1), Timeout);
        await Pods.DeleteAsync(C1, "default", "b", Timeout);

        await using var watch = Watch(Options() with { ResourceVersion = rv });
        var events = await watch.DrainChangesAsync(Quiet);
        Assert.Equal(["ADDED cluster-1/default/c", "MODIFIED cluster-1/default/a", "DELETED cluster-1/default/b"], events.Select(e => e.Describe()));

        var latest = (await ListPodsAsync(Options())).Result.ResourceVersion!;
        await using var quiet = Watch(Options() with { ResourceVersion = latest });
        Assert.Null(await quiet.StartAsync(Quiet));
        await Pods.UpsertAsync(C2, Web("d").Build(C2), Timeout);
        Assert.Equal("ADDED cluster-2/default/d", (await quiet.NextChangeAsync()).Describe());
    }

    [Fact]
    public async Task A_resource_version_too_old_is_expired()
    {
        await SeedAsync(PodsConfig, C1, Web("a"));
        var rv = (await ListPodsAsync(Options())).Result.ResourceVersion!;
        var objects = Enumerable.Range(0, ChangesToExpire).Select(i => Web("a").WithResourceVersion($"{i + 2}").Build(C1));
        foreach (var obj in objects) await Pods.UpsertAsync(C1, obj, Timeout);

        await using var watch = Watch(Options() with { ResourceVersion = rv });
        try
        {
            var first = await watch.NextAsync();
            Assert.Equal(WatchEventType.Error, first.Type);
            using var status = first.Parse();
            Assert.Equal(410, status.RootElement.GetProperty("code").GetInt32());
        }
        catch (StorageException e)
        {
            Assert.Equal(StorageErrorKind.Expired, e.Kind);
        }
    }

    [Fact]
    public async Task A_resource_version_that_is_not_a_number_is_invalid()
    {
        await using var watch = Watch(Options() with { ResourceVersion = "not-a-number" });
        var e = await Assert.ThrowsAsync<StorageException>(() => watch.StartAsync(Quiet));
        Assert.Equal(StorageErrorKind.Invalid, e.Kind);
    }

    [Fact]
    public async Task Bookmarks_carry_a_resource_version_to_resume_from()
    {
        await SeedAsync(PodsConfig, C1, Web("a"));
        await using var watch = Watch(Options() with { AllowWatchBookmarks = true });
        Assert.Equal("ADDED cluster-1/default/a", (await watch.NextAsync()).Describe());

        var deadline = DateTime.UtcNow + BookmarkWait;
        ObservedEvent? bookmark = null;
        while (bookmark is null && DateTime.UtcNow < deadline)
        {
            var e = await watch.TryNextAsync(deadline - DateTime.UtcNow);
            if (e?.Type == WatchEventType.Bookmark) bookmark = e;
        }
        Assert.NotNull(bookmark);
        Assert.Equal("Pod", bookmark.Kind);
        Assert.False(string.IsNullOrEmpty(bookmark.ResourceVersion));

        await Pods.UpsertAsync(C1, Web("b").Build(C1), Timeout);
        await using var resumed = Watch(Options() with { ResourceVersion = bookmark.ResourceVersion });
        Assert.Equal(["ADDED cluster-1/default/b"], (await resumed.DrainChangesAsync(Quiet)).Select(e => e.Describe()));
    }

    [Fact]
    public async Task No_bookmarks_unless_allowed()
    {
        await SeedAsync(PodsConfig, C1, Web("a"));
        await using var watch = Watch(Options());
        Assert.Equal("ADDED cluster-1/default/a", (await watch.NextAsync()).Describe());
        Assert.Null(await watch.TryNextAsync(Quiet));
    }

    [Fact]
    public async Task Each_watcher_sees_only_what_its_options_select()
    {
        await using var webInC1 = Watch(Options() with
        {
            Clusters = [C1],
            LabelSelector = [new LabelRequirement("app", SelectorOperator.Equals, ["web"])],
        });
        await using var other = Watch(Options() with { Namespaces = ["other"], FuzzyNames = ["keep"] });
        Assert.Null(await webInC1.StartAsync(Quiet));
        Assert.Null(await other.StartAsync(TimeSpan.FromMilliseconds(10)));

        await Pods.UpsertAsync(C2, Web("w2").Build(C2), Timeout);
        await Pods.UpsertAsync(C1, TestObject.Pod("default", "db").WithLabel("app", "db").Build(C1), Timeout);
        await Pods.UpsertAsync(C1, Web("w1").Build(C1), Timeout);
        await Pods.UpsertAsync(C1, TestObject.Pod("default", "w1").WithLabel("app", "db").Build(C1), Timeout);
        await Pods.UpsertAsync(C1, Web("w1").Build(C1), Timeout);
        await Pods.UpsertAsync(C1, TestObject.Pod("other", "keep-me").Build(C1), Timeout);
        await Pods.UpsertAsync(C1, TestObject.Pod("other", "drop-me").Build(C1), Timeout);
        await Pods.DeleteAsync(C1, "default", "w1", Timeout);

        Assert.Equal(
            ["ADDED cluster-1/default/w1", "DELETED cluster-1/default/w1", "ADDED cluster-1/default/w1", "DELETED cluster-1/default/w1"],
            (await webInC1.DrainChangesAsync(Quiet)).Select(e => e.Describe()));
        Assert.Equal(["ADDED cluster-1/other/keep-me"], (await other.DrainChangesAsync(Quiet)).Select(e => e.Describe()));
    }

    [Fact]
    public async Task Field_selectors_and_names_filter_watches()
    {
        await using var watch = Watch(Options() with
        {
            Names = ["a", "b"],
            FieldSelector = [FieldSelectors.Require(SelectorOperator.Equals, ["spec", "nodeName"], "node-1")],
        });
        Assert.Null(await watch.StartAsync(Quiet));
        await Pods.UpsertAsync(C1, Web("a").WithNodeName("node-1").Build(C1), Timeout);
        await Pods.UpsertAsync(C1, Web("b").WithNodeName("node-2").Build(C1), Timeout);
        await Pods.UpsertAsync(C1, Web("c").WithNodeName("node-1").Build(C1), Timeout);
        Assert.Equal(["ADDED cluster-1/default/a"], (await watch.DrainChangesAsync(Quiet)).Select(e => e.Describe()));
    }

    [Fact]
    public async Task Cleaning_a_cluster_or_resource_deletes_its_objects()
    {
        await SeedAsync(PodsConfig, C1, Web("a"), Web("b"));
        await SeedAsync(PodsConfig, C2, Web("c"));
        var rv = (await ListPodsAsync(Options())).Result.ResourceVersion!;
        await using var watch = Watch(Options() with { ResourceVersion = rv });

        await Factory.CleanClusterAsync(C1, Timeout);
        Assert.Equal(["DELETED cluster-1/default/a", "DELETED cluster-1/default/b"],
            (await watch.DrainChangesAsync(Quiet)).Select(e => e.Describe()).Order(StringComparer.Ordinal));

        await Factory.CleanClusterResourceAsync(C2, PodsConfig.Resource, Timeout);
        Assert.Equal(["DELETED cluster-2/default/c"], (await watch.DrainChangesAsync(Quiet)).Select(e => e.Describe()));
    }

    [Fact]
    public async Task Cancelling_ends_the_watch()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Timeout);
        await using var watch = Watch(Options(), cancel.Token);
        Assert.Null(await watch.StartAsync(Quiet));
        await cancel.CancelAsync();
        try
        {
            var (ended, _) = await watch.TryNextOrEndAsync(WatchStream.DefaultWait);
            Assert.True(ended, "the watch did not end after cancellation");
        }
        catch (OperationCanceledException)
        {
        }
    }
}
