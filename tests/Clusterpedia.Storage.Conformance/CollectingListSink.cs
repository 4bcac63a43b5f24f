using System.Text.Json;
using Clusterpedia.Objects;

namespace Clusterpedia.Storage.Conformance;

/// <summary>
/// An <see cref="IListSink"/> that keeps what a list wrote, copying each item's bytes (they are only valid during the
/// call). It enforces the sink contract: no item after completion, exactly one completion.
/// </summary>
public sealed class CollectingListSink : IListSink
{
    private readonly List<ListedItem> _items = [];
    private ListResult? _result;

    public IReadOnlyList<ListedItem> Items => _items;

    /// <summary>The completion; throws when the storage never completed the sink.</summary>
    public ListResult Result => _result ?? throw new InvalidOperationException("the storage did not complete the list sink");

    public bool Completed => _result is not null;

    /// <summary>Each item as <c>cluster/namespace/name</c> (<c>cluster/name</c> when cluster-scoped), in list order.</summary>
    public IReadOnlyList<string> Keys => _items.Select(i => i.Key).ToArray();

    public ValueTask WriteItemAsync(ListItem item, CancellationToken cancellationToken)
    {
        if (_result is not null) throw new InvalidOperationException("an item was written after the list completed");
        _items.Add(new ListedItem(item.Json.ToArray(), item.Resource, item.Kind));
        return ValueTask.CompletedTask;
    }

    public ValueTask CompleteAsync(ListResult result, CancellationToken cancellationToken)
    {
        if (_result is not null) throw new InvalidOperationException("the list completed twice");
        _result = result;
        return ValueTask.CompletedTask;
    }
}

/// <summary>One item a list wrote.</summary>
public sealed record ListedItem(byte[] Json, GroupVersionResource Resource, string? Kind)
{
    private ObjectMetadata? _metadata;

    public ObjectMetadata Metadata => _metadata ??= ObjectMetadata.Read(Json);

    /// <summary><c>cluster/namespace/name</c>, or <c>cluster/name</c> for cluster-scoped objects, the cluster from the shadow annotation.</summary>
    public string Key => $"{Metadata.Cluster}/{ClusterResourceVersions.KeyOf(Metadata.Namespace, Metadata.Name)}";

    public JsonDocument Parse() => JsonDocument.Parse(Json);
}
