namespace Clusterpedia.Query;

/// <summary>
/// Parses sort keys. URL form: <c>orderby=name,created_at desc</c> (<c>field[ desc]</c>; <c>a b</c> is invalid).
/// Label form: <c>search.clusterpedia.io/orderby in (cluster,created_at_desc)</c>, where the last <c>_desc</c>
/// marks descending, so <c>resource_version</c> stays ascending.
/// Fields are whitelisted (DESIGN.md §3.4): they name columns of every storage layer, never raw SQL.
/// Empty items are skipped and a field may appear only once.
/// </summary>
public static class OrderByParser
{
    public static IReadOnlyList<string> SupportedFields { get; } = ["cluster", "namespace", "name", "created_at", "resource_version"];

    /// <exception cref="ListOptionsException">Naming <paramref name="parameter"/>.</exception>
    public static IReadOnlyList<OrderBy> ParseUrl(string value, string parameter = "orderby") =>
        Parse(value.Split(','), ' ', parameter);

    /// <exception cref="ListOptionsException">Naming <paramref name="parameter"/>.</exception>
    public static IReadOnlyList<OrderBy> ParseLabel(IEnumerable<string> values, string parameter) =>
        Parse(values, '_', parameter);

    private static List<OrderBy> Parse(IEnumerable<string> items, char descSeparator, string parameter)
    {
        var result = new List<OrderBy>();
        foreach (var raw in items)
        {
            var item = raw.Trim();
            if (item.Length == 0) continue;

            string field;
            var descending = false;
            if (descSeparator == ' ')
            {
                var parts = item.Split(' ');
                if (parts.Length > 1 && parts[^1] == "desc")
                {
                    descending = true;
                    parts = parts[..^1];
                }
                if (parts.Length != 1)
                    throw new ListOptionsException(parameter, $"'{item}' is not 'field' or 'field desc'");
                field = parts[0];
            }
            else
            {
                descending = item.EndsWith("_desc", StringComparison.Ordinal) && item.Length > "_desc".Length;
                field = descending ? item[..^"_desc".Length] : item;
            }

            if (!SupportedFields.Contains(field))
                throw new ListOptionsException(parameter, $"cannot sort by '{field}'; supported fields: {string.Join(", ", SupportedFields)}");
            if (result.Any(o => o.Field == field))
                throw new ListOptionsException(parameter, $"field '{field}' is given more than once");
            result.Add(new OrderBy(field, descending));
        }
        return result;
    }
}
