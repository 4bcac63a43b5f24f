using System.Globalization;
using Clusterpedia.Query;

namespace Clusterpedia.Storage.Sample.Sql;

/// <summary>
/// Every filtering list option as a SQL condition on the <c>resources</c> table. Ordering and paging are in
/// <see cref="ListOrder"/>; the resource (or the collection's resources) is chosen by the caller.
/// </summary>
internal static class ListFilter
{
    /// <summary>Appends <c> AND ...</c> for each option that is set.</summary>
    /// <param name="withOwner">Owner searches apply to resource lists; collections ignore them, as upstream.</param>
    public static void Append(SqlText q, ListOptions o, bool withOwner)
    {
        if (o.Clusters.Count > 0) q.Append($" AND cluster IN {q.Params(o.Clusters)}");
        if (o.Namespaces.Count > 0) q.Append($" AND namespace IN {q.Params(o.Namespaces)}");
        if (o.Names.Count > 0) q.Append($" AND name IN {q.Params(o.Names)}");
        // instr is case-sensitive and needs no escaping, unlike LIKE.
        foreach (var fuzzy in o.FuzzyNames) q.Append($" AND instr(name, {q.Param(fuzzy)}) > 0");

        if (o.Since is { } since) q.Append($" AND created_at >= {q.Param(Timestamp(since))}");
        if (o.Before is { } before) q.Append($" AND created_at < {q.Param(Timestamp(before))}");

        foreach (var label in o.LabelSelector) q.Append(" AND ").Append(JsonSelector.Label(q, label));
        foreach (var field in o.FieldSelector) q.Append(" AND ").Append(JsonSelector.Field(q, field));
        // ExtraLabelSelector holds other *clusterpedia.io* label keys for storage-specific searches; this layer has none.

        if (withOwner && o.HasOwner) q.Append(" AND owner_uid IN ").Append(Owners(q, o));
    }

    /// <summary>The stored form of a timestamp: fixed-width UTC text, so text order is time order.</summary>
    public static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>
    /// The uids whose controlled objects match: the owner (by uid, or by name and group-resource in the requested
    /// namespaces or cluster-scoped), then one level of children per seniority (0 = the owner's children).
    /// </summary>
    private static string Owners(SqlText q, ListOptions o)
    {
        if (o.Clusters.Count != 1)
            throw StorageException.Invalid("If searching by owner uid or name, then the cluster must be specified");
        var cluster = q.Param(o.Clusters[0]);

        string owners;
        if (!string.IsNullOrEmpty(o.OwnerUid))
        {
            owners = $"({q.Param(o.OwnerUid)})";
        }
        else
        {
            var byName = $"SELECT uid FROM resources WHERE cluster = {cluster} AND uid <> '' AND name = {q.Param(o.OwnerName)}";
            if (o.OwnerGroupResource is { } gr) byName += $" AND \"group\" = {q.Param(gr.Group)} AND resource = {q.Param(gr.Resource)}";
            if (o.Namespaces.Count > 0) byName += $" AND namespace IN {q.Params([.. o.Namespaces, ""])}";
            owners = $"({byName})";
        }
        for (var level = 0; level < o.OwnerSeniority; level++)
            owners = $"(SELECT uid FROM resources WHERE cluster = {cluster} AND uid <> '' AND owner_uid IN {owners})";
        return owners;
    }
}
