using Clusterpedia.Query;

namespace Clusterpedia.Storage.Memory;

/// <summary>
/// One collection resource over the memory storage: every list filter except owner, across the chosen resources,
/// ordered and paged like a resource list with the resource as the last tie-breaker. No list resourceVersion: the
/// resources have separate sequences.
/// </summary>
internal sealed class MemoryCollectionResourceStorage(CollectionResourceDefinition definition, MemoryStorageFactory factory)
    : ICollectionResourceStorage
{
    public CollectionResourceDefinition Definition { get; } = definition;

    public ValueTask ListAsync(ListOptions options, IListSink sink, CancellationToken cancellationToken)
    {
        var types = BuiltInCollectionResources.TypesOf(Definition, options);
        var filter = factory.CreateFilter(options, forResource: false);
        var order = ListOrder.Create(options.OrderBy, withResource: true);
        var cursor = options.Continue?.Cursor;
        cursor?.EnsureMatches(options.OrderBy);

        var matching = new List<ListCandidate>();
        foreach (var store in factory.Stores)
        {
            if (types is not null && !types.Any(t => t.Covers(store.Resource))) continue;
            var objects = filter.SingleCluster is { } cluster
                ? ResourceStore.Range(store.Current.Objects, new ObjectKey(cluster, "", ""), cluster, null)
                : store.Current.Objects;
            foreach (var obj in objects)
            {
                if (filter.Matches(obj)) matching.Add(new ListCandidate(obj, store));
            }
        }
        order.Sort(matching);
        return ListPager.WriteAsync(ListPager.After(matching, order, cursor), order, options, null, sink, cancellationToken);
    }
}
