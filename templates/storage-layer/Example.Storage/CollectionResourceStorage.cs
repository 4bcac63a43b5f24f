using Clusterpedia.Query;
using Clusterpedia.Storage;

namespace Example.Storage;

/// <summary>One collection resource: a list across the resources it covers (owner searches do not apply).</summary>
public sealed class CollectionResourceStorage(CollectionResourceDefinition definition, ObjectTable table) : ICollectionResourceStorage
{
    public CollectionResourceDefinition Definition { get; } = definition;

    public ValueTask ListAsync(ListOptions options, IListSink sink, CancellationToken cancellationToken)
    {
        var covers = CollectionResourceSelector.Selector(Definition.Name, options);
        return ListWriter.WriteAsync(table.Where(o => covers(o.Resource)), options, owners: null, collection: true, sink, cancellationToken);
    }
}
