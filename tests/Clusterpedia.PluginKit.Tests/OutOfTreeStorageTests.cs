using Xunit;

namespace Clusterpedia.PluginKit.Tests;

/// <summary>
/// A storage layer that lives outside the repository (made from the template in a temp folder) compiled into a host
/// both ways an author can: our build with <c>dotnet cake --storage-project</c>, and the author's own host project.
/// Each host must list the layer in <c>--version</c>, start it with <c>--storage-name</c>, answer <c>/readyz</c>, and
/// serve the layer's collection resources to the real kubectl (<c>kubectl get --raw</c>: with no cluster synced yet,
/// discovery lists no member resources for <c>kubectl get &lt;type&gt;</c>).
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

        using var kubectl = new TempFolder("clusterpedia-kubectl-");
        var list = await KubectlAsync(kubectl, server.Port, "get", "--raw", "/apis/clusterpedia.io/v1beta1/collectionresources");
        Assert.Contains("\"kind\":\"CollectionResourceList\"", list);
        foreach (var name in new[] { "any", "workloads", "kuberesources" }) Assert.Contains($"\"name\":\"{name}\"", list);
        // A list through the storage layer's ListAsync.
        var workloads = await KubectlAsync(kubectl, server.Port, "get", "--raw", "/apis/clusterpedia.io/v1beta1/collectionresources/workloads");
        Assert.Contains("\"items\":[]", workloads);
    }

    private static async Task<string> KubectlAsync(TempFolder home, int port, params string[] arguments)
    {
        // With no authentication flag the host serves loopback clients as system:anonymous; the token only keeps
        // kubectl from prompting for a user name.
        const string kubectl = "/usr/bin/kubectl";
        Assert.True(File.Exists(kubectl), $"kubectl is required at {kubectl} for the end-to-end tests");
        var kubeconfig = home.Combine("kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, $$"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: clusterpedia
              cluster: { server: "https://127.0.0.1:{{port}}", insecure-skip-tls-verify: true }
            contexts:
            - name: clusterpedia
              context: { cluster: clusterpedia, user: author }
            current-context: clusterpedia
            users:
            - name: author
              user: { token: test-token }
            """);
        var result = await DotNetCli.RunAsync(kubectl, home.Path, TimeSpan.FromMinutes(1),
            new Dictionary<string, string> { ["HOME"] = home.Path, ["KUBECONFIG"] = kubeconfig },
            ["--cache-dir", home.Combine("cache"), .. arguments]);
        return result.EnsureSuccess($"kubectl {string.Join(' ', arguments)}").Output;
    }
}
