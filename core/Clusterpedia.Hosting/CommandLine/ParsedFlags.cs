using System.Globalization;

namespace Clusterpedia.Hosting.CommandLine;

/// <summary>The flags given on one command line, by long name. Typed getters name the flag when a value is malformed.</summary>
public sealed class ParsedFlags
{
    private readonly IReadOnlyDictionary<string, FlagDefinition> _definitions;
    private readonly Dictionary<string, string> _values;

    internal ParsedFlags(IReadOnlyDictionary<string, FlagDefinition> definitions, Dictionary<string, string> values)
    {
        _definitions = definitions;
        _values = values;
    }

    public bool IsSet(string name) => _values.ContainsKey(Known(name));

    /// <summary>Whether this executable has the flag at all (some flags exist only where they mean something).</summary>
    public bool IsDefined(string name) => _definitions.ContainsKey(name);

    /// <summary>The given value, else the flag's default (null when it has none).</summary>
    public string? GetString(string name) =>
        _values.TryGetValue(Known(name), out var value) ? value : _definitions[name].DefaultValue;

    /// <summary>Like <see cref="GetString"/>, but an empty given value counts as absent.</summary>
    public string? GetNonEmptyString(string name) => GetString(name) is { Length: > 0 } value ? value : null;

    public bool GetBool(string name)
    {
        var value = GetString(name);
        if (value is null) return false;
        if (bool.TryParse(value, out var result)) return result;
        throw new UsageException($"invalid argument \"{value}\" for \"--{name}\" flag: expected true or false");
    }

    public int GetInt32(string name, int min, int max)
    {
        var value = GetString(name) ?? throw new UsageException($"flag --{name} has no value");
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var result) && result >= min && result <= max)
            return result;
        throw new UsageException($"invalid argument \"{value}\" for \"--{name}\" flag: expected an integer from {min} to {max}");
    }

    private string Known(string name) =>
        _definitions.ContainsKey(name) ? name : throw new ArgumentException($"flag --{name} is not defined", nameof(name));
}
