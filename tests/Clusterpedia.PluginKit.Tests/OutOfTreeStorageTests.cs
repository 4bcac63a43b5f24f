using Xunit;

namespace Clusterpedia.PluginKit.Tests;

/// <summary>
/// A storage layer that lives outside the repository (made from the template in a temp folder) compiled into a host
/// both ways an author can: our build with <c>dotnet cake --storage-project</c>, and the author's own host project.
/// Each host must list the layer in <c>--version</c>, start it with <c>--storage-name</c>, answer <c>/readyz</c> and
/// serve the layer's collection resources to the real kubectl; the cake-built one also syncs a simulated member
/// cluster into the layer and answers <c>kubectl get pods -A</c> from it.
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
        await AssertSyncsIntoItAsync(folder, binary);
    }

    /// <summary>
    /// A simulated member cluster synced by binding-apiserver into the out-of-tree layer, searched with
    /// <c>kubectl get pods -A</c> through the Clusterpedia resources URL.
    /// </summary>
    private static async Task AssertSyncsIntoItAsync(TempFolder folder, string binary)
    {
        var simulatorOutput = folder.Combine("simulator");
        (await DotNetCli.DotNetAsync(folder.Path, "build", Path.Combine(DotNetCli.RepositoryRoot, "tests", "Clusterpedia.ClusterSimulator"),
            "-o", simulatorOutput)).EnsureSuccess("building the cluster simulator");
        var memberPort = RunningServer.FreePort();
        using var member = RunningServer.StartPlain(Path.Combine(simulatorOutput, "Clusterpedia.ClusterSimulator"),
            "--name", "member-1", "--port", memberPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await member.WaitForOutputAsync("serving at");

        var manifests = Directory.CreateDirectory(folder.Combine("pediaclusters")).FullName;
        // A PediaCluster needs credentials; the simulator accepts any token unless started with --token.
        await File.WriteAllTextAsync(Path.Combine(manifests, "member-1.yaml"), $"""
            apiVersion: cluster.clusterpedia.io/v1alpha2
            kind: PediaCluster
            metadata:
              name: member-1
            spec:
              apiserver: https://127.0.0.1:{memberPort}
              tokenData: {Convert.ToBase64String("simulator-token"u8)}
              syncResources:
              - group: ""
                resources: ["pods"]
            """);
        using var server = RunningServer.Start(binary, $"--storage-name={StorageName}", "--pediaclusters", manifests);
        Assert.Equal("ok", await server.WaitForReadyAsync());

        using var home = new TempFolder("clusterpedia-kubectl-");
        // Until the first list is stored, discovery has no pods and kubectl says so: retry for a while, without
        // kubectl's discovery cache (it would keep the empty answer for minutes).
        var deadline = DateTime.UtcNow.AddSeconds(90);
        DotNetCli.Result get;
        while (true)
        {
            if (Directory.Exists(home.Combine("cache"))) Directory.Delete(home.Combine("cache"), recursive: true);
            get = await KubectlRunAsync(home, server.Port, "/apis/clusterpedia.io/v1beta1/resources", "get", "pods", "-A");
            if ((get.ExitCode == 0 && get.Output.Contains("member-1", StringComparison.Ordinal)) || DateTime.UtcNow > deadline) break;
            await Task.Delay(1000);
        }
        if (get.ExitCode != 0) throw new Xunit.Sdk.XunitException($"kubectl get pods -A: {get.Output}\nbinding-apiserver:\n{DotNetCli.Tail(server.Output)}");
        var pods = get.Output;
        var rows = pods.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(rows.Length > 1, $"kubectl get pods -A listed nothing:\n{pods}\n{server.Output}");
        Assert.Contains("CLUSTER", rows[0]);
        Assert.All(rows.Skip(1).Where(r => !r.StartsWith("Warning", StringComparison.Ordinal)), r => Assert.Contains("member-1", r));
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
        var list = await KubectlAsync(kubectl, server.Port, "", "get", "--raw", "/apis/clusterpedia.io/v1beta1/collectionresources");
        Assert.Contains("\"kind\":\"CollectionResourceList\"", list);
        foreach (var name in new[] { "any", "workloads", "kuberesources" }) Assert.Contains($"\"name\":\"{name}\"", list);
        // A list through the storage layer's ListAsync.
        var workloads = await KubectlAsync(kubectl, server.Port, "", "get", "--raw", "/apis/clusterpedia.io/v1beta1/collectionresources/workloads");
        Assert.Contains("\"items\":[]", workloads);
    }

    /// <param name="path">Appended to the server URL: "" for the server, the resources URL to search member resources.</param>
    private static async Task<string> KubectlAsync(TempFolder home, int port, string path, params string[] arguments) =>
        (await KubectlRunAsync(home, port, path, arguments)).EnsureSuccess($"kubectl {string.Join(' ', arguments)}").Output;

    private static async Task<DotNetCli.Result> KubectlRunAsync(TempFolder home, int port, string path, params string[] arguments)
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
              cluster: { server: "https://127.0.0.1:{{port}}{{path}}", insecure-skip-tls-verify: true }
            contexts:
            - name: clusterpedia
              context: { cluster: clusterpedia, user: author }
            current-context: clusterpedia
            users:
            - name: author
              user: { token: test-token }
            """);
        return await DotNetCli.RunAsync(kubectl, home.Path, TimeSpan.FromMinutes(1),
            new Dictionary<string, string> { ["HOME"] = home.Path, ["KUBECONFIG"] = kubeconfig },
            ["--cache-dir", home.Combine("cache"), .. arguments]);
    }
}
