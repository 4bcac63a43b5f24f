using System.Collections;
using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace Clusterpedia.Storage.Internal.Logging;

/// <summary>
/// A statement as the SQL log shows it, like GORM's <c>ExplainSQL</c>: placeholders replaced by their values (strings
/// quoted, quotes doubled, control characters escaped), on one line. Long values and long statements are cut so one
/// big object does not flood the log; the text is for reading, not for running.
/// </summary>
internal static class SqlStatementText
{
    /// <summary>Characters shown of one string value (a 5 KB object shows its first 256 and its length).</summary>
    public const int MaxValueChars = 256;

    /// <summary>Elements shown of one array value (the batch upsert's 500-row arrays).</summary>
    public const int MaxArrayItems = 10;

    /// <summary>Characters shown of one statement (a MySQL batch upsert holds hundreds of rows).</summary>
    public const int MaxChars = 8192;

    public static string Render(string sql, DbParameterCollection parameters)
    {
        Dictionary<string, object?>? values = null;
        if (parameters.Count > 0)
        {
            values = new Dictionary<string, object?>(parameters.Count, StringComparer.Ordinal);
            foreach (DbParameter p in parameters) values[p.ParameterName.TrimStart('@')] = p.Value;
        }
        var sb = new StringBuilder(sql.Length + 64);
        var i = 0;
        while (i < sql.Length && sb.Length <= MaxChars)
        {
            var c = sql[i];
            if (c is '\'' or '"' or '`')
            {
                // A quoted literal or identifier, copied as it is (a doubled quote stays inside).
                var end = i + 1;
                while (end < sql.Length)
                {
                    if (sql[end] != c) end++;
                    else if (end + 1 < sql.Length && sql[end + 1] == c) end += 2;
                    else break;
                }
                end = Math.Min(end + 1, sql.Length);
                sb.Append(sql, i, end - i);
                i = end;
            }
            else if (c == '@' && values is not null && i + 1 < sql.Length && (char.IsAsciiLetter(sql[i + 1]) || sql[i + 1] == '_'))
            {
                var end = i + 1;
                while (end < sql.Length && (char.IsAsciiLetterOrDigit(sql[end]) || sql[end] == '_')) end++;
                if (values.TryGetValue(sql[(i + 1)..end], out var value)) AppendValue(sb, value, nested: false);
                else sb.Append(sql, i, end - i);
                i = end;
            }
            else if (char.IsWhiteSpace(c))
            {
                // Multi-line statements (the schema's) become one line.
                while (i < sql.Length && char.IsWhiteSpace(sql[i])) i++;
                if (sb.Length > 0 && i < sql.Length) sb.Append(' ');
            }
            else
            {
                sb.Append(c);
                i++;
            }
        }
        if (i < sql.Length) sb.Append(CultureInfo.InvariantCulture, $" ...(statement cut at {MaxChars} characters)");
        return sb.ToString();
    }

    private static void AppendValue(StringBuilder sb, object? value, bool nested)
    {
        switch (value)
        {
            case null or DBNull:
                sb.Append("NULL");
                break;
            case string s:
                AppendQuoted(sb, s);
                break;
            case bool b:
                sb.Append(b ? "true" : "false");
                break;
            case DateTime t:
                AppendTime(sb, t);
                break;
            case DateTimeOffset t:
                AppendTime(sb, t.UtcDateTime);
                break;
            case byte[] bytes:
                if (Utf8.IsValid(bytes)) AppendQuoted(sb, Encoding.UTF8.GetString(bytes));
                else sb.Append(CultureInfo.InvariantCulture, $"<binary {bytes.Length} bytes>");
                break;
            case sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal:
                sb.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
            case IEnumerable items when !nested:
                AppendArray(sb, items);
                break;
            default:
                AppendQuoted(sb, Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");
                break;
        }
    }

    private static void AppendArray(StringBuilder sb, IEnumerable items)
    {
        sb.Append("ARRAY[");
        var count = 0;
        foreach (var item in items)
        {
            if (count < MaxArrayItems)
            {
                if (count > 0) sb.Append(", ");
                AppendValue(sb, item, nested: true);
            }
            count++;
        }
        sb.Append(']');
        if (count > MaxArrayItems) sb.Append(CultureInfo.InvariantCulture, $"({count} items)");
    }

    private static void AppendTime(StringBuilder sb, DateTime t)
    {
        sb.Append('\'').Append(t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        if (t.Ticks % TimeSpan.TicksPerSecond != 0) sb.Append(t.ToString(".FFFFFF", CultureInfo.InvariantCulture));
        sb.Append('\'');
    }

    private static void AppendQuoted(StringBuilder sb, string s)
    {
        var shown = Math.Min(s.Length, MaxValueChars);
        if (shown < s.Length && char.IsHighSurrogate(s[shown - 1])) shown--;
        sb.Append('\'');
        foreach (var c in s.AsSpan(0, shown))
        {
            switch (c)
            {
                case '\'': sb.Append("''"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case < ' ' or '\u007f' or '\u2028' or '\u2029': sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"); break;
                default: sb.Append(c); break;
            }
        }
        sb.Append('\'');
        if (shown < s.Length) sb.Append(CultureInfo.InvariantCulture, $"...({s.Length} chars)");
    }
}
