namespace Clusterpedia.Query;

/// <summary>
/// Parses Clusterpedia's enhanced field selector: the label-selector grammar with field paths as keys
/// (<c>metadata.name=foo</c>, <c>.metadata.annotations['test.io']=x</c>, <c>spec.nodeName in (n1,n2)</c>,
/// <c>!metadata.deletionTimestamp</c>). Plain Kubernetes field selectors are a subset.
/// Values follow the label-value character rules but may be longer than 63 characters (object names reach 253).
/// </summary>
public static class FieldSelectorParser
{
    public const string Parameter = "fieldSelector";

    /// <exception cref="ListOptionsException">Naming <c>fieldSelector</c> and what is wrong.</exception>
    public static IReadOnlyList<FieldRequirement> Parse(string? selector)
    {
        if (string.IsNullOrWhiteSpace(selector)) return [];
        var terms = SelectorParser.Parse(
            selector, Parameter, key => FieldPathParser.TryParse(key, out _), LabelSyntax.CheckValueCharacters);
        return terms.Select(t => new FieldRequirement(FieldPathParser.Parse(t.Key), t.Operator, t.Values)).ToArray();
    }
}
