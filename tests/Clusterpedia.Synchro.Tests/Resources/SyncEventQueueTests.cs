using Clusterpedia.Synchro.Resources;

namespace Clusterpedia.Synchro.Tests.Resources;

public sealed class SyncEventQueueTests
{
    private static SyncEvent E(SyncEventType type, string key, string rv = "1") => new(type, key, "ns", key, rv, new byte[] { (byte)'x' });

    [Theory]
    [InlineData(SyncEventType.Added, SyncEventType.Updated, SyncEventType.Added)]
    [InlineData(SyncEventType.Deleted, SyncEventType.Added, SyncEventType.Updated)]
    [InlineData(SyncEventType.Added, SyncEventType.Deleted, SyncEventType.Deleted)]
    [InlineData(SyncEventType.Updated, SyncEventType.Deleted, SyncEventType.Deleted)]
    [InlineData(SyncEventType.Deleted, SyncEventType.Updated, SyncEventType.Deleted)]
    [InlineData(SyncEventType.Updated, SyncEventType.Updated, SyncEventType.Updated)]
    public async Task EventsForOneKeyCoalesce(SyncEventType first, SyncEventType second, SyncEventType expected)
    {
        var queue = new SyncEventQueue();
        queue.Enqueue(E(first, "a", "1"));
        queue.Enqueue(E(second, "a", "2"));
        Assert.Equal(1, queue.Count);
        var batch = await queue.TakeAsync(10, CancellationToken.None);
        Assert.Equal(expected, Assert.Single(batch).Type);
    }

    [Fact]
    public async Task AKeyInFlightIsNotHandedOutAgainUntilDone()
    {
        var queue = new SyncEventQueue();
        queue.Enqueue(E(SyncEventType.Added, "a", "1"));
        var first = await queue.TakeAsync(10, CancellationToken.None);
        queue.Enqueue(E(SyncEventType.Updated, "a", "2"));
        queue.Enqueue(E(SyncEventType.Added, "b", "1"));
        var second = await queue.TakeAsync(10, CancellationToken.None);
        Assert.Equal(["b"], second.Select(e => e.Key));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queue.TakeAsync(10, cts.Token));
        queue.Done("a");
        var third = await queue.TakeAsync(10, CancellationToken.None);
        Assert.Equal("2", Assert.Single(third).ResourceVersion);
        Assert.False(queue.IsIdle);
        queue.Done("a");
        queue.Done("b");
        Assert.True(queue.IsIdle);
        _ = first;
    }

    [Fact]
    public async Task HoldsAKeyWhileItWaitsAndWhileItIsWritten()
    {
        var queue = new SyncEventQueue();
        Assert.False(queue.Holds("a"));
        queue.Enqueue(E(SyncEventType.Added, "a"));
        Assert.True(queue.Holds("a"));
        await queue.TakeAsync(10, CancellationToken.None);
        Assert.True(queue.Holds("a"));
        Assert.False(queue.Holds("b"));
        queue.Done("a");
        Assert.False(queue.Holds("a"));
    }

    [Fact]
    public async Task KeepsArrivalOrderAndBatches()
    {
        var queue = new SyncEventQueue();
        foreach (var k in new[] { "c", "a", "b" }) queue.Enqueue(E(SyncEventType.Added, k));
        Assert.Equal(["c", "a"], (await queue.TakeAsync(2, CancellationToken.None)).Select(e => e.Key));
        Assert.Equal(["b"], (await queue.TakeAsync(2, CancellationToken.None)).Select(e => e.Key));
    }

    [Fact]
    public void TrimKeepsOnlyTheBudget()
    {
        var queue = new SyncEventQueue();
        for (var i = 0; i < 20; i++) queue.Enqueue(E(SyncEventType.Added, $"k{i}"));
        Assert.Equal(15, queue.Trim(5));
        Assert.Equal(5, queue.Count);
    }

    [Fact]
    public async Task WaitForRoomCompletesOnceTheWritersDrainBelowTheLimit()
    {
        var queue = new SyncEventQueue();
        for (var i = 0; i < 10; i++) queue.Enqueue(E(SyncEventType.Added, $"k{i}"));
        Assert.True(queue.WaitForRoomAsync(10, CancellationToken.None).IsCompleted);
        var wait = queue.WaitForRoomAsync(4, CancellationToken.None);
        Assert.False(wait.IsCompleted);
        await queue.TakeAsync(3, CancellationToken.None);
        Assert.False(wait.IsCompleted);
        await queue.TakeAsync(3, CancellationToken.None);
        await wait.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
