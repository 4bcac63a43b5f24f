using Clusterpedia.Query;

namespace Clusterpedia.Storage;

/// <summary>Answers one collection resource: a named query whose items mix resource types.</summary>
public interface ICollectionResourceStorage
{
    CollectionResourceDefinition Definition { get; }

    /// <summary>
    /// Writes the matching objects to the sink, each with its resource, then completes it. For <c>any</c> the
    /// <c>groups</c>/<c>resources</c> URL parameters (in <see cref="ListOptions.UrlQuery"/>) choose the types;
    /// without either the call fails with <see cref="StorageErrorKind.Invalid"/>.
    /// </summary>
    ValueTask ListAsync(ListOptions options, IListSink sink, CancellationToken cancellationToken);
}
