namespace Clusterpedia.Query;

/// <summary>
/// One requirement of the enhanced field selector: a JSON path into the object and an operator, with the
/// label-selector semantics for missing fields. Values compare as text (numbers and booleans as their JSON text).
/// </summary>
public sealed record FieldRequirement(FieldPath Path, SelectorOperator Operator, IReadOnlyList<string> Values)
{
    // Values compare by content, so requirements parsed twice are equal.
    public bool Equals(FieldRequirement? other) =>
        other is not null && Path.Equals(other.Path) && Operator == other.Operator && Values.SequenceEqual(other.Values);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Path);
        hash.Add(Operator);
        foreach (var v in Values) hash.Add(v);
        return hash.ToHashCode();
    }
}

/// <summary>A path of object fields, e.g. <c>metadata.annotations['test.io']</c> = [metadata, annotations, test.io].</summary>
public sealed record FieldPath(IReadOnlyList<FieldPathSegment> Segments)
{
    /// <summary>True when any segment indexes a list (<c>[]</c> or <c>[n]</c>); the internal storage rejects these.</summary>
    public bool HasListSegment => Segments.Any(s => s.IsList);

    public override string ToString() => string.Join('.', Segments.Select(s => s.ToString()));

    public bool Equals(FieldPath? other) => other is not null && Segments.SequenceEqual(other.Segments);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var s in Segments) hash.Add(s);
        return hash.ToHashCode();
    }
}

/// <summary>One field name; <paramref name="IsList"/> with <paramref name="Index"/> null means <c>field[]</c> (any element).</summary>
public readonly record struct FieldPathSegment(string Name, bool IsList = false, int? Index = null)
{
    public override string ToString() => Name.Contains('.') ? $"['{Name}']" + ListSuffix : Name + ListSuffix;

    private string ListSuffix => !IsList ? "" : Index is { } i ? $"[{i}]" : "[]";
}
