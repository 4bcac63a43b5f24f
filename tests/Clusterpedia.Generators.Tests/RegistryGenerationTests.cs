using System.Reflection;
using System.Runtime.Loader;
using Clusterpedia.Storage;
using Microsoft.CodeAnalysis;

namespace Clusterpedia.Generators.Tests;

/// <summary>The generator end to end: discovery in source and in referenced assemblies, the emitted registry, running it.</summary>
public class RegistryGenerationTests
{
    private static readonly string HostSource =
        StorageSources.Layer("Acme.Host", "LocalStorage", "local") + """

        namespace Acme.Host
        {
            public static class Program
            {
                public static int Count() => Clusterpedia.Generated.StorageLayerRegistry.Instance.Names.Count;
            }
        }
        """;

    private static Compilation FullHost() =>
        TestCompilations.Host(HostSource, references: StorageAssemblies.All.Select(a => a.Reference).ToArray());

    [Fact]
    public void Registry_ListsLayersFromSourceDirectAndTransitiveReferences()
    {
        var run = GeneratorRun.Run(FullHost());

        Assert.Empty(run.Diagnostics);
        run.AssertOutputCompiles();
        Snapshot.Matches(run.Registry, "Registry_SourceDirectAndTransitive.txt");
    }

    [Fact]
    public async Task Registry_Runs_AndCreatesTheNamedFactory()
    {
        var run = GeneratorRun.Run(FullHost());
        var image = TestCompilations.EmitOrFail(run.Output);
        var context = new InMemoryLoadContext(StorageAssemblies.All);
        try
        {
            var host = context.LoadFromStream(new MemoryStream(image));
            var registryType = host.GetType("Clusterpedia.Generated.StorageLayerRegistry", throwOnError: true)!;
            var registry = (IStorageLayerRegistry)registryType.GetProperty("Instance")!.GetValue(null)!;

            Assert.Equal(["local", "memory", "postgres", "sql"], registry.Names);
            Assert.Equal("1.0", registryType.GetProperty("ContractVersion")!.GetValue(null));

            var pending = registry.TryCreate("postgres", new StorageLayerOptions("postgres", "/etc/storage.yaml"), CancellationToken.None);
            Assert.True(pending.HasValue, "postgres is compiled in, so TryCreate must return its factory");
            await using var factory = await pending.Value;
            Assert.Equal("Acme.Storage.Postgres.PostgresStorage", factory.GetType().FullName);
            var options = (StorageLayerOptions)factory.GetType().GetProperty("Options")!.GetValue(factory)!;
            Assert.Equal("/etc/storage.yaml", options.ConfigPath);

            Assert.Equal(["AllowParameterizedSQLQuery", "AllowRawSQLQuery"], registry.FeatureGatesOf("postgres"));
            Assert.Empty(registry.FeatureGatesOf("memory"));
            Assert.Empty(registry.FeatureGatesOf("nope"));

            Assert.False(registry.TryCreate("memory-internal", new StorageLayerOptions("memory-internal", null), CancellationToken.None).HasValue);
            Assert.False(registry.TryCreate("nope", new StorageLayerOptions("nope", null), CancellationToken.None).HasValue);
        }
        finally
        {
            context.Unload();
        }
    }

    [Fact]
    public void CompilationWithoutTheContract_GetsNothing()
    {
        var run = GeneratorRun.Run(TestCompilations.Host("namespace Acme { public class Plain { } }", OutputKind.ConsoleApplication,
            includeContract: false, StorageAssemblies.Unrelated.Reference));

        Assert.Null(run.Registry);
        Assert.Empty(run.Diagnostics);
    }

    [Fact]
    public void LibraryWithoutLayers_GetsAnEmptyRegistryThatCompiles()
    {
        var run = GeneratorRun.Run(TestCompilations.Host("namespace Acme { public class Plain { } }"));

        Assert.Empty(run.Diagnostics);
        run.AssertOutputCompiles();
        Snapshot.Matches(run.Registry, "Registry_Empty.txt");
    }

    [Fact]
    public void InvalidLayers_AreLeftOutOfTheRegistry_AndTheHostStillCompiles()
    {
        var source = StorageSources.Layer("Acme.Host", "GoodStorage", "good") + """
            namespace Acme.Host
            {
                [StorageLayer("bad")]
                public sealed class BadStorage
                {
                }

                [StorageLayer("Bad.Name")]
                public sealed class BadNameStorage
                {
                }
            }
            """;

        var run = GeneratorRun.Run(TestCompilations.Host(source));

        Assert.Contains(run.Diagnostics, d => d.Id == "CPSL002");
        Assert.Contains(run.Diagnostics, d => d.Id == "CPSL004");
        run.AssertOutputCompiles();
        Assert.Contains("\"good\" => global::Acme.Host.GoodStorage.CreateAsync(options, cancellationToken),", run.Registry);
        Assert.DoesNotContain("BadStorage", run.Registry);
        Assert.DoesNotContain("BadNameStorage", run.Registry);
    }

    /// <summary>Loads the in-memory storage assemblies; the contract comes from the default context, shared with the test.</summary>
    private sealed class InMemoryLoadContext(IEnumerable<CompiledAssembly> assemblies) : AssemblyLoadContext("generated-host", isCollectible: true)
    {
        private readonly Dictionary<string, byte[]> _images = assemblies.ToDictionary(a => a.Name, a => a.Image);

        protected override Assembly? Load(AssemblyName assemblyName) =>
            assemblyName.Name is { } name && _images.TryGetValue(name, out var image) ? LoadFromStream(new MemoryStream(image)) : null;
    }
}
