using System.Text.RegularExpressions;

namespace Clusterpedia.EndToEnd.Tests.Demo;

/// <summary>The kubectl commands of one README section, as a reader would copy them: the <c>kubectl ...</c> lines of its <c>sh</c> blocks.</summary>
public static partial class ReadmeCommands
{
    public const string SearchSection = "### Search with kubectl";

    public static string ReadmePath => Path.Combine(RepositoryPaths.Root, "README.md");

    /// <summary>Each command without its trailing <c># comment</c>, in README order.</summary>
    public static IReadOnlyList<string> KubectlCommands(string readme, string section)
    {
        var lines = readme.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var start = lines.IndexOf(section);
        if (start < 0) throw new InvalidOperationException($"README.md has no \"{section}\" heading");
        var level = section.TakeWhile(c => c == '#').Count();
        var commands = new List<string>();
        string? fence = null;   // the info string of the open code block ("sh", "yaml", ...), null outside one
        foreach (var line in lines.Skip(start + 1))
        {
            if (fence is null && IsHeading(line, level)) break;
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                fence = fence is null ? line[3..].Trim() : null;
                continue;
            }
            if (fence is "sh" or "bash" or "shell" && line.StartsWith("kubectl ", StringComparison.Ordinal))
                commands.Add(TrailingComment().Replace(line, ""));
        }
        return commands;
    }

    private static bool IsHeading(string line, int level) =>
        line.StartsWith('#') && line.TakeWhile(c => c == '#').Count() is var n && n <= level && line.Length > n && line[n] == ' ';

    // "  # every cluster": a shell comment after the command (the commands themselves quote no '#').
    [GeneratedRegex(@"\s+#\s.*$")]
    private static partial Regex TrailingComment();
}
