using System.Globalization;

namespace Clusterpedia.Query;

/// <summary>One parsed requirement before its key is interpreted (as a label key or a field path).</summary>
internal readonly record struct SelectorTerm(string Key, SelectorOperator Operator, IReadOnlyList<string> Values);

/// <summary>
/// The Kubernetes label-selector grammar (k8s.io/apimachinery <c>labels.Parse</c>), shared by the label selector
/// and the enhanced field selector, which differ only in how keys and values are checked:
/// <code>
///   selector    = "" | requirement ("," requirement)*
///   requirement = ["!"] KEY | KEY ("=" | "==" | "!=") [VALUE] | KEY ("in" | "notin") "(" [VALUE ("," VALUE)*] ")"
///               | KEY ("&gt;" | "&lt;") INTEGER
/// </code>
/// Value lists are sets: duplicates are dropped, the written order is kept.
/// </summary>
internal sealed class SelectorParser
{
    private readonly string _parameter;
    private readonly Func<string, string?> _checkKey;
    private readonly Func<string, string?> _checkValue;
    private readonly List<SelectorLexeme> _tokens;
    private int _position;

    private SelectorParser(string selector, string parameter, Func<string, string?> checkKey, Func<string, string?> checkValue)
    {
        _parameter = parameter;
        _checkKey = checkKey;
        _checkValue = checkValue;
        _tokens = SelectorLexer.Lex(selector);
    }

    /// <param name="checkKey">Returns what is wrong with a key, or null.</param>
    /// <param name="checkValue">Returns what is wrong with a value, or null.</param>
    /// <exception cref="ListOptionsException">Naming <paramref name="parameter"/>.</exception>
    public static List<SelectorTerm> Parse(
        string selector, string parameter, Func<string, string?> checkKey, Func<string, string?> checkValue) =>
        new SelectorParser(selector, parameter, checkKey, checkValue).ParseSelector();

    private List<SelectorTerm> ParseSelector()
    {
        var terms = new List<SelectorTerm>();
        var first = Peek(valueContext: false);
        if (first.Token == SelectorToken.EndOfString) return terms;
        if (first.Token is not (SelectorToken.Identifier or SelectorToken.DoesNotExist))
            throw Error(first, "'!', a key or the end of the selector");

        while (true)
        {
            terms.Add(ParseRequirement());
            var next = Next(valueContext: false);
            switch (next.Token)
            {
                case SelectorToken.EndOfString:
                    return terms;
                case SelectorToken.Comma:
                    var after = Peek(valueContext: false);
                    if (after.Token is not (SelectorToken.Identifier or SelectorToken.DoesNotExist))
                        throw Error(after, "'!' or a key after ','");
                    break;
                default:
                    throw Error(next, "',' or the end of the selector");
            }
        }
    }

    private SelectorTerm ParseRequirement()
    {
        var token = Next(valueContext: false);
        var negated = token.Token == SelectorToken.DoesNotExist;
        if (negated) token = Next(valueContext: false);
        if (token.Token != SelectorToken.Identifier) throw Error(token, "a key");
        var key = token.Text;
        if (_checkKey(key) is { } keyError) throw new ListOptionsException(_parameter, keyError);

        var lookahead = Peek(valueContext: false).Token;
        if (negated || lookahead is SelectorToken.EndOfString or SelectorToken.Comma)
            return new SelectorTerm(key, negated ? SelectorOperator.DoesNotExist : SelectorOperator.Exists, []);

        var op = Next(valueContext: false);
        var @operator = op.Token switch
        {
            SelectorToken.Equals or SelectorToken.DoubleEquals => SelectorOperator.Equals,
            SelectorToken.NotEquals => SelectorOperator.NotEquals,
            SelectorToken.In => SelectorOperator.In,
            SelectorToken.NotIn => SelectorOperator.NotIn,
            SelectorToken.GreaterThan => SelectorOperator.GreaterThan,
            SelectorToken.LessThan => SelectorOperator.LessThan,
            _ => throw Error(op, "an operator (=, ==, !=, in, notin, >, <) after key '" + key + "'"),
        };

        var values = @operator is SelectorOperator.In or SelectorOperator.NotIn ? ParseValueSet() : [ParseExactValue()];
        if (@operator is SelectorOperator.GreaterThan or SelectorOperator.LessThan)
        {
            if (!long.TryParse(values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
                throw new ListOptionsException(_parameter, $"the value of '{key}' for '>' and '<' must be an integer, not '{values[0]}'");
        }
        else
        {
            foreach (var v in values)
            {
                if (_checkValue(v) is { } valueError) throw new ListOptionsException(_parameter, $"key '{key}': {valueError}");
            }
        }
        return new SelectorTerm(key, @operator, values);
    }

    private string ParseExactValue()
    {
        var next = Peek(valueContext: true);
        if (next.Token is SelectorToken.EndOfString or SelectorToken.Comma) return "";
        Next(valueContext: true);
        return next.Token == SelectorToken.Identifier ? next.Text : throw Error(next, "a value");
    }

    private List<string> ParseValueSet()
    {
        var open = Next(valueContext: true);
        if (open.Token != SelectorToken.OpenPar) throw Error(open, "'('");

        var values = new List<string>();
        var expectValue = true;
        while (true)
        {
            var token = Next(valueContext: true);
            switch (token.Token)
            {
                case SelectorToken.ClosedPar:
                    // "()" and a trailing "," both mean the empty value, as in Kubernetes.
                    if (expectValue) Add(values, "");
                    return values;
                case SelectorToken.Comma:
                    if (expectValue) Add(values, "");
                    expectValue = true;
                    break;
                case SelectorToken.Identifier when expectValue:
                    Add(values, token.Text);
                    expectValue = false;
                    break;
                default:
                    throw Error(token, expectValue ? "a value, ',' or ')'" : "',' or ')'");
            }
        }
    }

    private static void Add(List<string> values, string value)
    {
        if (!values.Contains(value)) values.Add(value);
    }

    private SelectorLexeme Peek(bool valueContext) => InContext(_tokens[_position], valueContext);

    private SelectorLexeme Next(bool valueContext)
    {
        var token = InContext(_tokens[_position], valueContext);
        if (token.Token != SelectorToken.EndOfString) _position++;
        return token;
    }

    // Where a value is expected, the keywords "in" and "notin" are plain values.
    private static SelectorLexeme InContext(SelectorLexeme token, bool valueContext) =>
        valueContext && token.Token is SelectorToken.In or SelectorToken.NotIn
            ? token with { Token = SelectorToken.Identifier }
            : token;

    private ListOptionsException Error(SelectorLexeme found, string expected) =>
        new(_parameter, found.Token == SelectorToken.EndOfString
            ? $"unexpected end of the selector, expected {expected}"
            : $"found '{found.Text}', expected {expected}");
}
