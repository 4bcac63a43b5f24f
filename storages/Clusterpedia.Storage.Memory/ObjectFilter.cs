using Clusterpedia.Query;

namespace Clusterpedia.Storage.Memory;

/// <summary>
/// Every filtering option of a list or watch as one predicate over stored objects. Ordering and paging are not
/// filters; see <see cref="ListOrder"/> and <see cref="ListPager"/>. Extra label requirements are ignored: the only
/// one this layer understands, fuzzy-name, already arrives in <see cref="ListOptions.FuzzyNames"/>.
/// </summary>
internal sealed class ObjectFilter
{
    private readonly HashSet<string>? _clusters;
    private readonly HashSet<string>? _namespaces;
    private readonly HashSet<string>? _names;
    private readonly IReadOnlyList<string> _fuzzyNames;
    private readonly DateTimeOffset? _since;
    private readonly DateTimeOffset? _before;
    private readonly IReadOnlyList<LabelRequirement> _labels;
    private readonly IReadOnlyList<FieldRequirement> _fields;
    private readonly HashSet<string>? _ownerUids;

    /// <param name="options">The request's options.</param>
    /// <param name="ownerUids">The uids whose controlled objects match (already resolved through the seniority), or null for no owner filter.</param>
    public ObjectFilter(ListOptions options, HashSet<string>? ownerUids)
    {
        _clusters = ToSet(options.Clusters);
        _namespaces = ToSet(options.Namespaces);
        _names = ToSet(options.Names);
        _fuzzyNames = options.FuzzyNames;
        _since = options.Since;
        _before = options.Before;
        _labels = options.LabelSelector;
        _fields = options.FieldSelector;
        _ownerUids = ownerUids;
    }

    /// <summary>The single cluster requested, if exactly one: lists then scan only that cluster's key range.</summary>
    public string? SingleCluster => _clusters is { Count: 1 } ? _clusters.First() : null;

    /// <summary>The single namespace requested, if exactly one.</summary>
    public string? SingleNamespace => _namespaces is { Count: 1 } ? _namespaces.First() : null;

    public bool Matches(StoredObject obj)
    {
        var key = obj.Key;
        if (_clusters is not null && !_clusters.Contains(key.Cluster)) return false;
        if (_namespaces is not null && !_namespaces.Contains(key.Namespace)) return false;
        if (_names is not null && !_names.Contains(key.Name)) return false;
        foreach (var fuzzy in _fuzzyNames)
        {
            if (!key.Name.Contains(fuzzy, StringComparison.Ordinal)) return false;
        }

        var metadata = obj.Metadata;
        if (_since is { } since && !(metadata.CreationTimestamp >= since)) return false;
        if (_before is { } before && !(metadata.CreationTimestamp < before)) return false;
        if (_ownerUids is not null && !_ownerUids.Contains(metadata.ControllerUid)) return false;
        foreach (var label in _labels)
        {
            if (!label.Matches(metadata.Labels)) return false;
        }
        foreach (var field in _fields)
        {
            if (!MatchesField(field, JsonFieldReader.Read(obj.Json.Span, field.Path))) return false;
        }
        return true;
    }

    /// <summary>Label-selector semantics over the field's values; a list path matches when any element does.</summary>
    private static bool MatchesField(FieldRequirement requirement, List<string> values) => requirement.Operator switch
    {
        SelectorOperator.Equals or SelectorOperator.In => values.Exists(v => requirement.Values.Contains(v)),
        SelectorOperator.NotEquals or SelectorOperator.NotIn => !values.Exists(v => requirement.Values.Contains(v)),
        SelectorOperator.Exists => values.Count > 0,
        SelectorOperator.DoesNotExist => values.Count == 0,
        SelectorOperator.GreaterThan => values.Exists(v => CompareInteger(v, requirement.Values) > 0),
        SelectorOperator.LessThan => values.Exists(v => CompareInteger(v, requirement.Values) < 0),
        _ => false,
    };

    /// <summary>Compares as integers; a value that is not one never matches (0 is "no match" for gt/lt).</summary>
    private static int CompareInteger(string value, IReadOnlyList<string> bound) =>
        bound.Count == 1 && long.TryParse(value, out var v) && long.TryParse(bound[0], out var b) ? v.CompareTo(b) : 0;

    private static HashSet<string>? ToSet(IReadOnlyList<string> values) =>
        values.Count == 0 ? null : new HashSet<string>(values, StringComparer.Ordinal);
}
