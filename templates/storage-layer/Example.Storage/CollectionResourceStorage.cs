using Clusterpedia.Query;
using Clusterpedia.Storage;

namespace Example.Storage;

/// <summary>One collection resource: a list across the resources it covers (owner searches do not apply).</summary>
public sealed class CollectionResourceStorage(CollectionResourceDefinition definition, ObjectTable table) : ICollectionResourceStorage
{
    public CollectionResourceDefinition Definition { get; } = definition;

    public ValueTask ListAsync(ListOptions options, IListSink sink, CancellationToken cancellationToken)
    {
        // The built-in definitions and the `any` URL parameters come from the contract (null types: every resource).
        var types = BuiltInCollectionResources.TypesOf(Definition, options);
        return ListWriter.WriteAsync(table.Where(o => types is null || types.Any(t => t.Covers(o.Resource))), options, owners: null,
            collection: true, sink, cancellationToken);
    }
}
