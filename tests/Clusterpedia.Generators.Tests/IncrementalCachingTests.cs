using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Clusterpedia.Generators.Tests;

/// <summary>The pipeline's models are values, so an edit that touches no storage layer reuses every step.</summary>
public class IncrementalCachingTests
{
    private static readonly string[] TrackedSteps =
    [
        StorageLayerGenerator.Steps.Host,
        StorageLayerGenerator.Steps.SourceLayers,
        StorageLayerGenerator.Steps.ReferencedLayers,
        StorageLayerGenerator.Steps.Registry,
    ];

    private static Compilation Host(string localName) => TestCompilations.Host(
        StorageSources.Layer("Acme.Host", "LocalStorage", localName),
        references: StorageAssemblies.All.Select(a => a.Reference).ToArray());

    [Fact]
    public void UnrelatedEdit_ReusesEveryStep()
    {
        var host = Host("local");
        var driver = GeneratorRun.CreateDriver().RunGenerators(host);
        var edited = host.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            "namespace Acme.Host { public static class Unrelated { public static int Answer => 42; } }", TestCompilations.ParseOptions, path: "Unrelated.cs"));

        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (var name in TrackedSteps)
        {
            Assert.True(result.TrackedSteps.ContainsKey(name), $"step {name} was not tracked");
            var reasons = result.TrackedSteps[name].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
            Assert.NotEmpty(reasons);
            Assert.All(reasons, r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{name}: {r}"));
        }
        var outputs = result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void RenamingALayer_RegeneratesTheRegistry()
    {
        var host = Host("local");
        var driver = GeneratorRun.CreateDriver().RunGenerators(host);
        var oldTree = host.SyntaxTrees.Single();
        var renamed = host.ReplaceSyntaxTree(oldTree, CSharpSyntaxTree.ParseText(
            oldTree.GetText().ToString().Replace("\"local\"", "\"local2\"", StringComparison.Ordinal), TestCompilations.ParseOptions, path: oldTree.FilePath));

        var rerun = driver.RunGenerators(renamed);
        var result = rerun.GetRunResult().Results.Single();

        Assert.Contains(result.TrackedSteps[StorageLayerGenerator.Steps.Registry].SelectMany(s => s.Outputs),
            o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("\"local2\" =>", rerun.GetRunResult().GeneratedTrees.Single().GetText().ToString());
    }
}
