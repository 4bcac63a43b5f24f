using System.Text.RegularExpressions;
using Xunit;

namespace Clusterpedia.PluginKit.Tests;

/// <summary>
/// The <c>clusterpedia-storage</c> template, as an author uses it: installed from the repository into a private
/// template hive (the user's template cache is not touched), instantiated outside the repository, built and tested.
/// </summary>
public sealed partial class StorageTemplateTests
{
    private static readonly string Template = Path.Combine(DotNetCli.RepositoryRoot, "templates", "storage-layer");

    /// <summary>Installs the template into <paramref name="folder"/>'s hive and instantiates it into <c>src</c>.</summary>
    internal static async Task<string> InstantiateAsync(TempFolder folder, string name, string storageName, params string[] extra)
    {
        var hive = folder.Combine("hive");
        (await DotNetCli.DotNetAsync(folder.Path, "new", "install", Template, "--debug:custom-hive", hive)).EnsureSuccess("dotnet new install");
        var output = folder.Combine("src");
        (await DotNetCli.DotNetAsync(folder.Path,
            ["new", "clusterpedia-storage", "-n", name, "--StorageName", storageName, "-o", output, "--debug:custom-hive", hive, .. extra]))
            .EnsureSuccess("dotnet new clusterpedia-storage");
        return output;
    }

    private static void AssertAllConformanceTestsPassed(DotNetCli.Result test)
    {
        test.EnsureSuccess("dotnet test of the instantiated template");
        var summary = Summary().Match(test.Output);
        Assert.True(summary.Success, "no test summary in:\n" + DotNetCli.Tail(test.Output));
        Assert.Equal("0", summary.Groups["failed"].Value);
        Assert.True(int.Parse(summary.Groups["passed"].Value) >= 90, summary.Value);
    }

    [Fact]
    public async Task From_a_checkout_it_builds_and_passes_the_conformance_suite()
    {
        using var folder = new TempFolder("clusterpedia-template-");
        var src = await InstantiateAsync(folder, "Acme.Storage.Kit", "kit-storage", "--ClusterpediaRepo", DotNetCli.RepositoryRoot);

        var factory = await File.ReadAllTextAsync(Path.Combine(src, "Acme.Storage.Kit", "StorageLayerFactory.cs"));
        Assert.Contains("[StorageLayer(\"kit-storage\")]", factory);
        Assert.Contains("namespace Acme.Storage.Kit;", factory);
        Assert.False(File.Exists(Path.Combine(src, "nuget.config")), "nuget.config is only written when --PackageSource is given");

        AssertAllConformanceTestsPassed(await DotNetCli.DotNetAsync(src, "test", "Acme.Storage.Kit.Tests/Acme.Storage.Kit.Tests.csproj"));
    }

    [Fact]
    public async Task From_packages_it_builds_and_passes_the_conformance_suite()
    {
        using var folder = new TempFolder("clusterpedia-template-packages-");
        var feed = folder.Combine("feed");
        // A version of its own, so the NuGet cache never serves packages from an earlier run.
        var version = $"0.0.0-kit.{DateTime.UtcNow:yyyyMMddHHmmssfff}";
        foreach (var project in new[] { "core/Clusterpedia.Core/Clusterpedia.Core.csproj", "tests/Clusterpedia.Storage.Conformance/Clusterpedia.Storage.Conformance.csproj" })
        {
            (await DotNetCli.DotNetAsync(DotNetCli.RepositoryRoot, "pack", project, "-c", "Release", "-o", feed, $"-p:Version={version}"))
                .EnsureSuccess($"dotnet pack {project}");
        }

        var src = await InstantiateAsync(folder, "Acme.Storage.Packaged", "packaged", "--PackageSource", feed, "--ClusterpediaVersion", version);
        Assert.Contains(feed, await File.ReadAllTextAsync(Path.Combine(src, "nuget.config")));

        var test = await DotNetCli.DotNetAsync(src, "test", "Acme.Storage.Packaged.Tests/Acme.Storage.Packaged.Tests.csproj");
        AssertAllConformanceTestsPassed(test);
        Assert.DoesNotContain("Clusterpedia.Core.csproj", test.Output);
    }

    [GeneratedRegex(@"Failed:\s+(?<failed>\d+), Passed:\s+(?<passed>\d+),")]
    private static partial Regex Summary();
}
