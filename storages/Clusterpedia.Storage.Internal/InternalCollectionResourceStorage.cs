using Clusterpedia.Query;
using Clusterpedia.Storage.Internal.Sql;

namespace Clusterpedia.Storage.Internal;

/// <summary>
/// One collection resource: the same list translation as a resource (without owner search) over a set of types.
/// For <c>any</c> the types come from the <c>groups</c> and <c>resources</c> URL parameters.
/// </summary>
internal sealed class InternalCollectionResourceStorage(SqlDialect dialect, CollectionResourceDefinition definition, WhereSqlGates gates) : ICollectionResourceStorage
{
    public CollectionResourceDefinition Definition { get; } = definition;

    public async ValueTask ListAsync(ListOptions options, IListSink sink, CancellationToken cancellationToken)
    {
        var types = Definition.Name == CollectionResources.Any ? RequestedTypes(options) : Definition.ResourceTypes;
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

    /// <summary>
    /// <c>groups</c>: <c>group</c> or <c>group/version</c> (<c>""</c> or <c>/</c> = core, <c>*</c> = everything);
    /// <c>resources</c>: <c>group/resource</c> or <c>group/version/resource</c> (<c>/pods</c> = core pods).
    /// </summary>
    internal static IReadOnlyList<CollectionResourceType>? RequestedTypes(ListOptions options)
    {
        var groups = Values(options, "groups");
        var resources = Values(options, "resources");
        if (groups is null && resources is null)
            throw StorageException.Invalid("url query - `groups` or `resources` is required");
        var types = new List<CollectionResourceType>();
        foreach (var item in Split(groups))
        {
            if (item == "*") return null;
            var parts = item.Split('/');
            if (parts.Length > 2) throw StorageException.Invalid($"url query - groups: '{item}' is not group or group/version");
            types.Add(new CollectionResourceType(parts[0], parts.Length == 2 ? parts[1] : "", ""));
        }
        foreach (var item in Split(resources))
        {
            var parts = item.Split('/');
            if (parts.Length is < 2 or > 3 || parts[^1].Length == 0)
                throw StorageException.Invalid($"url query - resources: '{item}' is not group/resource or group/version/resource");
            types.Add(new CollectionResourceType(parts[0], parts.Length == 3 ? parts[1] : "", parts[^1]));
        }
        return types;
    }

    private static string? Values(ListOptions options, string key) =>
        options.UrlQuery.TryGetValue(key, out var values) && values.Count > 0 ? string.Join(',', values) : null;

    // "" is the core group, so an empty item counts (groups= alone asks for the core group).
    private static IEnumerable<string> Split(string? value) =>
        value is null ? [] : value.Split(',').Select(v => v.Trim()).Select(v => v == "/" ? "" : v).Distinct();
}
