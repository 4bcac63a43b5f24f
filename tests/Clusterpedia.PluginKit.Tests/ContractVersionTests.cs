using Xunit;

namespace Clusterpedia.PluginKit.Tests;

/// <summary>
/// Version safety: a storage layer compiled against another major.minor of the core contract is refused when a
/// host is built with it (CPSL005), naming both versions, instead of failing at run time.
/// </summary>
public sealed class ContractVersionTests
{
    [Fact]
    public async Task A_storage_built_against_core_2_0_fails_the_host_build_with_CPSL005()
    {
        using var folder = new TempFolder("clusterpedia-contract-");
        var core2 = CoreCopy.Write(folder.Combine("core-2.0"), "2.0");
        var core2Assembly = folder.Combine("core-2.0", "out", "Clusterpedia.Core.dll");
        (await DotNetCli.DotNetAsync(folder.Path, "build", core2, "-o", Path.GetDirectoryName(core2Assembly)!)).EnsureSuccess("building core 2.0");
        var storage = FutureStorage.Write(folder.Combine("Acme.Storage.Future"), core2Assembly);

        // No -o: a shared output folder would let the two Clusterpedia.Core.dll overwrite each other.
        var host = Path.Combine(DotNetCli.RepositoryRoot, "hosts", "binding-apiserver", "binding-apiserver.csproj");
        var build = await DotNetCli.DotNetAsync(folder.Path, "build", host,
            "-p:ClusterpediaStorages=memory", $"-p:ClusterpediaStorageProjects={storage}");

        Assert.NotEqual(0, build.ExitCode);
        var line = build.Output.Split('\n').FirstOrDefault(l => l.Contains("error CPSL005", StringComparison.Ordinal));
        Assert.DoesNotContain("'Clusterpedia.Storage.Memory'", build.Output);
        Assert.True(line is not null, "no CPSL005 error in:\n" + DotNetCli.Tail(build.Output));
        Assert.Contains("'Acme.Storage.Future'", line);
        Assert.Contains("future", line);
        Assert.Contains("Clusterpedia.Core 2.0", line);
        Assert.Contains("Clusterpedia.Core 1.0", line);
    }
}

/// <summary>A copy of Clusterpedia.Core's sources built as another contract version (same assembly name).</summary>
internal static class CoreCopy
{
    /// <returns>The copy's project file.</returns>
    public static string Write(string folder, string contractVersion)
    {
        var source = Path.Combine(DotNetCli.RepositoryRoot, "core", "Clusterpedia.Core");
        foreach (var file in Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
                     .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal)))
        {
            var target = Path.Combine(folder, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        var project = Path.Combine(folder, "Clusterpedia.Core.csproj");
        File.WriteAllText(project, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <AssemblyName>Clusterpedia.Core</AssemblyName>
                <RootNamespace>Clusterpedia</RootNamespace>
                <AssemblyVersion>{contractVersion}.0.0</AssemblyVersion>
              </PropertyGroup>
            </Project>
            """);
        return project;
    }
}

/// <summary>A complete storage layer named "future", built against the given Clusterpedia.Core assembly.</summary>
internal static class FutureStorage
{
    public static string Write(string folder, string coreAssembly)
    {
        Directory.CreateDirectory(folder);
        var project = Path.Combine(folder, "Acme.Storage.Future.csproj");
        // An assembly reference that is not copied: the host gets the storage assembly and keeps its own core, as
        // with a storage layer built elsewhere against another release.
        File.WriteAllText(project, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <Reference Include="Clusterpedia.Core">
                  <HintPath>{coreAssembly}</HintPath>
                  <Private>false</Private>
                </Reference>
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(folder, "FutureStorageFactory.cs"), """
            using Clusterpedia.Objects;
            using Clusterpedia.Storage;

            namespace Acme.Storage.Future;

            [StorageLayer("future")]
            public sealed class FutureStorageFactory : IStorageFactory
            {
                public static ValueTask<IStorageFactory> CreateAsync(StorageLayerOptions options, CancellationToken cancellationToken) =>
                    ValueTask.FromResult<IStorageFactory>(new FutureStorageFactory());

                public StorageVerbs SupportedVerbs => StorageVerbs.Get | StorageVerbs.List;
                public IReadOnlyList<CollectionResourceDefinition> CollectionResources => [];
                public ValueTask PrepareClusterAsync(string cluster, CancellationToken cancellationToken) => ValueTask.CompletedTask;
                public ValueTask CleanClusterAsync(string cluster, CancellationToken cancellationToken) => ValueTask.CompletedTask;
                public ValueTask CleanClusterResourceAsync(string cluster, GroupVersionResource resource, CancellationToken cancellationToken) => ValueTask.CompletedTask;
                public ValueTask<IReadOnlyDictionary<GroupVersionResource, ClusterResourceVersions>> GetResourceVersionsAsync(string cluster, CancellationToken cancellationToken) =>
                    ValueTask.FromResult<IReadOnlyDictionary<GroupVersionResource, ClusterResourceVersions>>(new Dictionary<GroupVersionResource, ClusterResourceVersions>());
                public IResourceStorage GetResourceStorage(ResourceStorageConfig config) => throw StorageException.NotSupported("future");
                public ICollectionResourceStorage GetCollectionResourceStorage(string name) => throw StorageException.NotFound(name);
                public ValueTask ShutdownAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;
                public ValueTask DisposeAsync() => ValueTask.CompletedTask;
            }
            """);
        return project;
    }
}
