using Clusterpedia.Query;

namespace Clusterpedia.Storage.Internal.Sql;

/// <summary>
/// Reads a client's SQL condition the way the database will: quoted strings, quoted identifiers and comments are
/// skipped, so a <c>?</c> inside them is text, not a placeholder. It also refuses what cannot be one condition ANDed
/// into our WHERE clause: unbalanced parentheses (a stray <c>)</c> would leave our parentheses and could OR away the
/// cluster, namespace and type filters), an unterminated string or comment, a <c>;</c>, MySQL's executable
/// comments (<c>/*! ... */</c>, whose content the server runs) and MySQL user variables (<c>@name</c>, which the driver
/// would take for one of our parameters).
/// </summary>
internal static class SqlConditionScanner
{
    /// <param name="mySql">MySQL/MariaDB rules (backslash escapes, backticks, <c>#</c> comments); PostgreSQL's otherwise.</param>
    /// <param name="parameter">The URL parameter the condition came from, named in errors.</param>
    /// <exception cref="ListOptionsException">The condition is not one well-formed condition.</exception>
    public static ScannedCondition Scan(string sql, bool mySql, string parameter)
    {
        var placeholders = new List<int>();
        var depth = 0;
        var endsInLineComment = false;
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (c == '\'')
            {
                i = SkipQuoted(sql, i, '\'', backslash: mySql || IsEscapeStringPrefix(sql, i), parameter);
                continue;
            }
            if (c == '"' || (c == '`' && mySql))
            {
                i = SkipQuoted(sql, i, c, backslash: mySql && c == '"', parameter);
                continue;
            }
            if (c == '$' && !mySql && DollarTag(sql, i) is { } tag)
            {
                var end = sql.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
                if (end < 0) throw Invalid(parameter, "has an unterminated dollar-quoted string");
                i = end + tag.Length;
                continue;
            }
            if ((c == '-' && At(sql, i + 1) == '-' && (!mySql || char.IsWhiteSpace(At(sql, i + 2)) || i + 2 == sql.Length)) || (c == '#' && mySql))
            {
                var newline = sql.IndexOf('\n', i);
                endsInLineComment = newline < 0;
                i = newline < 0 ? sql.Length : newline + 1;
                continue;
            }
            if (c == '/' && At(sql, i + 1) == '*')
            {
                if (mySql && (At(sql, i + 2) == '!' || (At(sql, i + 2) == 'M' && At(sql, i + 3) == '!')))
                    throw Invalid(parameter, "has an executable comment (/*! ... */), which is not allowed");
                i = SkipBlockComment(sql, i, nested: !mySql, parameter);
                continue;
            }
            if (c == '@' && mySql)
            {
                // @@system_variable reads the server's settings; @name would be taken by the driver for a parameter of ours.
                if (At(sql, i + 1) == '@')
                {
                    i += 2;
                    continue;
                }
                throw Invalid(parameter, $"has '@' at position {i}: MySQL user variables are not available here (pass values with ? and whereSQLParam)");
            }
            switch (c)
            {
                case '(':
                    depth++;
                    break;
                case ')' when --depth < 0:
                    throw Invalid(parameter, $"has a ')' without its '(' at position {i}");
                case ';':
                    throw Invalid(parameter, "must be one condition; ';' is not allowed outside quotes");
                case '?':
                    placeholders.Add(i);
                    break;
            }
            i++;
        }
        if (depth > 0) throw Invalid(parameter, "has a '(' without its ')'");
        return new ScannedCondition(placeholders, endsInLineComment);
    }

    private static char At(string sql, int i) => i < sql.Length ? sql[i] : '\0';

    private static bool IsIdentifierChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '$';

    /// <summary>PostgreSQL's <c>E'...'</c>, where backslash escapes apply.</summary>
    private static bool IsEscapeStringPrefix(string sql, int quote) =>
        quote > 0 && sql[quote - 1] is 'E' or 'e' && (quote == 1 || !IsIdentifierChar(sql[quote - 2]));

    /// <returns>The index after the closing quote.</returns>
    private static int SkipQuoted(string sql, int start, char quote, bool backslash, string parameter)
    {
        var i = start + 1;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (c == '\\' && backslash) i += 2;
            else if (c != quote) i++;
            else if (At(sql, i + 1) == quote) i += 2;
            else return i + 1;
        }
        throw Invalid(parameter, quote == '\'' ? "has an unterminated string" : $"has an unterminated {quote}-quoted name");
    }

    /// <summary>PostgreSQL's <c>$tag$</c> (tag empty or an identifier not starting with a digit), or null for <c>$1</c> and the like.</summary>
    private static string? DollarTag(string sql, int start)
    {
        if (start > 0 && IsIdentifierChar(sql[start - 1])) return null;
        var i = start + 1;
        if (i < sql.Length && (char.IsLetter(sql[i]) || sql[i] == '_'))
        {
            while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] == '_')) i++;
        }
        return At(sql, i) == '$' ? sql[start..(i + 1)] : null;
    }

    /// <returns>The index after the comment; PostgreSQL nests block comments, MySQL does not.</returns>
    private static int SkipBlockComment(string sql, int start, bool nested, string parameter)
    {
        var depth = 1;
        var i = start + 2;
        while (i < sql.Length)
        {
            if (sql[i] == '*' && At(sql, i + 1) == '/')
            {
                i += 2;
                if (--depth == 0) return i;
            }
            else if (nested && sql[i] == '/' && At(sql, i + 1) == '*')
            {
                depth++;
                i += 2;
            }
            else i++;
        }
        throw Invalid(parameter, "has an unterminated /* comment");
    }

    private static ListOptionsException Invalid(string parameter, string message) => new(parameter, message);
}
