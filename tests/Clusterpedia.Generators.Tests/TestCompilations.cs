using System.Collections.Immutable;
using Clusterpedia.Storage;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Clusterpedia.Generators.Tests;

/// <summary>An assembly compiled in memory: what a storage project's build would produce.</summary>
internal sealed record CompiledAssembly(string Name, byte[] Image)
{
    public MetadataReference Reference { get; } = MetadataReference.CreateFromImage(Image);
}

/// <summary>Builds hosts and storage assemblies in memory against the framework and the real Clusterpedia.Core.</summary>
internal static class TestCompilations
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_framework = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path =>
            {
                var name = Path.GetFileNameWithoutExtension(path);
                return name.StartsWith("System.", StringComparison.Ordinal) || name is "System" or "netstandard" or "mscorlib";
            })
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray());

    public static ImmutableArray<MetadataReference> Framework => s_framework.Value;

    /// <summary>The Clusterpedia.Core this test project builds (version 1.0.3.0).</summary>
    public static MetadataReference Contract { get; } = MetadataReference.CreateFromFile(typeof(IStorageFactory).Assembly.Location);

    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Clusterpedia.Objects;
        using Clusterpedia.Storage;

        """;

    /// <summary>Compiles a library against the framework, the given references and (unless given) the real contract; fails on any error.</summary>
    public static CompiledAssembly Library(string name, string source, params MetadataReference[] references) =>
        Library(name, source, includeContract: true, references);

    public static CompiledAssembly Library(string name, string source, bool includeContract, params MetadataReference[] references)
    {
        var compilation = CSharpCompilation.Create(
            name,
            [Parse(source, includeContract, name + ".cs")],
            Framework.AddRange(includeContract ? [Contract, .. references] : references),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        return new CompiledAssembly(name, EmitOrFail(compilation));
    }

    /// <summary>A host compilation: its sources, the contract (unless left out) and the given assemblies.</summary>
    public static CSharpCompilation Host(
        string source,
        OutputKind outputKind = OutputKind.DynamicallyLinkedLibrary,
        bool includeContract = true,
        params MetadataReference[] references) =>
        CSharpCompilation.Create(
            "Acme.Host",
            [Parse(source, includeContract, "Host.cs")],
            Framework.AddRange(includeContract ? [Contract, .. references] : references),
            new CSharpCompilationOptions(outputKind, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>Sources that compile against the contract get its usings, so test sources can be concatenated.</summary>
    private static SyntaxTree Parse(string source, bool includeContract, string path) =>
        CSharpSyntaxTree.ParseText(includeContract ? Usings + source : source, ParseOptions, path: path);

    public static byte[] EmitOrFail(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(result.Success, $"{compilation.AssemblyName} does not compile:\n{string.Join("\n", errors)}");
        return stream.ToArray();
    }
}
