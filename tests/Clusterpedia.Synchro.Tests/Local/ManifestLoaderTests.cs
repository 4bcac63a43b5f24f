using System.Text;
using Clusterpedia.Synchro.Local;

namespace Clusterpedia.Synchro.Tests.Local;

public sealed class ManifestLoaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pediaclusters-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ReadsPediaClustersAndSyncResourcesFromYamlAndJson()
    {
        var token = Convert.ToBase64String(Encoding.UTF8.GetBytes("tok"));
        File.WriteAllText(Path.Combine(_dir, "a.yaml"), $"""
            apiVersion: cluster.clusterpedia.io/v1alpha2
            kind: PediaCluster
            metadata:
              name: cluster-1
            spec:
              apiserver: "https://127.0.0.1:6443"
              tokenData: {token}
              syncAllCustomResources: false
              syncResources:
              - group: apps
                resources: [deployments]
              - group: ""
                versions: []
                resources:
                - pods
            ---
            apiVersion: cluster.clusterpedia.io/v1alpha2
            kind: ClusterSyncResources
            metadata:
              name: shared
            spec:
              syncResources:
              - group: stable.example.com
                resources: ["*"]
            """);
        File.WriteAllText(Path.Combine(_dir, "b.json"), """
            {"apiVersion":"cluster.clusterpedia.io/v1alpha2","kind":"PediaCluster","metadata":{"name":"cluster-2"},
             "spec":{"kubeconfig":"YXBpVmVyc2lvbjogdjE=","syncResourcesRefName":"shared","syncResources":[]}}
            """);
        File.WriteAllText(Path.Combine(_dir, "ignored.txt"), "not a manifest");

        var set = ManifestLoader.Load(_dir);
        Assert.Equal(["cluster-1", "cluster-2"], set.Clusters.Select(c => c.Metadata.Name));
        var c1 = set.Clusters[0].Spec;
        Assert.Equal("tok", Encoding.UTF8.GetString(c1.TokenData!));
        Assert.Equal(["apps", ""], c1.SyncResources.Select(g => g.Group));
        Assert.Equal(["pods"], c1.SyncResources[1].Resources);
        Assert.Equal("apiVersion: v1", Encoding.UTF8.GetString(set.Clusters[1].Spec.Kubeconfig!));
        Assert.Equal("shared", Assert.Single(set.SyncResources).Metadata.Name);
    }

    [Theory]
    [InlineData("apiVersion: v1\nkind: Pod\nmetadata: {name: x}\n", "apiVersion must be cluster.clusterpedia.io/v1alpha2")]
    [InlineData("apiVersion: cluster.clusterpedia.io/v1alpha2\nkind: Other\n", "kind must be PediaCluster or ClusterSyncResources")]
    [InlineData("apiVersion: cluster.clusterpedia.io/v1alpha2\nkind: PediaCluster\nspec: {}\n", "has no metadata.name")]
    [InlineData("apiVersion: [unclosed\n", "invalid YAML")]
    [InlineData("apiVersion: cluster.clusterpedia.io/v1alpha2\nkind: PediaCluster\nmetadata: {name: x}\nspec: {tokenData: 5}\n", "bad.yaml")]
    public void BadManifestsNameTheFileAndTheProblem(string yaml, string expected)
    {
        var file = Path.Combine(_dir, "bad.yaml");
        File.WriteAllText(file, yaml);
        var e = Assert.Throws<ManifestException>(() => ManifestLoader.Load(_dir));
        Assert.Contains("bad.yaml", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingPathIsAnError() =>
        Assert.Contains("--pediaclusters", Assert.Throws<ManifestException>(() => ManifestLoader.Load(Path.Combine(_dir, "nope"))).Message, StringComparison.Ordinal);
}
