namespace Clusterpedia.Hosts.Tests;

/// <summary>hosts/Storages.props: what the MSBuild properties put into a host.</summary>
[Collection(HostBuildsCollection.Name)]
[Trait("Category", "Slow")]
public sealed class BuildSelectionTests(HostBuilds builds)
{
    [Fact]
    public async Task Unknown_name_in_ClusterpediaStorages_fails_the_build_naming_the_known_layers()
    {
        var project = Path.Combine(RepositoryPaths.Root, "hosts", "binding-apiserver", "binding-apiserver.csproj");

        var result = await HostBuilds.RunDotnetAsync(
            ["build", project, "-c", "Debug", "-o", Path.Combine(builds.OutputRoot, "never-built"), "-nologo",
             "-p:ClusterpediaStorages=memory%2Cno-such-layer"]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("ClusterpediaStorages names unknown storage layer(s): no-such-layer.", result.StandardOutput);
        var known = result.StandardOutput.Split('\n').First(l => l.Contains("Known storage layers: ", StringComparison.Ordinal));
        Assert.Contains("memory", known);
        Assert.Contains("fixture", known);
    }

    [Fact]
    public async Task ClusterpediaStorageProjects_compiles_in_an_out_of_tree_layer()
    {
        var fixture = Path.Combine(RepositoryPaths.Root, "tests", "fixtures", "Clusterpedia.Storage.Fixture", "Clusterpedia.Storage.Fixture.csproj");
        var host = await builds.GetAsync("binding-apiserver", "memory", [fixture]);

        var result = await ProcessRunner.RunAsync(host, ["--version"], TimeSpan.FromSeconds(60));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("storage layers: fixture, memory\n", result.StandardOutput);
    }
}
