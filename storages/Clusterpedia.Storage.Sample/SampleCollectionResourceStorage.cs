using Clusterpedia.Query;
using Clusterpedia.Storage.Sample.Sql;

namespace Clusterpedia.Storage.Sample;

/// <summary>
/// One collection resource: a list across the resources <see cref="CollectionResources"/> chooses, with every list
/// filter except owner, ordered and paged like a resource list with the resource as the last tie-breaker.
/// </summary>
internal sealed class SampleCollectionResourceStorage(CollectionResourceDefinition definition, SampleDatabase database)
    : ICollectionResourceStorage
{
    public CollectionResourceDefinition Definition { get; } = definition;

    public ValueTask ListAsync(ListOptions options, IListSink sink, CancellationToken cancellationToken) =>
        ListQuery.RunAsync(database, options, q => CollectionResources.Condition(q, Definition.Name, options), collection: true,
            sink, cancellationToken);
}
