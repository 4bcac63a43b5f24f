using System.Text.Json;

namespace Clusterpedia.Storage.Conformance;

/// <summary>
/// Reads a storage watch with timeouts: the next event within a time, or "nothing arrived". Disposing it cancels the
/// watch and waits for the storage to end it.
/// </summary>
public sealed class WatchStream : IAsyncDisposable
{
    private readonly CancellationTokenSource _cancel;
    private readonly IAsyncEnumerator<WatchEvent> _events;
    private Task<bool>? _pending;

    public WatchStream(IAsyncEnumerable<WatchEvent> events, CancellationToken cancellationToken)
    {
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _events = events.GetAsyncEnumerator(_cancel.Token);
    }

    public static TimeSpan DefaultWait { get; } = TimeSpan.FromSeconds(10);

    /// <summary>Starts the watch (the storage validates its options here) and returns the first event, if one arrives in <paramref name="wait"/>.</summary>
    public Task<ObservedEvent?> StartAsync(TimeSpan wait) => TryNextAsync(wait);

    /// <summary>The next event, or null when none arrived within <paramref name="wait"/>.</summary>
    /// <exception cref="InvalidOperationException">When the watch ended.</exception>
    public async Task<ObservedEvent?> TryNextAsync(TimeSpan wait)
    {
        var (ended, e) = await TryNextOrEndAsync(wait);
        if (ended) throw new InvalidOperationException("the watch ended");
        return e;
    }

    /// <summary>The next event, or ended = true when the stream ended, or (false, null) when nothing arrived in time.</summary>
    public async Task<(bool Ended, ObservedEvent? Event)> TryNextOrEndAsync(TimeSpan wait)
    {
        _pending ??= _events.MoveNextAsync().AsTask();
        if (await Task.WhenAny(_pending, Task.Delay(wait)) != _pending) return (false, null);
        var more = await _pending;
        _pending = null;
        return more ? (false, new ObservedEvent(_events.Current.Type, _events.Current.Object.ToArray())) : (true, null);
    }

    public async Task<ObservedEvent> NextAsync() =>
        await TryNextAsync(DefaultWait) ?? throw new TimeoutException($"no watch event within {DefaultWait}");

    /// <summary>The next event that is not a BOOKMARK.</summary>
    public async Task<ObservedEvent> NextChangeAsync()
    {
        while (true)
        {
            var e = await NextAsync();
            if (e.Type != WatchEventType.Bookmark) return e;
        }
    }

    /// <summary>Reads events until none arrives for <paramref name="quiet"/>; bookmarks are left out.</summary>
    public async Task<List<ObservedEvent>> DrainChangesAsync(TimeSpan quiet)
    {
        var events = new List<ObservedEvent>();
        while (await TryNextAsync(quiet) is { } e)
        {
            if (e.Type != WatchEventType.Bookmark) events.Add(e);
        }
        return events;
    }

    public async ValueTask DisposeAsync()
    {
        await _cancel.CancelAsync();
        if (_pending is not null)
        {
            try { await _pending; }
            catch (OperationCanceledException) { }
            catch (StorageException) { }
        }
        await _events.DisposeAsync();
        _cancel.Dispose();
    }
}

/// <summary>An event as seen by the test, with its object's bytes copied.</summary>
public sealed record ObservedEvent(WatchEventType Type, byte[] Object)
{
    public string Name => Read("metadata", "name");
    public string Namespace => Read("metadata", "namespace");
    public string ResourceVersion => Read("metadata", "resourceVersion");
    public string Kind => Read("kind");

    /// <summary><c>TYPE cluster/namespace/name</c>, the cluster from the shadow annotation.</summary>
    public string Describe() => $"{WatchEvent.TypeName(Type)} {Objects.ObjectMetadata.Read(Object).Cluster}/{Namespace}/{Name}";

    public JsonDocument Parse() => JsonDocument.Parse(Object);

    private string Read(params string[] path)
    {
        using var doc = Parse();
        var element = doc.RootElement;
        foreach (var p in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(p, out element)) return "";
        }
        return element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();
    }
}
