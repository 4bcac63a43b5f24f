using Clusterpedia.Storage;

namespace Clusterpedia.Storage.Internal.Tests;

/// <summary>Keeps what a list streamed, copying each item (the storage reuses its buffer).</summary>
public sealed class CollectingSink : IListSink
{
    public List<(byte[] Json, ListItem Item)> Items { get; } = [];
    public ListResult? Result { get; private set; }

    public ValueTask WriteItemAsync(ListItem item, CancellationToken cancellationToken)
    {
        Items.Add((item.Json.ToArray(), item));
        return ValueTask.CompletedTask;
    }

    public ValueTask CompleteAsync(ListResult result, CancellationToken cancellationToken)
    {
        Assert.Null(Result);
        Result = result;
        return ValueTask.CompletedTask;
    }

    public IReadOnlyList<string> Names =>
        Items.Select(i => TestObjects.Json(i.Json).GetProperty("metadata").GetProperty("name").GetString()!).ToList();

    /// <summary>cluster/namespace/name of each item, from the cluster annotation.</summary>
    public IReadOnlyList<string> Keys => Items.Select(i =>
    {
        var m = TestObjects.Json(i.Json).GetProperty("metadata");
        var ns = m.TryGetProperty("namespace", out var n) ? n.GetString() : "";
        var cluster = m.GetProperty("annotations").GetProperty(Objects.WellKnown.ClusterNameAnnotation).GetString();
        return $"{cluster}/{ns}/{m.GetProperty("name").GetString()}";
    }).ToList();
}
