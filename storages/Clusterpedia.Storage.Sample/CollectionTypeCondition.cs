using Clusterpedia.Storage.Sample.Sql;

namespace Clusterpedia.Storage.Sample;

/// <summary>
/// The SQL condition choosing the rows of a collection resource's types (<see cref="BuiltInCollectionResources.TypesOf"/>):
/// whole groups become one <c>"group" IN (...)</c>, the other types are ORed.
/// </summary>
internal static class CollectionTypeCondition
{
    /// <param name="types">Null (<c>groups=*</c>) chooses every row.</param>
    public static string For(SqlText q, IReadOnlyList<CollectionResourceType>? types)
    {
        if (types is null) return "1 = 1";
        var wholeGroups = types.Where(t => t.Version.Length == 0 && t.Resource.Length == 0).Select(t => t.Group).ToArray();
        var terms = new List<string>();
        if (wholeGroups.Length > 0) terms.Add($"\"group\" IN {q.Params(wholeGroups)}");
        foreach (var t in types.Where(t => t.Version.Length > 0 || t.Resource.Length > 0))
        {
            var term = $"\"group\" = {q.Param(t.Group)}";
            if (t.Version.Length > 0) term += $" AND version = {q.Param(t.Version)}";
            if (t.Resource.Length > 0) term += $" AND resource = {q.Param(t.Resource)}";
            terms.Add(term);
        }
        return terms.Count == 0 ? "1 = 0" : "((" + string.Join(") OR (", terms) + "))";
    }
}
