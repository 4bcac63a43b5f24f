using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace Clusterpedia.Generators.Tests;

/// <summary>docs/storage-layers.md holds the one table of the generator's diagnostics: it lists each descriptor once, with its severity.</summary>
public sealed partial class DiagnosticsTableTests
{
    [Fact]
    public void The_docs_table_lists_every_diagnostic_with_its_severity()
    {
        var descriptors = typeof(DiagnosticDescriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => f.GetValue(null)).OfType<DiagnosticDescriptor>()
            .Select(d => $"{d.Id} {d.DefaultSeverity.ToString().ToLowerInvariant()}")
            .Order(StringComparer.Ordinal);

        var rows = TableRow().Matches(File.ReadAllText(DocsPath())).Select(m => $"{m.Groups["id"].Value} {m.Groups["severity"].Value}");

        Assert.Equal(descriptors, rows);
    }

    private static string DocsPath([CallerFilePath] string callerPath = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(callerPath)!, "..", "..", "docs", "storage-layers.md"));

    [GeneratedRegex(@"^\| (?<id>CPSL\d{3}) \| (?<severity>\w+) \|", RegexOptions.Multiline)]
    private static partial Regex TableRow();
}
