using System.Globalization;

namespace Clusterpedia.Query;

/// <summary>Scalar and list values of search parameters, each failure naming the parameter or search label.</summary>
public static class QueryValues
{
    /// <summary>
    /// A comma list as upstream splits it (the whole string trimmed, items not trimmed); empty items are dropped,
    /// so <c>clusters=a,,b</c> is <c>[a, b]</c> and <c>clusters=,</c> is no filter.
    /// </summary>
    public static IReadOnlyList<string> SplitList(string? value) =>
        string.IsNullOrWhiteSpace(value) ? [] : value.Trim().Split(',').Where(s => s.Length > 0).ToArray();

    /// <summary>
    /// <c>names</c> as upstream filters it: a value made only of empty items (<c>names=,</c>) matches no object, so it
    /// becomes the one name no object has.
    /// </summary>
    public static IReadOnlyList<string> SplitNames(string? value) =>
        SplitList(value) is { Count: 0 } && !string.IsNullOrWhiteSpace(value) ? [""] : SplitList(value);

    /// <summary>
    /// The deepest owner search served: each level is one more nested sub-select, so an unbounded value is a denial of
    /// service (800 levels cost PostgreSQL seconds, 1,100 exhaust its memory). Upstream's own examples stop at 2.
    /// </summary>
    public const int MaxOwnerSeniority = 10;

    public static int ParseOwnerSeniority(string value, string parameter)
    {
        var n = ParseNonNegativeInt(value, parameter);
        return n <= MaxOwnerSeniority ? n : throw new ListOptionsException(parameter, $"'{value}' is more than the maximum of {MaxOwnerSeniority}");
    }

    /// <summary>Go's <c>strconv.ParseBool</c>: 1, t, T, TRUE, true, True, 0, f, F, FALSE, false, False.</summary>
    public static bool ParseBool(string value, string parameter) => value switch
    {
        "1" or "t" or "T" or "TRUE" or "true" or "True" => true,
        "0" or "f" or "F" or "FALSE" or "false" or "False" => false,
        _ => throw new ListOptionsException(parameter, $"'{value}' is not a boolean (true or false)"),
    };

    public static long ParseNonNegativeLong(string value, string parameter)
    {
        if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
            throw new ListOptionsException(parameter, $"'{value}' is not an integer");
        if (n < 0) throw new ListOptionsException(parameter, $"'{value}' must not be negative");
        return n;
    }

    public static int ParseNonNegativeInt(string value, string parameter)
    {
        var n = ParseNonNegativeLong(value, parameter);
        return n <= int.MaxValue ? (int)n : throw new ListOptionsException(parameter, $"'{value}' is too large");
    }

    /// <summary><c>resource.group</c> as <see cref="Objects.GroupResource.Parse"/> reads it; the resource part must not be empty.</summary>
    public static Objects.GroupResource ParseGroupResource(string value, string parameter)
    {
        var gr = Objects.GroupResource.Parse(value.Trim());
        return gr.Resource.Length > 0
            ? gr
            : throw new ListOptionsException(parameter, $"'{value}' is not 'resource.group' (e.g. deployments.apps, pods)");
    }

    /// <summary>
    /// A numeric <c>continue</c> is an offset (upstream compatibility); anything else must be a cursor this server issued.
    /// </summary>
    public static ContinueToken ParseContinue(string value, string parameter = "continue")
    {
        var digits = value.StartsWith('-') ? value.AsSpan(1) : value.AsSpan();
        if (digits.Length > 0 && !digits.ContainsAnyExcept("0123456789"))
            return ContinueToken.FromOffset(ParseNonNegativeLong(value, parameter));
        return ContinueToken.FromCursor(ListCursor.Decode(value));
    }
}
