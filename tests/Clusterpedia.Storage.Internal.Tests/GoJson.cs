using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Clusterpedia.Storage.Internal.Tests;

/// <summary>
/// JSON as upstream's writer produces it for an unstructured object: Go's <c>json.Encoder</c> over a
/// <c>map[string]interface{}</c>, so object keys are sorted (byte order) at every level, output is compact, <c>&lt;</c>,
/// <c>&gt;</c>, <c>&amp;</c>, U+2028 and U+2029 are escaped as <c>\u003c</c> etc., and a newline ends it. MariaDB keeps
/// this text as it is; PostgreSQL's jsonb and MySQL's JSON normalize it.
/// </summary>
internal static class GoJson
{
    public static string Marshal(JsonElement value)
    {
        var sb = new StringBuilder(1024);
        Write(sb, value);
        return sb.Append('\n').ToString();
    }

    private static void Write(StringBuilder sb, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                sb.Append('{');
                var first = true;
                foreach (var p in value.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    if (!first) sb.Append(',');
                    first = false;
                    WriteString(sb, p.Name);
                    sb.Append(':');
                    Write(sb, p.Value);
                }
                sb.Append('}');
                break;
            case JsonValueKind.Array:
                sb.Append('[');
                var i = 0;
                foreach (var item in value.EnumerateArray())
                {
                    if (i++ > 0) sb.Append(',');
                    Write(sb, item);
                }
                sb.Append(']');
                break;
            case JsonValueKind.String:
                WriteString(sb, value.GetString()!);
                break;
            default:
                sb.Append(value.GetRawText());
                break;
        }
    }

    private static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '<' or '>' or '&' or '\u2028' or '\u2029' or < ' ':
                    sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default: sb.Append(c); break;
            }
        }
        sb.Append('"');
    }
}
