using Clusterpedia.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Clusterpedia.Generators;

/// <summary>
/// Finds every public <c>[StorageLayer]</c> class in a host and in everything it references, and emits the host's
/// <c>Clusterpedia.Generated.StorageLayerRegistry</c>: plain calls to each layer's <c>CreateAsync</c>, so nothing is
/// discovered at run time and the trimmer keeps exactly the compiled-in layers. Wiring only.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class StorageLayerGenerator : IIncrementalGenerator
{
    /// <summary>Names of the tracked pipeline steps; tests assert that they are reused.</summary>
    public static class Steps
    {
        public const string Host = "Host";
        public const string SourceLayers = "SourceLayers";
        public const string ReferencedLayers = "ReferencedLayers";
        public const string Registry = "Registry";
    }

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var host = context.CompilationProvider
            .Select(static (compilation, _) => StorageLayerParser.ParseHost(compilation))
            .WithTrackingName(Steps.Host);

        var sourceLayers = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                WellKnownSymbols.AttributeMetadataName,
                static (_, _) => true,
                static (ctx, ct) => StorageLayerParser.ParseSource(ctx, ct))
            .Where(static parsed => parsed is not null)
            .Select(static (parsed, _) => parsed!)
            .WithTrackingName(Steps.SourceLayers)
            .Collect()
            .Select(static (all, _) => new EquatableArray<ParsedStorageLayer>(all));

        var referencedLayers = context.CompilationProvider
            .Select(static (compilation, ct) => StorageLayerParser.ParseReferences(compilation, ct))
            .WithTrackingName(Steps.ReferencedLayers);

        var plan = host.Combine(sourceLayers).Combine(referencedLayers)
            .Select(static (input, _) => RegistryBuilder.Build(input.Left.Left, input.Left.Right, input.Right))
            .WithTrackingName(Steps.Registry);

        context.RegisterSourceOutput(plan, static (spc, plan) =>
        {
            foreach (var diagnostic in plan.Diagnostics)
                spc.ReportDiagnostic(diagnostic.ToDiagnostic());
            if (plan.Registry is null)
                return;
            var (hintName, source) = StorageLayerEmitter.Emit(plan.Registry);
            spc.AddSource(hintName, SourceText.From(source, System.Text.Encoding.UTF8));
        });
    }
}
