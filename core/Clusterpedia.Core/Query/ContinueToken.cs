namespace Clusterpedia.Query;

/// <summary>
/// Where a page starts. A numeric <c>continue</c> (or the <c>search.clusterpedia.io/offset</c> label) is an
/// <see cref="Offset"/>, for compatibility with upstream; anything else is an opaque keyset <see cref="Cursor"/>.
/// </summary>
public sealed record ContinueToken(long? Offset, ListCursor? Cursor)
{
    public static ContinueToken FromOffset(long offset) => new(offset, null);
    public static ContinueToken FromCursor(ListCursor cursor) => new(null, cursor);
}
