namespace Clusterpedia.Query;

internal enum SelectorToken
{
    EndOfString,
    Identifier,
    In,
    NotIn,
    DoesNotExist,
    Equals,
    DoubleEquals,
    NotEquals,
    GreaterThan,
    LessThan,
    OpenPar,
    ClosedPar,
    Comma,
}

internal readonly record struct SelectorLexeme(SelectorToken Token, string Text);

/// <summary>
/// Splits a selector into tokens the way the Kubernetes label lexer does: whitespace separates, the symbols
/// <c>= == != ! ( ) , &gt; &lt;</c> stand alone (longest match), and everything else up to them is one identifier.
/// Field paths (<c>metadata.annotations['a.b']</c>) therefore lex as one identifier, like label keys.
/// </summary>
internal static class SelectorLexer
{
    public static List<SelectorLexeme> Lex(string selector)
    {
        var tokens = new List<SelectorLexeme>();
        var i = 0;
        while (true)
        {
            while (i < selector.Length && IsWhitespace(selector[i])) i++;
            if (i == selector.Length)
            {
                tokens.Add(new SelectorLexeme(SelectorToken.EndOfString, ""));
                return tokens;
            }

            var c = selector[i];
            if (IsSpecialSymbol(c))
            {
                var two = i + 1 < selector.Length ? selector.Substring(i, 2) : "";
                var token = two switch
                {
                    "==" => SelectorToken.DoubleEquals,
                    "!=" => SelectorToken.NotEquals,
                    _ => (SelectorToken?)null,
                };
                if (token is { } t)
                {
                    tokens.Add(new SelectorLexeme(t, two));
                    i += 2;
                    continue;
                }
                tokens.Add(new SelectorLexeme(c switch
                {
                    '=' => SelectorToken.Equals,
                    '!' => SelectorToken.DoesNotExist,
                    '(' => SelectorToken.OpenPar,
                    ')' => SelectorToken.ClosedPar,
                    ',' => SelectorToken.Comma,
                    '>' => SelectorToken.GreaterThan,
                    _ => SelectorToken.LessThan,
                }, c.ToString()));
                i++;
                continue;
            }

            var start = i;
            while (i < selector.Length && !IsWhitespace(selector[i]) && !IsSpecialSymbol(selector[i])) i++;
            var word = selector[start..i];
            tokens.Add(new SelectorLexeme(word switch
            {
                "in" => SelectorToken.In,
                "notin" => SelectorToken.NotIn,
                _ => SelectorToken.Identifier,
            }, word));
        }
    }

    private static bool IsWhitespace(char c) => c is ' ' or '\t' or '\r' or '\n';

    private static bool IsSpecialSymbol(char c) => c is '=' or '!' or '(' or ')' or ',' or '>' or '<';
}
