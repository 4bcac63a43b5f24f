using System.Globalization;
using System.Text.Json;

namespace Clusterpedia.ApiServer.Tables;

/// <summary>Null-tolerant reads of nested fields, for printers that look at objects of any shape.</summary>
internal static class JsonElementExtensions
{
    public static JsonElement? Get(this JsonElement e, params ReadOnlySpan<string> path)
    {
        var current = e;
        foreach (var p in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(p, out current)) return null;
        }
        return current.ValueKind == JsonValueKind.Null ? null : current;
    }

    public static string Str(this JsonElement e, params ReadOnlySpan<string> path) =>
        e.Get(path) is { } v ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString()!,
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => v.GetRawText(),
            _ => "",
        } : "";

    public static long Int(this JsonElement e, params ReadOnlySpan<string> path) =>
        e.Get(path) is { ValueKind: JsonValueKind.Number } v && v.TryGetInt64(out var n) ? n : 0;

    public static long? IntOrNull(this JsonElement e, params ReadOnlySpan<string> path) =>
        e.Get(path) is { ValueKind: JsonValueKind.Number } v && v.TryGetInt64(out var n) ? n : null;

    public static bool Bool(this JsonElement e, params ReadOnlySpan<string> path) =>
        e.Get(path) is { ValueKind: JsonValueKind.True };

    public static IEnumerable<JsonElement> Items(this JsonElement e, params ReadOnlySpan<string> path) =>
        e.Get(path) is { ValueKind: JsonValueKind.Array } v ? v.EnumerateArray() : [];

    public static int Count(this JsonElement e, params ReadOnlySpan<string> path) => e.Get(path) switch
    {
        { ValueKind: JsonValueKind.Array } a => a.GetArrayLength(),
        { ValueKind: JsonValueKind.Object } o => o.EnumerateObject().Count(),
        _ => 0,
    };

    public static DateTimeOffset? Time(this JsonElement e, params ReadOnlySpan<string> path) =>
        e.Str(path) is { Length: > 0 } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    public static string Age(this JsonElement e, DateTimeOffset now) => HumanDuration.Since(e.Time("metadata", "creationTimestamp"), now);

    public static string Name(this JsonElement e) => e.Str("metadata", "name");

    public static string OrNone(this string s) => s.Length == 0 ? "<none>" : s;
}
