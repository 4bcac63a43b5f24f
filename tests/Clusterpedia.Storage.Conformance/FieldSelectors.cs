using Clusterpedia.Query;

namespace Clusterpedia.Storage.Conformance;

/// <summary>Builds field requirements without the query parser.</summary>
public static class FieldSelectors
{
    /// <summary>A requirement on a path of plain object fields.</summary>
    public static FieldRequirement Require(SelectorOperator op, string[] path, params string[] values) =>
        new(new FieldPath(path.Select(p => new FieldPathSegment(p)).ToArray()), op, values);

    /// <summary>A requirement on an explicit path, for list segments.</summary>
    public static FieldRequirement Require(SelectorOperator op, FieldPathSegment[] path, params string[] values) =>
        new(new FieldPath(path), op, values);
}
