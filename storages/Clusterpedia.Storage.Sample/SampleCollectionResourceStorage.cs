using Clusterpedia.Query;
using Clusterpedia.Storage.Sample.Sql;

namespace Clusterpedia.Storage.Sample;

/// <summary>
/// One collection resource: a list across the resources <see cref="CollectionTypeCondition"/> chooses, with every list
/// filter except owner, ordered and paged like a resource list with the resource as the last tie-breaker.
/// </summary>
internal sealed class SampleCollectionResourceStorage(CollectionResourceDefinition definition, SampleDatabase database)
    : ICollectionResourceStorage
{
    public CollectionResourceDefinition Definition { get; } = definition;

    public ValueTask ListAsync(ListOptions options, IListSink sink, CancellationToken cancellationToken)
    {
        var types = BuiltInCollectionResources.TypesOf(Definition, options);
        return ListQuery.RunAsync(database, options, q => CollectionTypeCondition.For(q, types), collection: true, sink, cancellationToken);
    }
}
