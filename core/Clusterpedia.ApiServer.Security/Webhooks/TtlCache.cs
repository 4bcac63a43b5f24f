using System.Collections.Concurrent;

namespace Clusterpedia.ApiServer.Security.Webhooks;

/// <summary>
/// Review answers kept for a while (kube's webhook cache TTLs), so a busy client does not cost a review per request.
/// Bounded: when full it starts over, which only costs extra reviews.
/// </summary>
internal sealed class TtlCache<T>(TimeProvider time, int capacity = 4096)
{
    private readonly ConcurrentDictionary<string, (T Value, DateTimeOffset Expires)> _entries = new(StringComparer.Ordinal);

    public bool TryGet(string key, out T value)
    {
        if (_entries.TryGetValue(key, out var entry) && entry.Expires > time.GetUtcNow())
        {
            value = entry.Value;
            return true;
        }
        value = default!;
        return false;
    }

    public void Set(string key, T value, TimeSpan ttl)
    {
        if (ttl <= TimeSpan.Zero) return;
        if (_entries.Count >= capacity) _entries.Clear();
        _entries[key] = (value, time.GetUtcNow() + ttl);
    }
}
