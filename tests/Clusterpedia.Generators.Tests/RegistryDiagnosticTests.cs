using Microsoft.CodeAnalysis;

namespace Clusterpedia.Generators.Tests;

/// <summary>CPSL001, CPSL005, CPSL006 and diagnostics for layers in referenced assemblies.</summary>
public class RegistryDiagnosticTests
{
    [Fact]
    public void CPSL001_IsReported_WhenSourceAndAReferenceShareAName_NamingBothTypes()
    {
        var source = StorageSources.Layer("Acme.Host", "HostMemory", "memory");

        var run = GeneratorRun.Run(TestCompilations.Host(source, references: StorageAssemblies.Memory.Reference));

        var diagnostic = run.Single("CPSL001");
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(
            "Storage name 'memory' is declared by both 'global::Acme.Host.HostMemory' (assembly Acme.Host) and "
            + "'global::Acme.Storage.Memory.MemoryStorage' (assembly Acme.Storage.Memory); storage names must be unique in a host, "
            + "so reference only one of them",
            diagnostic.GetMessage());
        // The referenced one has no source, so the diagnostic points at the host's attribute.
        Assert.Equal("StorageLayer(\"memory\")", run.SourceAt(diagnostic));
        Assert.Single(run.Diagnostics);
        // The first stays, so code that selects "memory" still compiles.
        Assert.Contains("\"memory\" => global::Acme.Host.HostMemory.CreateAsync(options, cancellationToken),", run.Registry);
        Assert.DoesNotContain("MemoryStorage", run.Registry);
        run.AssertOutputCompiles();
    }

    [Fact]
    public void CPSL001_IsReported_BetweenTwoReferencedAssemblies_WithoutASourceLocation()
    {
        var other = TestCompilations.Library("Acme.Storage.OtherMemory", StorageSources.Layer("Acme.Storage.OtherMemory", "OtherMemoryStorage", "memory"));

        var run = GeneratorRun.Run(TestCompilations.Host("", references: [StorageAssemblies.Memory.Reference, other.Reference]));

        var diagnostic = run.Single("CPSL001");
        Assert.Contains("'global::Acme.Storage.Memory.MemoryStorage' (assembly Acme.Storage.Memory)", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("'global::Acme.Storage.OtherMemory.OtherMemoryStorage' (assembly Acme.Storage.OtherMemory)", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Equal(Location.None, diagnostic.Location);
        run.AssertOutputCompiles();
    }

    [Fact]
    public void InvalidLayerInAReferencedAssembly_IsReportedWithoutLocation_AndLeftOut()
    {
        var broken = TestCompilations.Library("Acme.Storage.Broken", """
            namespace Acme.Storage.Broken
            {
                [StorageLayer("Broken")]
                public sealed class BrokenStorage
                {
                }
            }
            """);

        var run = GeneratorRun.Run(TestCompilations.Host("", references: [broken.Reference, StorageAssemblies.Memory.Reference]));

        Assert.Equal(["CPSL002", "CPSL003", "CPSL004"], run.Diagnostics.Select(d => d.Id).Order());
        Assert.All(run.Diagnostics, d => Assert.Equal(Location.None, d.Location));
        Assert.All(run.Diagnostics, d => Assert.Contains("global::Acme.Storage.Broken.BrokenStorage", d.GetMessage(), StringComparison.Ordinal));
        Assert.DoesNotContain("Broken", run.Registry);
        Assert.Contains("\"memory\" =>", run.Registry);
        run.AssertOutputCompiles();
    }

    [Fact]
    public void CPSL005_IsReported_ForAStorageBuiltAgainstAnotherMajorMinorOfTheContract()
    {
        var future = StorageAgainstContractVersion("2.3.0.0");

        var run = GeneratorRun.Run(TestCompilations.Host("", references: [future.Reference, StorageAssemblies.Memory.Reference]));

        var diagnostic = run.Single("CPSL005");
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(
            "Storage assembly 'Acme.Storage.Future' (storage layers: future) was built against Clusterpedia.Core 2.3, "
            + "but this host compiles against Clusterpedia.Core 1.0; rebuild Acme.Storage.Future against Clusterpedia.Core 1.0",
            diagnostic.GetMessage());
        Assert.Equal(Location.None, diagnostic.Location);
        Assert.Single(run.Diagnostics);
        Assert.DoesNotContain("future", run.Registry);
        Assert.Contains("\"memory\" =>", run.Registry);
    }

    [Fact]
    public void CPSL005_IsNotReported_WhenOnlyTheBuildOrRevisionDiffers()
    {
        var patched = StorageAgainstContractVersion("1.0.7.0");

        var run = GeneratorRun.Run(TestCompilations.Host("", references: patched.Reference));

        Assert.Empty(run.Diagnostics);
        Assert.Contains("\"future\" => global::Acme.Storage.Future.FutureStorage.CreateAsync(options, cancellationToken),", run.Registry);
    }

    [Fact]
    public void CPSL006_IsReported_ForAnExecutableHostWithNoStorageLayer()
    {
        var run = GeneratorRun.Run(TestCompilations.Host(
            "System.Console.WriteLine(Clusterpedia.Generated.StorageLayerRegistry.Instance.Names.Count);", OutputKind.ConsoleApplication,
            references: StorageAssemblies.Unrelated.Reference));

        var diagnostic = run.Single("CPSL006");
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.StartsWith("This host compiles in no storage layer", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Single(run.Diagnostics);
        run.AssertOutputCompiles();
    }

    [Fact]
    public void CPSL006_IsNotReported_ForAnExecutableHostWithALayer_OrForALibrary()
    {
        var withLayer = GeneratorRun.Run(TestCompilations.Host(
            "System.Console.WriteLine(Clusterpedia.Generated.StorageLayerRegistry.Instance.Names.Count);", OutputKind.ConsoleApplication,
            references: StorageAssemblies.Memory.Reference));
        var library = GeneratorRun.Run(TestCompilations.Host("namespace Acme { public class Plain { } }"));

        Assert.Empty(withLayer.Diagnostics);
        withLayer.AssertOutputCompiles();
        Assert.Empty(library.Diagnostics);
    }

    /// <summary>
    /// A storage compiled against a stand-in Clusterpedia.Core of the given assembly version, which declares the
    /// contract types the storage uses; the host then compiles against the real Clusterpedia.Core 1.0.
    /// </summary>
    private static CompiledAssembly StorageAgainstContractVersion(string version)
    {
        const string usings = "using System;\nusing System.Threading;\nusing System.Threading.Tasks;\nusing Clusterpedia.Storage;\n";
        var contract = TestCompilations.Library("Clusterpedia.Core", usings + $$"""
            [assembly: System.Reflection.AssemblyVersion("{{version}}")]

            namespace Clusterpedia.Storage
            {
                [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
                public sealed class StorageLayerAttribute(string name) : Attribute
                {
                    public string Name { get; } = name;
                }

                public sealed record StorageLayerOptions(string Name, string? ConfigPath);

                public interface IStorageFactory : IAsyncDisposable
                {
                }
            }
            """, includeContract: false);
        return TestCompilations.Library("Acme.Storage.Future", usings + """
            namespace Acme.Storage.Future
            {
                [StorageLayer("future")]
                public sealed class FutureStorage : IStorageFactory
                {
                    public static ValueTask<IStorageFactory> CreateAsync(StorageLayerOptions options, CancellationToken cancellationToken)
                        => new(new FutureStorage());

                    public ValueTask DisposeAsync() => default;
                }
            }
            """, includeContract: false, contract.Reference);
    }
}
