using System.Text;

namespace Clusterpedia.Hosting.CommandLine;

/// <summary>
/// A small pflag-compatible parser: <c>--name=value</c>, <c>--name value</c>, boolean <c>--name</c> and
/// <c>--name=false</c>, and one-letter shorthands such as <c>-h</c>. No reflection, so it is trimming-safe.
/// </summary>
public sealed class FlagSet
{
    private readonly Dictionary<string, FlagDefinition> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<char, FlagDefinition> _byShorthand = new();
    private readonly List<FlagDefinition> _ordered = [];

    public FlagSet(string command)
    {
        Command = command;
    }

    public string Command { get; }

    public IReadOnlyList<FlagDefinition> Definitions => _ordered;

    public FlagSet Add(FlagDefinition flag)
    {
        if (!_byName.TryAdd(flag.Name, flag))
            throw new ArgumentException($"flag --{flag.Name} is defined twice", nameof(flag));
        if (flag.Shorthand is { } shorthand && !_byShorthand.TryAdd(shorthand, flag))
            throw new ArgumentException($"shorthand -{shorthand} is defined twice", nameof(flag));
        _ordered.Add(flag);
        return this;
    }

    /// <exception cref="UsageException">An unknown flag, a missing value or a positional argument.</exception>
    public ParsedFlags Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            FlagDefinition flag;
            string? value = null;
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Length > 2)
            {
                var body = arg.AsSpan(2);
                var equals = body.IndexOf('=');
                var name = equals < 0 ? body.ToString() : body[..equals].ToString();
                if (equals >= 0) value = body[(equals + 1)..].ToString();
                if (!_byName.TryGetValue(name, out flag!))
                    throw new UsageException($"unknown flag: --{name}");
            }
            else if (arg.Length >= 2 && arg[0] == '-' && arg[1] != '-')
            {
                if (arg.Length > 2 && arg[2] == '=') value = arg[3..];
                else if (arg.Length > 2) throw new UsageException($"unknown shorthand flag: '{arg[1]}' in {arg}");
                if (!_byShorthand.TryGetValue(arg[1], out flag!))
                    throw new UsageException($"unknown shorthand flag: '{arg[1]}' in {arg}");
            }
            else
            {
                // Kubernetes components take no positional arguments; a stray word is usually a missing '--'.
                throw new UsageException($"unexpected argument \"{arg}\": {Command} takes flags only");
            }

            if (value is null)
            {
                if (flag.IsBoolean) value = "true";
                else if (i + 1 < args.Count) value = args[++i];
                else throw new UsageException($"flag needs an argument: --{flag.Name}");
            }
            values[flag.Name] = value;
        }
        return new ParsedFlags(_byName, values);
    }

    /// <summary>The text printed for <c>--help</c>.</summary>
    public string Usage()
    {
        var text = new StringBuilder();
        text.Append("Usage:\n  ").Append(Command).Append(" [flags]\n\nFlags:\n");
        var rows = _ordered.Select(f => (Left: Left(f), f.Help, f.DefaultValue, f.IsBoolean)).ToList();
        var width = rows.Max(r => r.Left.Length) + 3;
        foreach (var (left, help, defaultValue, isBoolean) in rows)
        {
            // A help of several lines (one per feature gate) continues under the first line's text.
            text.Append("  ").Append(left.PadRight(width)).Append(help.Replace("\n", "\n" + new string(' ', width + 2), StringComparison.Ordinal));
            if (!isBoolean && !string.IsNullOrEmpty(defaultValue)) text.Append(" (default ").Append(defaultValue).Append(')');
            text.Append('\n');
        }
        return text.ToString();

        static string Left(FlagDefinition f) =>
            (f.Shorthand is { } s ? $"-{s}, " : "    ") + "--" + f.Name + (f.IsBoolean ? "" : " " + f.ValueName);
    }
}
