using System.Globalization;

namespace Clusterpedia.Query;

/// <summary>
/// Parses the key of an enhanced field-selector requirement into a <see cref="FieldPath"/>:
/// <code>
///   path    = ["."] segment (("." segment) | bracket)*
///   segment = NAME [list] | QUOTED [list] | bracket
///   bracket = "[" QUOTED "]" [list]          QUOTED = 'text' | "text"
///   list    = "[]" | "[" DIGITS "]"
/// </code>
/// e.g. <c>metadata.annotations['test.io/x']</c>, <c>.metadata.'a.b'</c>, <c>spec.containers[0].name</c>.
/// Every name must be a qualified name and the last segment may not be a list.
/// </summary>
public static class FieldPathParser
{
    /// <exception cref="ListOptionsException">Naming <c>fieldSelector</c>.</exception>
    public static FieldPath Parse(string path) =>
        TryParse(path, out var result) is { } error ? throw new ListOptionsException(FieldSelectorParser.Parameter, error) : result!;

    /// <summary>Returns what is wrong with <paramref name="path"/>, or null with the parsed path.</summary>
    public static string? TryParse(string path, out FieldPath? result)
    {
        result = null;
        var segments = new List<FieldPathSegment>();
        var i = path.StartsWith('.') ? 1 : 0;
        while (true)
        {
            if (i == path.Length) return $"field path '{path}' has an empty field";

            string? name;
            if (path[i] == '[' && i + 1 < path.Length && IsQuote(path[i + 1]))
            {
                name = ReadQuoted(path, ref i, i + 1);
                if (name is null) return $"field path '{path}' has an unterminated quote";
                if (i == path.Length || path[i] != ']') return $"field path '{path}': expected ']' after a quoted field";
                i++;
            }
            else if (IsQuote(path[i]))
            {
                name = ReadQuoted(path, ref i, i);
                if (name is null) return $"field path '{path}' has an unterminated quote";
            }
            else
            {
                var start = i;
                while (i < path.Length && path[i] is not ('.' or '[')) i++;
                name = path[start..i];
                if (name.Length == 0) return $"field path '{path}' has an empty field";
            }

            if (LabelSyntax.CheckQualifiedName(name) is { } nameError) return $"field path '{path}': invalid field {nameError}";

            var segment = new FieldPathSegment(name);
            if (i < path.Length && path[i] == '[' && (i + 1 == path.Length || !IsQuote(path[i + 1])))
            {
                var close = path.IndexOf(']', i);
                if (close < 0) return $"field path '{path}' has an unterminated '['";
                var index = path[(i + 1)..close];
                if (index.Length == 0) segment = segment with { IsList = true };
                else if (index.All(char.IsAsciiDigit) && int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                    segment = segment with { IsList = true, Index = n };
                else return $"field path '{path}': list index '{index}' is not a non-negative integer";
                i = close + 1;
            }
            segments.Add(segment);

            if (i == path.Length) break;
            if (path[i] == '.') i++;
            else if (path[i] != '[' || i + 1 == path.Length || !IsQuote(path[i + 1]))
                return $"field path '{path}': unexpected '{path[i]}' at position {i}";
        }

        if (segments[^1].IsList) return $"field path '{path}': the last field may not be a list";
        result = new FieldPath(segments);
        return null;
    }

    private static bool IsQuote(char c) => c is '\'' or '"';

    /// <summary>Reads <c>'text'</c> or <c>"text"</c> starting at <paramref name="quoteAt"/>; null when unterminated.</summary>
    private static string? ReadQuoted(string path, ref int i, int quoteAt)
    {
        var end = path.IndexOf(path[quoteAt], quoteAt + 1);
        if (end < 0) return null;
        i = end + 1;
        return path[(quoteAt + 1)..end];
    }
}
