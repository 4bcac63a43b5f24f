using System.Globalization;
using Clusterpedia.Query;
using Clusterpedia.Storage.Conformance;
using Xunit;

namespace Clusterpedia.Storage.Memory.Tests;

/// <summary>Memory-specific watch behaviour: slow watchers, periodic bookmarks, resourceVersions of another process, shutdown.</summary>
public sealed class WatchBehaviourTests
{
    private static readonly ResourceStorageConfig Pods = StorageConformanceTestBase.PodsConfig;

    private static Task WriteAsync(IResourceStorage pods, int count, string prefix = "p") =>
        Task.WhenAll(Enumerable.Range(0, count).Select(i =>
            pods.UpsertAsync("c1", TestObject.Pod("default", $"{prefix}{i}").Build("c1"), CancellationToken.None).AsTask()));

    [Fact]
    public async Task A_watcher_that_falls_behind_ends_with_410_and_does_not_block_writers()
    {
        await using var factory = new MemoryStorageFactory(new MemoryStorageOptions { WatcherBufferSize = 8 });
        var pods = factory.GetResourceStorage(Pods);
        await using var slow = new WatchStream(pods.WatchAsync(new ListOptions(), CancellationToken.None), CancellationToken.None);
        Assert.Null(await slow.StartAsync(TimeSpan.FromMilliseconds(50)));
        await using var fast = new WatchStream(pods.WatchAsync(new ListOptions(), CancellationToken.None), CancellationToken.None);
        Assert.Null(await fast.StartAsync(TimeSpan.FromMilliseconds(50)));

        // The fast watcher keeps up while the writes happen; the slow one reads nothing until they are done.
        var fastEvents = new List<ObservedEvent>();
        for (var i = 0; i < 100; i++)
        {
            await pods.UpsertAsync("c1", TestObject.Pod("default", $"p{i:D3}").Build("c1"), CancellationToken.None);
            fastEvents.Add(await fast.NextAsync());
        }
        Assert.Equal(100, fastEvents.Count);

        var slowEvents = new List<ObservedEvent>();
        while (true)
        {
            var (ended, e) = await slow.TryNextOrEndAsync(WatchStream.DefaultWait);
            if (ended) break;
            Assert.NotNull(e);
            slowEvents.Add(e);
        }
        // The 8 queued events (plus one the reader had already taken before the queue filled), then the ERROR.
        Assert.InRange(slowEvents.Count, 9, 10);
        Assert.Equal(
            Enumerable.Range(0, slowEvents.Count - 1).Select(i => $"ADDED c1/default/p{i:D3}"),
            slowEvents[..^1].Select(e => e.Describe()));
        var error = slowEvents[^1];
        Assert.Equal(WatchEventType.Error, error.Type);
        using var status = error.Parse();
        Assert.Equal(410, status.RootElement.GetProperty("code").GetInt32());
        Assert.Equal("Expired", status.RootElement.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Bookmarks_come_periodically_with_the_current_resource_version()
    {
        await using var factory = new MemoryStorageFactory(new MemoryStorageOptions { BookmarkInterval = TimeSpan.FromMilliseconds(100), StartSequence = 500 });
        var pods = factory.GetResourceStorage(Pods);
        await using var watch = new WatchStream(pods.WatchAsync(new ListOptions { AllowWatchBookmarks = true }, CancellationToken.None), CancellationToken.None);
        var initial = await watch.NextAsync();
        Assert.Equal(WatchEventType.Bookmark, initial.Type);
        Assert.Equal("500", initial.ResourceVersion);

        await WriteAsync(pods, 3);
        var seen = new List<ObservedEvent>();
        while (seen.Count(e => e.Type == WatchEventType.Bookmark) < 2) seen.Add(await watch.NextAsync());
        Assert.Equal(3, seen.Count(e => e.Type == WatchEventType.Added));
        Assert.Equal("503", seen.Last().ResourceVersion);
        Assert.Equal("v1", seen.Last().Parse().RootElement.GetProperty("apiVersion").GetString());
    }

    [Fact]
    public async Task A_resource_version_from_a_later_sequence_is_expired()
    {
        await using var factory = new MemoryStorageFactory(new MemoryStorageOptions { StartSequence = 1000 });
        var pods = factory.GetResourceStorage(Pods);
        await WriteAsync(pods, 2);
        var e = await Assert.ThrowsAsync<StorageException>(async () =>
        {
            await foreach (var _ in pods.WatchAsync(new ListOptions { ResourceVersion = "5000" }, CancellationToken.None)) break;
        });
        Assert.Equal(StorageErrorKind.Expired, e.Kind);
    }

    [Fact]
    public async Task Sequences_start_from_the_clock_so_older_processes_are_expired()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;
        await using var factory = await MemoryStorageFactory.CreateAsync(new StorageLayerOptions("memory", null), CancellationToken.None);
        var sink = new CollectingListSink();
        await factory.GetResourceStorage(Pods).ListAsync(new ListOptions(), sink, CancellationToken.None);
        Assert.True(long.Parse(sink.Result.ResourceVersion!, CultureInfo.InvariantCulture) >= before);
    }

    [Fact]
    public async Task Shutdown_ends_open_watches()
    {
        var factory = new MemoryStorageFactory(new MemoryStorageOptions());
        var pods = factory.GetResourceStorage(Pods);
        await using var watch = new WatchStream(pods.WatchAsync(new ListOptions(), CancellationToken.None), CancellationToken.None);
        Assert.Null(await watch.StartAsync(TimeSpan.FromMilliseconds(50)));
        await factory.ShutdownAsync(CancellationToken.None);
        var (ended, _) = await watch.TryNextOrEndAsync(WatchStream.DefaultWait);
        Assert.True(ended);
    }

    [Fact]
    public async Task Only_metadata_watch_events()
    {
        await using var factory = new MemoryStorageFactory(new MemoryStorageOptions());
        var pods = factory.GetResourceStorage(Pods);
        await WriteAsync(pods, 1);
        await using var watch = new WatchStream(pods.WatchAsync(new ListOptions { OnlyMetadata = true }, CancellationToken.None), CancellationToken.None);
        var e = await watch.NextAsync();
        using var doc = e.Parse();
        Assert.Equal(["apiVersion", "kind", "metadata"], doc.RootElement.EnumerateObject().Select(p => p.Name));
    }
}
