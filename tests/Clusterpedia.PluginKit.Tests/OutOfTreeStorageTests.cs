using Xunit;

namespace Clusterpedia.PluginKit.Tests;

/// <summary>
/// A storage layer that lives outside the repository (made from the template in a temp folder) compiled into a host
/// both ways an author can: our build with <c>dotnet cake --storage-project</c>, and the author's own host project.
/// Each host must list the layer in <c>--version</c>, start it with <c>--storage-name</c> and answer <c>/readyz</c>.
/// </summary>
public sealed class OutOfTreeStorageTests
{
    private const string StorageName = "outside-storage";

    [Fact]
    public async Task Cake_storage_project_compiles_it_into_binding_apiserver()
    {
        using var folder = new TempFolder("clusterpedia-outside-");
        var src = await StorageTemplateTests.InstantiateAsync(folder, "Acme.Storage.Outside", StorageName, "--ClusterpediaRepo", DotNetCli.RepositoryRoot);
        var storageProject = Path.Combine(src, "Acme.Storage.Outside", "Acme.Storage.Outside.csproj");

        (await DotNetCli.DotNetAsync(DotNetCli.RepositoryRoot, "tool", "restore")).EnsureSuccess("dotnet tool restore");
        // --aot=false: a JIT publish keeps this test fast; the NativeAOT path is the same build with ILC added.
        var artifacts = folder.Combine("artifacts");
        (await DotNetCli.DotNetAsync(DotNetCli.RepositoryRoot, "cake", "--target=Publish", "--storages=memory",
            $"--storage-project={storageProject}", "--components=binding-apiserver", "--aot=false", $"--artifacts={artifacts}"))
            .EnsureSuccess("dotnet cake --target=Publish --storage-project");

        var binary = Directory.EnumerateFiles(artifacts, "binding-apiserver", SearchOption.AllDirectories).Single();
        Assert.Contains("acme.storage.outside", Path.GetDirectoryName(binary));
        await AssertServesAsync(binary, [], "memory, outside-storage");
    }

    [Fact]
    public async Task An_authors_own_host_project_compiles_it_in()
    {
        using var folder = new TempFolder("clusterpedia-own-host-");
        var src = await StorageTemplateTests.InstantiateAsync(folder, "Acme.Storage.Outside", StorageName, "--ClusterpediaRepo", DotNetCli.RepositoryRoot);
        var host = Path.Combine(src, "Acme.Host");
        Directory.CreateDirectory(host);
        var repo = DotNetCli.RepositoryRoot;
        await File.WriteAllTextAsync(Path.Combine(host, "Acme.Host.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <AssemblyName>acme-apiserver</AssemblyName>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="{repo}/core/Clusterpedia.Hosting/Clusterpedia.Hosting.csproj" />
                <ProjectReference Include="{repo}/generators/Clusterpedia.Generators/Clusterpedia.Generators.csproj"
                                  OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
                <ProjectReference Include="../Acme.Storage.Outside/Acme.Storage.Outside.csproj" />
              </ItemGroup>
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(host, "Program.cs"), """
            return await Clusterpedia.Hosting.ClusterpediaHost.RunAsync("binding-apiserver", args,
                Clusterpedia.Generated.StorageLayerRegistry.Instance, Clusterpedia.Hosting.HostDefaults.BindingApiServer);
            """);

        var output = folder.Combine("out");
        (await DotNetCli.DotNetAsync(host, "build", "Acme.Host.csproj", "-o", output)).EnsureSuccess("dotnet build of the author's host");
        await AssertServesAsync(Path.Combine(output, "acme-apiserver"), [], "outside-storage");
    }

    /// <summary>--version lists exactly <paramref name="layers"/>; --storage-name=outside-storage starts and is ready.</summary>
    private static async Task AssertServesAsync(string binary, string[] flags, string layers)
    {
        var version = await DotNetCli.RunAsync(binary, Path.GetDirectoryName(binary)!, TimeSpan.FromMinutes(1), null, "--version");
        version.EnsureSuccess($"{binary} --version");
        Assert.Contains($"storage layers: {layers}\n", version.Output.ReplaceLineEndings("\n"));

        using var server = RunningServer.Start(binary, [.. flags, $"--storage-name={StorageName}"]);
        Assert.Equal("ok", await server.WaitForReadyAsync());
    }
}
