namespace Clusterpedia.Query;

/// <summary>
/// Parses a Kubernetes label selector (<c>app=web,tier in (a,b),!canary,replicas&gt;2</c>) into requirements.
/// Keys must be qualified names and values valid label values, exactly as Kubernetes checks them; so search labels
/// carried in the selector obey the same rules.
/// </summary>
public static class LabelSelectorParser
{
    public const string Parameter = "labelSelector";

    /// <exception cref="ListOptionsException">Naming <paramref name="parameter"/> and what is wrong.</exception>
    public static IReadOnlyList<LabelRequirement> Parse(string? selector, string parameter = Parameter)
    {
        if (string.IsNullOrWhiteSpace(selector)) return [];
        return SelectorParser.Parse(selector, parameter, CheckKey, LabelSyntax.CheckLabelValue)
            .Select(t => new LabelRequirement(t.Key, t.Operator, t.Values))
            .ToArray();
    }

    private static string? CheckKey(string key) =>
        LabelSyntax.CheckQualifiedName(key) is { } error ? "invalid label key " + error : null;
}
