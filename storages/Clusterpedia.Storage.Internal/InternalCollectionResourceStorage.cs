using Clusterpedia.Query;
using Clusterpedia.Storage.Internal.Sql;

namespace Clusterpedia.Storage.Internal;

/// <summary>
/// One collection resource: the same list translation as a resource (without owner search) over a set of types.
/// The types are <see cref="BuiltInCollectionResources.TypesOf"/>: for <c>any</c> the <c>groups</c> and <c>resources</c> URL parameters.
/// </summary>
internal sealed class InternalCollectionResourceStorage(SqlDialect dialect, CollectionResourceDefinition definition, WhereSqlGates gates) : ICollectionResourceStorage
{
    public CollectionResourceDefinition Definition { get; } = definition;

    public async ValueTask ListAsync(ListOptions options, IListSink sink, CancellationToken cancellationToken)
    {
        var types = BuiltInCollectionResources.TypesOf(Definition, options);
        var clientSql = WhereSql.From(options, gates, dialect is MySqlDialect);
        try
        {
            await ListExecutor.RunAsync(dialect, options, q => TypeFilter(q, types), null, null, clientSql, sink, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (InternalResourceStorage.Wrap(e, cancellationToken))
        {
            throw dialect.Classify(e, $"list collection resource {Definition.Name}", clientSql);
        }
    }

    /// <summary>ORed type conditions; null types (<c>groups=*</c>) match every row.</summary>
    private void TypeFilter(SqlText q, IReadOnlyList<CollectionResourceType>? types)
    {
        if (types is null)
        {
            q.Append("1 = 1");
            return;
        }
        if (types.Count == 0)
        {
            q.Append("1 = 0");
            return;
        }
        var terms = types.Select(t =>
        {
            var term = $"{dialect.Group} = {q.Param(t.Group)}";
            if (t.Version.Length > 0) term += $" AND version = {q.Param(t.Version)}";
            if (t.Resource.Length > 0) term += $" AND resource = {q.Param(t.Resource)}";
            return "(" + term + ")";
        });
        q.Append(string.Join(" OR ", terms));
    }
}
