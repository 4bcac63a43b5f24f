using Microsoft.CodeAnalysis;

namespace Clusterpedia.Generators.Tests;

/// <summary>CPSL002, CPSL003, CPSL004 and CPSL007: what is wrong with one attributed class.</summary>
public class LayerDiagnosticTests
{
    private const string ThrowingCreateAsync = """
            public static ValueTask<IStorageFactory> CreateAsync(StorageLayerOptions options, CancellationToken cancellationToken)
                => throw new NotSupportedException();
        """;

    public static TheoryData<string, string, string> NotAFactoryClass => new()
    {
        { "public abstract class Bad : IStorageFactory { __MEMBERS__ }", "global::Acme.Host.Bad", "it is abstract" },
        { "internal sealed class Bad : IStorageFactory { __MEMBERS__ }", "global::Acme.Host.Bad", "it is not public" },
        { "public sealed class Bad { " + ThrowingCreateAsync + " }", "global::Acme.Host.Bad", "it does not implement IStorageFactory" },
        { "public sealed class Bad<T> : IStorageFactory { __MEMBERS__ }", "global::Acme.Host.Bad<T>", "it is generic" },
        { "public static class Bad { " + ThrowingCreateAsync + " }", "global::Acme.Host.Bad", "it is static and it does not implement IStorageFactory" },
        { "internal static class Outer { [StorageLayer(\"inner\")] public sealed class Bad : IStorageFactory { __MEMBERS__ } }", "global::Acme.Host.Outer.Bad", "it is not public" },
    };

    [Theory]
    [MemberData(nameof(NotAFactoryClass))]
    public void CPSL002_IsReported_ForATypeTheRegistryCannotUseAsAFactory(string declaration, string typeName, string problem)
    {
        // Nested declarations carry their own attribute; the others get one here.
        var attributed = declaration.StartsWith("internal static class Outer", StringComparison.Ordinal)
            ? declaration
            : "[StorageLayer(\"bad\")] " + declaration;
        var run = GeneratorRun.Run(TestCompilations.Host(HostWith(attributed)));

        var diagnostic = run.Single("CPSL002");
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains($"'{typeName}' is marked [StorageLayer] but {problem};", diagnostic.GetMessage(), StringComparison.Ordinal);
        AssertPointsAtTheAttribute(run, diagnostic);
        Assert.Empty(run.WithId("CPSL003"));
        Assert.DoesNotContain("Bad", run.Registry);
        run.AssertOutputCompiles();
    }

    public static TheoryData<string, string> WrongCreateAsync => new()
    {
        { "", "no method named CreateAsync was found" },
        { "public ValueTask<IStorageFactory> CreateAsync(StorageLayerOptions options, CancellationToken cancellationToken) => throw null!;", "it is not static" },
        { "internal static ValueTask<IStorageFactory> CreateAsync(StorageLayerOptions options, CancellationToken cancellationToken) => throw null!;", "it is not public" },
        { "public static Task<IStorageFactory> CreateAsync(StorageLayerOptions options, CancellationToken cancellationToken) => throw null!;", "it returns 'System.Threading.Tasks.Task<Clusterpedia.Storage.IStorageFactory>'" },
        { "public static ValueTask<IStorageFactory> CreateAsync(StorageLayerOptions options) => throw null!;", "it takes (Clusterpedia.Storage.StorageLayerOptions options)" },
        { "public static ValueTask<IStorageFactory> CreateAsync(StorageLayerOptions options, ref CancellationToken cancellationToken) => throw null!;", "it takes (Clusterpedia.Storage.StorageLayerOptions options, ref System.Threading.CancellationToken cancellationToken)" },
        { "public static ValueTask<IStorageFactory> CreateAsync<T>(StorageLayerOptions options, CancellationToken cancellationToken) => throw null!;", "it is generic" },
    };

    [Theory]
    [MemberData(nameof(WrongCreateAsync))]
    public void CPSL003_IsReported_WhenCreateAsyncIsMissingOrWrong(string createAsync, string problem)
    {
        var declaration = "[StorageLayer(\"bad\")] public sealed class Bad : IStorageFactory { "
            + StorageSources.FactoryMembers("Bad", createAsync) + " }";

        var run = GeneratorRun.Run(TestCompilations.Host(HostWith(declaration)));

        var diagnostic = run.Single("CPSL003");
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(
            "'global::Acme.Host.Bad' must declare 'public static ValueTask<IStorageFactory> CreateAsync(StorageLayerOptions options, CancellationToken cancellationToken)': " + problem,
            diagnostic.GetMessage());
        AssertPointsAtTheAttribute(run, diagnostic);
        Assert.Empty(run.WithId("CPSL002"));
        Assert.DoesNotContain("Bad", run.Registry);
        run.AssertOutputCompiles();
    }

    [Fact]
    public void CPSL003_IsNotReported_WhenOneOverloadIsTheFactoryMethod()
    {
        var overload = StorageSources.ValidCreateAsync
            + "\npublic static ValueTask<IStorageFactory> CreateAsync(StorageLayerOptions options) => CreateAsync(options, default);";
        var declaration = "[StorageLayer(\"good\")] public sealed class Good : IStorageFactory { "
            + StorageSources.FactoryMembers("Good", overload) + " }";

        var run = GeneratorRun.Run(TestCompilations.Host(HostWith(declaration)));

        Assert.Empty(run.Diagnostics);
        Assert.Contains("\"good\" => global::Acme.Host.Good.CreateAsync(options, cancellationToken),", run.Registry);
        run.AssertOutputCompiles();
    }

    [Theory]
    [InlineData("Memory", "character 'M' at position 0 is not allowed")]
    [InlineData("my_storage", "character '_' at position 2 is not allowed")]
    [InlineData("-memory", "the part '-memory' does not start and end with a letter or digit")]
    [InlineData("a..b", "it has an empty dot-separated part at position 2")]
    [InlineData("", "it is empty")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "is 64 characters long")]
    public void CPSL004_IsReported_ForANameThatIsNotADns1123Subdomain(string name, string problem)
    {
        var source = StorageSources.Layer("Acme.Host", "Named", name);

        var run = GeneratorRun.Run(TestCompilations.Host(source));

        var diagnostic = run.Single("CPSL004");
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.StartsWith($"Storage name '{name}' on 'global::Acme.Host.Named' is invalid: ", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Contains(problem, diagnostic.GetMessage(), StringComparison.Ordinal);
        AssertPointsAtTheAttribute(run, diagnostic);
        Assert.Single(run.Diagnostics);
        Assert.DoesNotContain("Named", run.Registry);
        run.AssertOutputCompiles();
    }

    [Theory]
    [InlineData("new[] { \"Allow_Raw\" }", "Allow_Raw", "character '_' at position 5 is not allowed")]
    [InlineData("new[] { \"9Lives\" }", "9Lives", "it does not start with a letter")]
    [InlineData("new[] { \"\" }", "", "it is empty")]
    [InlineData("new[] { \"Gate=true\" }", "Gate=true", "character '=' at position 4 is not allowed")]
    [InlineData("new[] { \"Twice\", \"Other\", \"Twice\" }", "Twice", "it is declared twice")]
    public void CPSL007_IsReported_ForAFeatureGateNameTheCommandLineCannotCarry(string gates, string gate, string problem)
    {
        var source = StorageSources.Layer("Acme.Host", "Gated", "gated", ", FeatureGates = " + gates);

        var run = GeneratorRun.Run(TestCompilations.Host(source));

        var diagnostic = run.Single("CPSL007");
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.StartsWith($"Feature gate '{gate}' declared by 'global::Acme.Host.Gated' is invalid: {problem};", diagnostic.GetMessage(), StringComparison.Ordinal);
        AssertPointsAtTheAttribute(run, diagnostic);
        Assert.Single(run.Diagnostics);
        Assert.DoesNotContain("Gated", run.Registry);
        run.AssertOutputCompiles();
    }

    [Fact]
    public void FeatureGates_AreSortedIntoTheRegistry_AndNullDeclaresNone()
    {
        var source = StorageSources.Layer("Acme.Host", "Gated", "gated", ", FeatureGates = new[] { \"Zeta\", \"Alpha2\" }")
            + StorageSources.Layer("Acme.Host.Plain", "Plain", "plain", ", FeatureGates = null");

        var run = GeneratorRun.Run(TestCompilations.Host(source));

        Assert.Empty(run.Diagnostics);
        Assert.Contains("private static readonly string[] s_featureGates0 = new string[] { \"Alpha2\", \"Zeta\" };", run.Registry);
        Assert.Contains("\"gated\" => s_featureGates0,", run.Registry);
        Assert.DoesNotContain("\"plain\" => s_featureGates", run.Registry);
        run.AssertOutputCompiles();
    }

    [Fact]
    public void ValidLayers_GetNoDiagnostics()
    {
        var source = StorageSources.Layer("Acme.Host", "One", "one") + StorageSources.Layer("Acme.Host.Two", "Two", "two.example-io");

        var run = GeneratorRun.Run(TestCompilations.Host(source));

        Assert.Empty(run.Diagnostics);
        Assert.Contains("\"one\" =>", run.Registry);
        Assert.Contains("\"two.example-io\" =>", run.Registry);
        run.AssertOutputCompiles();
    }

    private static string HostWith(string declaration) =>
        "namespace Acme.Host\n{\n"
        + declaration.Replace("__MEMBERS__", StorageSources.FactoryMembers("Bad", ThrowingCreateAsync)) + "\n}\n";

    private static void AssertPointsAtTheAttribute(GeneratorRun run, Diagnostic diagnostic) =>
        Assert.StartsWith("StorageLayer(", run.SourceAt(diagnostic), StringComparison.Ordinal);
}
