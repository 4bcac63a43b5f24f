using System.Reflection;
using Clusterpedia.Objects;
using Clusterpedia.Query;
using Clusterpedia.Storage.Conformance;
using Xunit;

namespace Clusterpedia.Storage.Memory.Tests;

/// <summary>Memory-specific list and write behaviour, and paging over more objects than the conformance fleet.</summary>
public sealed class MemoryStorageTests
{
    private static readonly ResourceStorageConfig Pods = StorageConformanceTestBase.PodsConfig;

    [Fact]
    public void Is_the_storage_layer_named_memory()
    {
        var attribute = typeof(MemoryStorageFactory).GetCustomAttribute<StorageLayerAttribute>();
        Assert.Equal("memory", attribute?.Name);
    }

    [Fact]
    public async Task Unknown_orderby_field_is_invalid()
    {
        await using var factory = new MemoryStorageFactory(new MemoryStorageOptions());
        var e = await Assert.ThrowsAsync<StorageException>(async () =>
            await factory.GetResourceStorage(Pods).ListAsync(new ListOptions { OrderBy = [new OrderBy("status.podIP", false)] }, new CollectingListSink(), CancellationToken.None));
        Assert.Equal(StorageErrorKind.Invalid, e.Kind);
        Assert.Contains("status.podIP", e.Message);
    }

    [Fact]
    public async Task Objects_without_a_name_are_refused()
    {
        await using var factory = new MemoryStorageFactory(new MemoryStorageOptions());
        var e = await Assert.ThrowsAsync<StorageException>(async () =>
            await factory.GetResourceStorage(Pods).UpsertAsync("c1", ResourceObject.FromString("""{"kind":"Pod","metadata":{}}"""), CancellationToken.None));
        Assert.Equal(StorageErrorKind.Fatal, e.Kind);
        e = await Assert.ThrowsAsync<StorageException>(async () =>
            await factory.GetResourceStorage(Pods).UpsertAsync("c1", ResourceObject.FromString("[1]"), CancellationToken.None));
        Assert.Equal(StorageErrorKind.Fatal, e.Kind);
    }

    [Fact]
    public void Options_are_validated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MemoryStorageFactory(new MemoryStorageOptions { WatchCacheSize = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MemoryStorageFactory(new MemoryStorageOptions { BookmarkInterval = TimeSpan.Zero }));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("c3", null)]
    [InlineData("c3", "ns-2")]
    public async Task Pages_over_thousands_of_objects_seek_and_cover_everything_once(string? cluster, string? @namespace)
    {
        await using var factory = new MemoryStorageFactory(new MemoryStorageOptions());
        var pods = factory.GetResourceStorage(Pods);
        for (var c = 0; c < 5; c++)
        {
            var objects = Enumerable.Range(0, 1000).Select(i => TestObject.Pod($"ns-{i % 4}", $"pod-{i:D4}").Build($"c{c}")).ToArray();
            await pods.UpsertManyAsync($"c{c}", objects, CancellationToken.None);
        }
        var options = new ListOptions
        {
            Clusters = cluster is null ? [] : [cluster],
            Namespaces = @namespace is null ? [] : [@namespace],
        };
        var expected = cluster is null ? 5000 : @namespace is null ? 1000 : 250;

        var keys = new List<string>();
        ContinueToken? next = null;
        do
        {
            var sink = new CollectingListSink();
            await pods.ListAsync(options with { Limit = 97, Continue = next, WithRemainingCount = true }, sink, CancellationToken.None);
            keys.AddRange(sink.Keys);
            Assert.Equal(expected - keys.Count, sink.Result.RemainingItemCount);
            next = sink.Result.Continue is { } t ? ContinueToken.FromCursor(ListCursor.Decode(t)) : null;
        }
        while (next is not null);
        Assert.Equal(expected, keys.Count);
        Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
        Assert.Equal(expected, keys.Distinct().Count());
    }
}
