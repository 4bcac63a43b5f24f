using System.Text.Json;
using Clusterpedia.ClusterSimulator;
using Clusterpedia.EndToEnd.Tests.KubectlSuite;

namespace Clusterpedia.EndToEnd.Tests;

/// <summary>
/// A fleet whose members prefer different autoscaling versions (kube-apiserver-wire.md, "Discovery and versions"):
/// HPAs are synced in their storage version, autoscaling/v2, from every member that serves it, so one list finds them
/// all; a member that serves only v1 is stored and listed as v1, and discovery shows both versions.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class MixedVersionFleetTests(HostExecutables executables) : IAsyncLifetime
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("clusterpedia-e2e-fleet-");

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        _dir.Delete(recursive: true);
        return Task.CompletedTask;
    }

    private static Task<ClusterSimulator.ClusterSimulator> StartAsync(string name, int seed, params string[] autoscalingVersions) =>
        ClusterSimulator.ClusterSimulator.StartAsync(new SimulatorOptions
        {
            Name = name, Namespaces = 2, Deployments = 3, PodsPerReplicaSet = 1, HorizontalPodAutoscalers = 3,
            AutoscalingVersions = autoscalingVersions, RequiredToken = $"{name}-token", Seed = seed,
        });

    [Fact]
    public async Task KubectlGetHpaListsTheHpasOfMembersPreferringV1AndV2()
    {
        var executable = await executables.GetAsync("binding-apiserver", "memory");
        await using var older = await StartAsync("older", 1, "v1", "v2");
        await using var newer1 = await StartAsync("newer-1", 2, "v2", "v1");
        await using var newer2 = await StartAsync("newer-2", 3, "v2", "v1");
        await using var v1Only = await StartAsync("v1-only", 4, "v1");
        ClusterSimulator.ClusterSimulator[] servingV2 = [older, newer1, newer2];

        var manifests = Directory.CreateDirectory(Path.Combine(_dir.FullName, "pediaclusters"));
        foreach (var member in (ClusterSimulator.ClusterSimulator[])[.. servingV2, v1Only])
            await File.WriteAllTextAsync(Path.Combine(manifests.FullName, member.Options.Name + ".json"),
                SimulatedClusters.PediaClusterJson(member, SimulatedResource.HorizontalPodAutoscalersV2));
        var port = HostProcess.FreePort();
        await using var process = HostProcess.Start(executable,
        [
            "--pediaclusters", manifests.FullName, "--storage-name=memory", "--bind-address=127.0.0.1", $"--secure-port={port}", "--metrics-port=0",
        ]);
        var kubectl = Kubectl.ForClusterpedia(_dir.FullName, port);

        var expected = servingV2.SelectMany(Keys).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(9, expected.Count);
        var listed = await ListAsync(kubectl, "hpa", expected.Count, process);
        Assert.Equal(expected, listed);

        // The member without autoscaling/v2 is stored as v1, so a v1 list finds it, and discovery offers both versions.
        Assert.Equal(Keys(v1Only).Order(StringComparer.Ordinal), await ListAsync(kubectl, "horizontalpodautoscalers.v1.autoscaling", 3, process));
        var versions = (await kubectl.OkAsync("api-versions")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("autoscaling/v2", versions);
        Assert.Contains("autoscaling/v1", versions);
    }

    /// <summary><c>cluster/namespace/name</c> of each HPA the member holds.</summary>
    private static IEnumerable<string> Keys(ClusterSimulator.ClusterSimulator member) =>
        member.Store.Keys(SimulatedResource.HorizontalPodAutoscalersV2).Select(k => $"{member.Options.Name}/{k}");

    /// <summary><c>kubectl get TYPE -A -o json</c> as <c>cluster/namespace/name</c>, once it lists <paramref name="count"/> objects.</summary>
    private static async Task<List<string>> ListAsync(Kubectl kubectl, string type, int count, HostProcess process)
    {
        var last = "";
        var keys = await Eventually.ValueAsync(async () =>
        {
            Assert.False(process.HasExited, $"binding-apiserver exited:\n{process.Describe()}");
            var (exitCode, stdout, stderr) = await kubectl.RunAsync("get", type, "-A", "-o", "json");
            last = $"exit {exitCode}: {stderr}";
            if (exitCode != 0) return [];
            using var list = JsonDocument.Parse(stdout);
            return list.RootElement.GetProperty("items").EnumerateArray().Select(item =>
            {
                var metadata = item.GetProperty("metadata");
                var cluster = metadata.GetProperty("annotations").GetProperty(ThreeClusterBindingApiServer.ClusterNameAnnotation).GetString();
                return $"{cluster}/{metadata.GetProperty("namespace").GetString()}/{metadata.GetProperty("name").GetString()}";
            }).Order(StringComparer.Ordinal).ToList();
        }, keys => keys.Count >= count, PodListing.Deadline, TimeSpan.FromMilliseconds(500));
        Assert.True(keys.Count >= count, $"kubectl get {type} -A listed {keys.Count} of {count}; last: {last}\n{process.Describe()}");
        return keys;
    }
}
