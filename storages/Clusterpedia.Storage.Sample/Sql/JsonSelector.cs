using System.Globalization;
using System.Text;
using Clusterpedia.Query;

namespace Clusterpedia.Storage.Sample.Sql;

/// <summary>
/// Label and field selectors as SQL over the stored JSON, with SQLite's JSON functions. A requirement reads the
/// values at a path of <c>object</c> as text (strings unquoted; numbers, booleans, objects and arrays as JSON text;
/// a missing field or JSON null as SQL NULL) and applies Kubernetes' label-selector semantics:
/// <c>!=</c>, <c>notin</c> and <c>!</c> also match objects without the field.
/// </summary>
/// <remarks>
/// A path with list segments: <c>containers[1].name</c> is an ordinary JSON path; <c>containers[].name</c> walks the
/// array with <c>json_each</c>, and matches when any element does (the negated operators: when no element does).
/// The paths are parameters too: a key with dots or slashes (<c>example.io/team</c>) is quoted inside the path.
/// </remarks>
internal static class JsonSelector
{
    public static string Label(SqlText q, LabelRequirement requirement) =>
        Requirement(q, [new FieldPathSegment("metadata"), new FieldPathSegment("labels"), new FieldPathSegment(requirement.Key)],
            requirement.Operator, requirement.Values, "labelSelector");

    public static string Field(SqlText q, FieldRequirement requirement) =>
        Requirement(q, requirement.Path.Segments, requirement.Operator, requirement.Values, "fieldSelector");

    private static string Requirement(
        SqlText q, IReadOnlyList<FieldPathSegment> path, SelectorOperator op, IReadOnlyList<string> values, string parameter)
    {
        foreach (var segment in path)
        {
            if (segment.Name.Contains('"'))
                throw StorageException.Invalid($"{parameter}: the sample storage cannot search a key containing '\"': {segment.Name}");
        }

        // The negated operators are "no value matches the positive one".
        var (positive, negate) = op switch
        {
            SelectorOperator.NotEquals => (SelectorOperator.Equals, true),
            SelectorOperator.NotIn => (SelectorOperator.In, true),
            SelectorOperator.DoesNotExist => (SelectorOperator.Exists, true),
            _ => (op, false),
        };
        Func<string, string> matches = positive switch
        {
            SelectorOperator.Equals or SelectorOperator.In => v => $"({v} IS NOT NULL AND {v} IN {q.Params(values)})",
            SelectorOperator.Exists => v => $"({v} IS NOT NULL)",
            SelectorOperator.GreaterThan => v => IntegerCompare(q, v, ">", values, parameter),
            SelectorOperator.LessThan => v => IntegerCompare(q, v, "<", values, parameter),
            _ => throw StorageException.Invalid($"{parameter}: unsupported operator {op}"),
        };
        var any = AnyValue(q, "'$'", path, 0, matches);
        return negate ? $"NOT {any}" : any;
    }

    /// <summary>
    /// True when some value at <paramref name="path"/> (from segment <paramref name="from"/> on, below the JSON
    /// path that the SQL expression <paramref name="prefix"/> yields) satisfies <paramref name="matches"/>.
    /// </summary>
    private static string AnyValue(SqlText q, string prefix, IReadOnlyList<FieldPathSegment> path, int from, Func<string, string> matches)
    {
        // Everything up to the next "any element" segment is one plain JSON path.
        var relative = new StringBuilder();
        var i = from;
        for (; i < path.Count; i++)
        {
            var segment = path[i];
            relative.Append(".\"").Append(segment.Name).Append('"');
            if (segment is { IsList: true, Index: null }) break;
            if (segment is { IsList: true, Index: { } index }) relative.Append('[').Append(index.ToString(CultureInfo.InvariantCulture)).Append(']');
        }
        var pathSql = $"{prefix} || {q.Param(relative.ToString())}";
        if (i == path.Count) return matches(TextAt(pathSql));

        // path[i] is "field[]": one row per element, then the rest of the path below each element's full path.
        var alias = "e" + i.ToString(CultureInfo.InvariantCulture);
        var below = AnyValue(q, $"{alias}.fullkey", path, i + 1, matches);
        return $"EXISTS (SELECT 1 FROM json_each(object, {pathSql}) AS {alias} WHERE json_type(object, {pathSql}) = 'array' AND {below})";
    }

    /// <summary>The value at a JSON path as text: strings unquoted, other JSON as its text, JSON null as NULL.</summary>
    private static string TextAt(string pathSql) =>
        $"(CASE json_type(object, {pathSql}) WHEN 'text' THEN json_extract(object, {pathSql}) WHEN 'null' THEN NULL ELSE object -> ({pathSql}) END)";

    /// <summary>gt/lt: the value must be an integer (digits only) and compare as one.</summary>
    private static string IntegerCompare(SqlText q, string v, string op, IReadOnlyList<string> values, string parameter)
    {
        if (values.Count != 1 || !long.TryParse(values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var bound))
            throw StorageException.Invalid($"{parameter}: gt and lt need one integer value");
        return $"({v} IS NOT NULL AND {v} <> '' AND {v} NOT GLOB '*[^0-9]*' AND CAST({v} AS INTEGER) {op} {q.Param(bound)})";
    }
}
