using Clusterpedia.Objects;

namespace Clusterpedia.Storage;

/// <summary>
/// Receives list results as they are read, so a storage can stream stored JSON bytes to the HTTP response
/// without building the list or re-serializing its items.
/// </summary>
public interface IListSink
{
    /// <summary>One item. The bytes are only valid until the returned task completes.</summary>
    ValueTask WriteItemAsync(ListItem item, CancellationToken cancellationToken);

    /// <summary>Called once after the last item.</summary>
    ValueTask CompleteAsync(ListResult result, CancellationToken cancellationToken);
}

/// <summary>One listed object: its JSON and, where the caller needs it (collection resources), its resource and kind.</summary>
public readonly record struct ListItem(ReadOnlyMemory<byte> Json, GroupVersionResource Resource = default, string? Kind = null);

/// <summary>What a list returns besides its items.</summary>
/// <param name="Continue">The token for the next page, or null when this was the last page (or continue was suppressed).</param>
/// <param name="RemainingItemCount">Items after this page, when asked for; never negative.</param>
/// <param name="ResourceVersion">The list's resourceVersion, when the layer has one (watch-capable layers).</param>
public readonly record struct ListResult(string? Continue = null, long? RemainingItemCount = null, string? ResourceVersion = null);
