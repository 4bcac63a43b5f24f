namespace Clusterpedia.ClusterSimulator;

/// <summary>
/// A list's or watch's <c>labelSelector</c> and <c>fieldSelector</c>, in kube's syntax: label requirements
/// <c>k=v</c>, <c>k==v</c>, <c>k!=v</c>, <c>k in (a,b)</c>, <c>k notin (a,b)</c>, <c>k</c>, <c>!k</c>; field requirements
/// <c>=</c>, <c>==</c>, <c>!=</c> on the fields kube indexes for every resource (<c>metadata.name</c>,
/// <c>metadata.namespace</c>) and, for events, on the involved object.
/// </summary>
public sealed class ObjectSelector
{
    private readonly List<Func<ObjectSpec, bool>> _requirements = [];

    public static readonly ObjectSelector Everything = new();

    /// <summary>False when either selector was given: kube then does not know how many items remain.</summary>
    public bool IsEmpty => _requirements.Count == 0;

    public bool Matches(ObjectSpec spec) => _requirements.TrueForAll(r => r(spec));

    /// <exception cref="SimulatedApiException">400 BadRequest for a malformed selector or an unsupported field.</exception>
    public static ObjectSelector Parse(SimulatedResource resource, string? labelSelector, string? fieldSelector)
    {
        var selector = new ObjectSelector();
        foreach (var requirement in SplitTopLevel(labelSelector)) selector._requirements.Add(ParseLabel(requirement));
        foreach (var requirement in SplitTopLevel(fieldSelector)) selector._requirements.Add(ParseField(resource, requirement));
        return selector;
    }

    /// <summary>Splits at commas outside parentheses (<c>a in (x,y),b</c> is two requirements).</summary>
    private static IEnumerable<string> SplitTopLevel(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) yield break;
        var depth = 0;
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] == '(') depth++;
            else if (i < text.Length && text[i] == ')') depth--;
            else if (i == text.Length || (text[i] == ',' && depth == 0))
            {
                var part = text[start..i].Trim();
                if (part.Length == 0) throw BadRequest($"unable to parse requirement: found ',' in \"{text}\"");
                yield return part;
                start = i + 1;
            }
        }
    }

    private static Func<ObjectSpec, bool> ParseLabel(string requirement)
    {
        if (requirement.StartsWith('!')) return s => !s.Labels.ContainsKey(requirement[1..].Trim());
        if (TrySplitSet(requirement, " notin ", out var key, out var values)) return s => !s.Labels.TryGetValue(key, out var v) || !values.Contains(v);
        if (TrySplitSet(requirement, " in ", out key, out values)) return s => s.Labels.TryGetValue(key, out var v) && values.Contains(v);
        if (TrySplitEquality(requirement, out key, out var value, out var negated))
            return negated ? s => !s.Labels.TryGetValue(key, out var v) || v != value : s => s.Labels.TryGetValue(key, out var v) && v == value;
        if (requirement.IndexOfAny([' ', '(', ')', '<', '>']) >= 0) throw BadRequest($"unable to parse requirement: \"{requirement}\"");
        return s => s.Labels.ContainsKey(requirement);
    }

    private static Func<ObjectSpec, bool> ParseField(SimulatedResource resource, string requirement)
    {
        if (!TrySplitEquality(requirement, out var field, out var value, out var negated))
            throw BadRequest($"invalid selector: '{requirement}'; can't understand '{requirement}'");
        Func<ObjectSpec, string?> read = field switch
        {
            "metadata.name" => s => s.Name,
            "metadata.namespace" => s => s.Namespace,
            "involvedObject.kind" when resource == SimulatedResource.Events => s => s.Owner?.Kind,
            "involvedObject.name" when resource == SimulatedResource.Events => s => s.Owner?.Name,
            "involvedObject.uid" when resource == SimulatedResource.Events => s => s.Owner?.Uid,
            _ => throw BadRequest($"field label not supported: {field}"),
        };
        return negated ? s => read(s) != value : s => read(s) == value;
    }

    private static bool TrySplitEquality(string requirement, out string key, out string value, out bool negated)
    {
        var at = requirement.IndexOf("!=", StringComparison.Ordinal);
        negated = at >= 0;
        var width = 2;
        if (!negated)
        {
            at = requirement.IndexOf("==", StringComparison.Ordinal);
            if (at < 0) (at, width) = (requirement.IndexOf('='), 1);
        }
        key = value = "";
        if (at <= 0) return false;
        (key, value) = (requirement[..at].Trim(), requirement[(at + width)..].Trim());
        return true;
    }

    private static bool TrySplitSet(string requirement, string op, out string key, out HashSet<string> values)
    {
        key = "";
        values = [];
        var at = requirement.IndexOf(op, StringComparison.Ordinal);
        if (at <= 0) return false;
        var set = requirement[(at + op.Length)..].Trim();
        if (!set.StartsWith('(') || !set.EndsWith(')')) throw BadRequest($"unable to parse requirement: found '{set}', expected: '('");
        key = requirement[..at].Trim();
        values = set[1..^1].Split(',', StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        return true;
    }

    private static SimulatedApiException BadRequest(string message) => new(400, "BadRequest", message);
}
