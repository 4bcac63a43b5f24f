using System.Globalization;
using System.Text.Json;

namespace Clusterpedia.ApiServer.Tables.Printers;

/// <summary>Formatting shared by printers, matching kubectl's helpers (label selectors, container lists, access modes).</summary>
internal static class PrintFormat
{
    public static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>metav1.FormatLabelSelector: <c>app=web,tier in (a,b)</c>, <c>&lt;none&gt;</c> when empty.</summary>
    public static string LabelSelector(JsonElement? selector)
    {
        if (selector is not { ValueKind: JsonValueKind.Object } s) return "<none>";
        var parts = new List<string>();
        if (s.Get("matchLabels") is { ValueKind: JsonValueKind.Object } labels)
            parts.AddRange(labels.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => $"{p.Name}={p.Value.GetString()}"));
        foreach (var e in s.Items("matchExpressions"))
        {
            var key = e.Str("key");
            var values = string.Join(',', e.Items("values").Select(v => v.GetString()).Order(StringComparer.Ordinal));
            parts.Add(e.Str("operator") switch
            {
                "In" => $"{key} in ({values})",
                "NotIn" => $"{key} notin ({values})",
                "Exists" => key,
                "DoesNotExist" => "!" + key,
                var op => $"{key} {op} ({values})",
            });
        }
        return parts.Count == 0 ? "<none>" : string.Join(',', parts);
    }

    /// <summary>labels.FormatLabels of a plain map (a Service selector, a node selector): sorted <c>k=v</c> pairs.</summary>
    public static string LabelMap(JsonElement? map)
    {
        if (map is not { ValueKind: JsonValueKind.Object } m) return "<none>";
        var pairs = m.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => $"{p.Name}={p.Value.GetString()}").ToArray();
        return pairs.Length == 0 ? "<none>" : string.Join(',', pairs);
    }

    public static string ContainerNames(JsonElement podSpec) => string.Join(',', podSpec.Items("containers").Select(c => c.Str("name")));

    public static string ContainerImages(JsonElement podSpec) => string.Join(',', podSpec.Items("containers").Select(c => c.Str("image")));

    /// <summary>The pod template's spec of a workload, or an empty object.</summary>
    public static JsonElement TemplateSpec(JsonElement workload) => workload.Get("spec", "template", "spec") ?? default;

    /// <summary>Access modes as kubectl abbreviates them: RWO,ROX,RWX,RWOP.</summary>
    public static string AccessModes(JsonElement? modes)
    {
        if (modes is not { ValueKind: JsonValueKind.Array } a) return "";
        var names = new List<string>();
        foreach (var (mode, abbreviation) in new[] { ("ReadWriteOnce", "RWO"), ("ReadOnlyMany", "ROX"), ("ReadWriteMany", "RWX"), ("ReadWriteOncePod", "RWOP") })
        {
            if (a.EnumerateArray().Any(m => m.GetString() == mode)) names.Add(abbreviation);
        }
        return string.Join(',', names);
    }
}
