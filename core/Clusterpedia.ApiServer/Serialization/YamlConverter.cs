using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Clusterpedia.ApiServer.Serialization;

/// <summary>
/// Converts JSON to block-style YAML the way kubectl prints it (sequences not indented under their key).
/// Strings that YAML would read as something else (numbers, booleans, null, indicators) are double-quoted.
/// </summary>
public static partial class YamlConverter
{
    public static void Convert(ReadOnlySpan<byte> json, IBufferWriter<byte> output)
    {
        var reader = new Utf8JsonReader(json);
        using var doc = JsonDocument.ParseValue(ref reader);
        var sb = new StringBuilder(json.Length + json.Length / 4);
        WriteTopLevel(sb, doc.RootElement);
        var text = sb.ToString();
        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        output.Advance(Encoding.UTF8.GetBytes(text, span));
    }

    public static string Convert(string json)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Convert(Encoding.UTF8.GetBytes(json), buffer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteTopLevel(StringBuilder sb, JsonElement e)
    {
        if (IsBlock(e)) WriteBlock(sb, e, 0);
        else
        {
            WriteScalar(sb, e);
            sb.Append('\n');
        }
    }

    private static bool IsBlock(JsonElement e) =>
        (e.ValueKind == JsonValueKind.Object && e.EnumerateObject().Any())
        || (e.ValueKind == JsonValueKind.Array && e.GetArrayLength() > 0);

    // Writes a non-empty object or array whose first line starts at the current position, indented by 'indent'.
    private static void WriteBlock(StringBuilder sb, JsonElement e, int indent)
    {
        var first = true;
        if (e.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in e.EnumerateObject())
            {
                if (!first) sb.Append(' ', indent);
                first = false;
                WriteString(sb, p.Name);
                sb.Append(':');
                WriteValueAfterKey(sb, p.Value, indent);
            }
            return;
        }
        foreach (var item in e.EnumerateArray())
        {
            if (!first) sb.Append(' ', indent);
            first = false;
            sb.Append('-');
            if (IsBlock(item))
            {
                sb.Append(' ');
                WriteBlock(sb, item, indent + 2);
            }
            else
            {
                sb.Append(' ');
                WriteScalar(sb, item);
                sb.Append('\n');
            }
        }
    }

    private static void WriteValueAfterKey(StringBuilder sb, JsonElement value, int indent)
    {
        if (!IsBlock(value))
        {
            sb.Append(' ');
            WriteScalar(sb, value);
            sb.Append('\n');
            return;
        }
        sb.Append('\n');
        // Sequences under a key stay at the key's indentation, as go-yaml (and so kubectl) writes them.
        var childIndent = value.ValueKind == JsonValueKind.Array ? indent : indent + 2;
        sb.Append(' ', childIndent);
        WriteBlock(sb, value, childIndent);
    }

    private static void WriteScalar(StringBuilder sb, JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object: sb.Append("{}"); break;
            case JsonValueKind.Array: sb.Append("[]"); break;
            case JsonValueKind.String: WriteString(sb, e.GetString()!); break;
            case JsonValueKind.Number: sb.Append(e.GetRawText()); break;
            case JsonValueKind.True: sb.Append("true"); break;
            case JsonValueKind.False: sb.Append("false"); break;
            default: sb.Append("null"); break;
        }
    }

    private static void WriteString(StringBuilder sb, string s)
    {
        if (IsPlainSafe(s))
        {
            sb.Append(s);
            return;
        }
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
                default:
                    if (c < 0x20 || c == 0x7f || c is '\u0085' or '\u2028' or '\u2029' or '\ufeff') sb.Append("\\u").Append(((int)c).ToString("x4"));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }

    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "true", "false", "yes", "no", "y", "n", "on", "off", "null", "~", ".inf", "-.inf", "+.inf", ".nan", "<<", "=",
    };

    /// <summary>True when the string reads back as the same string without quotes.</summary>
    internal static bool IsPlainSafe(string s)
    {
        if (s.Length == 0 || Reserved.Contains(s)) return false;
        var c0 = s[0];
        if ("-?:,[]{}#&*!|>'\"%@` \t".Contains(c0)) return c0 == '-' && s.Length > 1 && s[1] != ' ' && !NumberOrTime().IsMatch(s) && RestIsSafe(s);
        if (NumberOrTime().IsMatch(s)) return false;
        return RestIsSafe(s);
    }

    // What a YAML 1.1 reader (go-yaml v2, so kubectl) would take for a number or a timestamp: ints and floats with
    // signs and underscores, hex, octal, sexagesimal (1:20), .inf/.nan, and dates.
    [GeneratedRegex(@"^([-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?|0x[0-9a-fA-F_]+|0o?[0-7_]+|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberOrTime();

    private static bool RestIsSafe(string s)
    {
        if (s[^1] is ' ' or '\t' or ':') return false;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c < 0x20 || c == 0x7f || c is '\u0085' or '\u2028' or '\u2029' or '\ufeff') return false;
            if (c == ':' && i + 1 < s.Length && s[i + 1] is ' ' or '\t') return false;
            if (c == '#' && i > 0 && s[i - 1] is ' ' or '\t') return false;
        }
        return true;
    }
}
