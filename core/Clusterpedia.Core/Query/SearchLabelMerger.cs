namespace Clusterpedia.Query;

/// <summary>
/// Splits a parsed label selector into search options, extra (<c>*clusterpedia.io*</c>) requirements and ordinary
/// label requirements, and merges the search options into options parsed from the URL. A URL parameter wins when it
/// is set (for limit and owner seniority: set and not 0, as upstream). The label operator is ignored; the value set
/// is used, in the order written. Every search label is checked even when the URL parameter wins.
/// </summary>
internal static class SearchLabelMerger
{
    /// <param name="beforeParameter">Where <see cref="ListOptions.Before"/> came from, for the before/since check.</param>
    /// <param name="sinceParameter">Where <see cref="ListOptions.Since"/> came from.</param>
    public static ListOptions Merge(
        ListOptions url, IReadOnlyList<LabelRequirement> selector, ref string beforeParameter, ref string sinceParameter)
    {
        var o = url;
        var labels = new List<LabelRequirement>();
        var extra = new List<LabelRequirement>();
        var fuzzyNames = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);

        foreach (var r in selector)
        {
            var key = r.Key;
            if (SearchLabels.All.Contains(key) && !seen.Add(key))
                throw new ListOptionsException(key, "the search label is given more than once");

            switch (key)
            {
                case SearchLabels.Clusters:
                    if (o.Clusters.Count == 0) o = o with { Clusters = List(r) };
                    break;
                case SearchLabels.Namespaces:
                    if (o.Namespaces.Count == 0) o = o with { Namespaces = List(r) };
                    break;
                case SearchLabels.Names:
                    if (o.Names.Count == 0) o = o with { Names = List(r) };
                    break;
                case SearchLabels.OrderBy:
                    var orderBy = OrderByParser.ParseLabel(r.Values, key);
                    if (o.OrderBy.Count == 0) o = o with { OrderBy = orderBy };
                    break;
                case SearchLabels.OwnerUid:
                    var uid = Single(r);
                    if (string.IsNullOrEmpty(o.OwnerUid)) o = o with { OwnerUid = uid };
                    break;
                case SearchLabels.OwnerName:
                    var ownerName = Single(r);
                    if (string.IsNullOrEmpty(o.OwnerName)) o = o with { OwnerName = ownerName };
                    break;
                case SearchLabels.OwnerGroupResource:
                    var gr = QueryValues.ParseGroupResource(Single(r), key);
                    o = o with { OwnerGroupResource = o.OwnerGroupResource ?? gr };
                    break;
                case SearchLabels.OwnerSeniority:
                    var seniority = QueryValues.ParseOwnerSeniority(Single(r), key);
                    if (o.OwnerSeniority == 0) o = o with { OwnerSeniority = seniority };
                    break;
                case SearchLabels.Since:
                    var since = SearchTime.Parse(Single(r), key);
                    if (o.Since is null) (o, sinceParameter) = (o with { Since = since }, key);
                    break;
                case SearchLabels.Before:
                    var before = SearchTime.Parse(Single(r), key);
                    if (o.Before is null) (o, beforeParameter) = (o with { Before = before }, key);
                    break;
                case SearchLabels.Limit:
                    var limit = QueryValues.ParseNonNegativeLong(Single(r), key);
                    if (o.Limit == 0) o = o with { Limit = limit };
                    break;
                case SearchLabels.Offset:
                    var offset = QueryValues.ParseNonNegativeLong(Single(r), key);
                    o = o with { Continue = o.Continue ?? ContinueToken.FromOffset(offset) };
                    break;
                case SearchLabels.WithContinue:
                    var withContinue = QueryValues.ParseBool(Single(r), key);
                    o = o with { WithContinue = o.WithContinue ?? withContinue };
                    break;
                case SearchLabels.WithRemainingCount:
                    var withRemainingCount = QueryValues.ParseBool(Single(r), key);
                    o = o with { WithRemainingCount = o.WithRemainingCount ?? withRemainingCount };
                    break;
                case SearchLabels.InjectEvents:
                    o = o with { InjectEvents = QueryValues.ParseBool(Single(r), key) };
                    break;
                case SearchLabels.Forward:
                    o = o with { Forward = r.Operator != SelectorOperator.DoesNotExist };
                    break;
                case SearchLabels.FuzzyName:
                    if (r.Operator is not (SelectorOperator.Equals or SelectorOperator.In))
                        throw new ListOptionsException(key, "only '=', '==' and 'in' are supported");
                    fuzzyNames.AddRange(r.Values.Where(v => v.Length > 0 && !fuzzyNames.Contains(v)));
                    extra.Add(r);
                    break;
                default:
                    if (key.StartsWith(SearchLabels.Prefix, StringComparison.Ordinal))
                        throw new ListOptionsException(key, "unknown search label; known: " + string.Join(", ", SearchLabels.All));
                    (key.Contains(SearchLabels.ExtraLabelMarker, StringComparison.Ordinal) ? extra : labels).Add(r);
                    break;
            }
        }

        return o with { LabelSelector = labels, ExtraLabelSelector = extra, FuzzyNames = fuzzyNames };
    }

    private static IReadOnlyList<string> List(LabelRequirement r) => r.Values.Where(v => v.Length > 0).ToArray();

    private static string Single(LabelRequirement r) =>
        r.Values.Count == 1 && r.Values[0].Length > 0
            ? r.Values[0]
            : throw new ListOptionsException(r.Key, "the search label takes exactly one non-empty value");
}
