using Clusterpedia.Query;

namespace Clusterpedia.Storage.Memory;

/// <summary>
/// Cuts one page out of the matching items (already in list order and already past any cursor) and writes it to a sink.
/// </summary>
internal static class ListPager
{
    public static async ValueTask WriteAsync(
        IEnumerable<ListCandidate> ordered, ListOrder order, ListOptions options, string? resourceVersion,
        IListSink sink, CancellationToken cancellationToken)
    {
        var skip = Math.Max(0, options.Continue?.Offset ?? 0);
        var limit = Math.Max(0, options.Limit);
        var countRemaining = options.WithRemainingCount == true;
        var page = new List<ListCandidate>(limit is > 0 and < 4096 ? (int)limit : 64);
        var more = false;
        long remaining = 0;

        // Reads the immutable snapshot synchronously; the sink is only awaited after, on the collected page.
        foreach (var item in ordered)
        {
            if (skip > 0)
            {
                skip--;
                continue;
            }
            if (limit == 0 || page.Count < limit)
            {
                page.Add(item);
                continue;
            }
            more = true;
            if (!countRemaining) break;
            remaining++;
        }

        foreach (var item in page)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var json = options.OnlyMetadata ? MetadataProjection.Project(item.Object, item.Store) : item.Object.Json;
            await sink.WriteItemAsync(new ListItem(json, item.Store.Resource, item.Store.KindOf(item.Object)), cancellationToken)
                .ConfigureAwait(false);
        }

        var next = more && options.ShouldReturnContinue ? order.CursorOf(page[^1]).Encode() : null;
        await sink.CompleteAsync(new ListResult(next, countRemaining ? remaining : null, resourceVersion), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Skips the items at or before the cursor in a fully sorted list (binary search).</summary>
    public static IEnumerable<ListCandidate> After(List<ListCandidate> sorted, ListOrder order, ListCursor? cursor)
    {
        if (cursor is null) return sorted;
        int lo = 0, hi = sorted.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (order.CompareWithCursor(sorted[mid], cursor) > 0) hi = mid;
            else lo = mid + 1;
        }
        return sorted.Skip(lo);
    }
}
