using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Clusterpedia.Generators.Tests;

/// <summary>One run of the generator over a host compilation, with what it produced.</summary>
internal sealed record GeneratorRun(GeneratorDriver Driver, Compilation Output, ImmutableArray<Diagnostic> Diagnostics)
{
    public static GeneratorDriver CreateDriver() => CSharpGeneratorDriver.Create(
        [new StorageLayerGenerator().AsSourceGenerator()],
        parseOptions: TestCompilations.ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static GeneratorRun Run(Compilation host) => Run(CreateDriver(), host);

    public static GeneratorRun Run(GeneratorDriver driver, Compilation host)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(host, out var output, out var diagnostics);
        // A generator that throws shows up as CS8785 rather than failing the run.
        Assert.DoesNotContain(diagnostics, d => d.Id is "CS8784" or "CS8785");
        return new GeneratorRun(driver, output, driver.GetRunResult().Diagnostics);
    }

    /// <summary>The emitted registry's text, or null when nothing was emitted.</summary>
    public string? Registry => Driver.GetRunResult().GeneratedTrees
        .SingleOrDefault(t => t.FilePath.EndsWith("StorageLayerRegistry.g.cs", StringComparison.Ordinal))
        ?.GetText().ToString();

    public IEnumerable<Diagnostic> WithId(string id) => Diagnostics.Where(d => d.Id == id);

    /// <summary>Asserts the host, with the generated registry in it, compiles without errors.</summary>
    public void AssertOutputCompiles()
    {
        var errors = Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "the host with the generated registry does not compile:\n" + string.Join("\n", errors));
    }

    /// <summary>
    /// The host source a diagnostic points at. Diagnostics travel through the pipeline as file + span (an external
    /// file location), so the text is read from the host's tree of that path.
    /// </summary>
    public string SourceAt(Diagnostic diagnostic)
    {
        var path = diagnostic.Location.GetLineSpan().Path;
        var tree = Output.SyntaxTrees.SingleOrDefault(t => t.FilePath == path);
        Assert.True(tree is not null, $"{diagnostic.Id} should point at a host source file: {diagnostic}");
        return tree.GetText().ToString(diagnostic.Location.SourceSpan);
    }

    public Diagnostic Single(string id)
    {
        var matching = WithId(id).ToList();
        Assert.True(matching.Count == 1,
            $"expected one {id}, got {matching.Count}; all diagnostics:\n{string.Join("\n", Diagnostics)}");
        return matching[0];
    }
}
