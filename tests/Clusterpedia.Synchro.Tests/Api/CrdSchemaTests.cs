using System.Text.Json;
using Clusterpedia.Synchro.Api;
using Clusterpedia.Synchro.Local;

namespace Clusterpedia.Synchro.Tests.Api;

/// <summary>deploy/crds must accept every field our PediaCluster model writes, and carry upstream's printer columns.</summary>
public sealed class CrdSchemaTests
{
    private static string CrdPath(string file)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "deploy", "crds", file);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException(file);
    }

    private static JsonElement Crd(string file) => JsonDocument.Parse(YamlToJson.Convert(File.ReadAllText(CrdPath(file)))[0]).RootElement;

    private static JsonElement Version(JsonElement crd) => crd.GetProperty("spec").GetProperty("versions")[0];

    /// <summary>Every property in <paramref name="value"/> must be declared in <paramref name="schema"/>; returns the undeclared paths.</summary>
    private static IEnumerable<string> Undeclared(JsonElement value, JsonElement schema, string path)
    {
        if (value.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out var props))
        {
            foreach (var p in value.EnumerateObject())
            {
                if (!props.TryGetProperty(p.Name, out var child)) yield return $"{path}.{p.Name}";
                else foreach (var u in Undeclared(p.Value, child, $"{path}.{p.Name}")) yield return u;
            }
        }
        else if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            foreach (var item in value.EnumerateArray())
                foreach (var u in Undeclared(item, items, path + "[]")) yield return u;
        }
    }

    [Fact]
    public void EveryFieldOfAFullPediaClusterIsInTheSchema()
    {
        var selector = new SecretKeySelector { Name = "s", Key = "k" };
        var cluster = new PediaCluster
        {
            Metadata = new ObjectMeta { Name = "c" },
            Spec = new PediaClusterSpec
            {
                Apiserver = "https://x", Kubeconfig = [1], CaData = [1], TokenData = [1], CertData = [1], KeyData = [1],
                AuthenticationFrom = new AuthenticationFrom { Kubeconfig = selector, Ca = selector, Token = selector, Cert = selector, Key = selector },
                SyncResources = [new ClusterGroupResources { Group = "apps", Versions = ["v1"], Resources = ["deployments"], EventsInvolvedResources = ["*"] }],
                SyncAllCustomResources = true, SyncResourcesRefName = "r", ShardingName = "s",
            },
            Status = new PediaClusterStatus
            {
                Apiserver = "https://x", Version = "v1.32.0", ShardingName = "s",
                Conditions = [new Condition { Type = "Ready", Status = "True", Reason = "Ready", Message = "", ObservedGeneration = 1 }],
                SyncResources =
                [
                    new ClusterGroupResourcesStatus
                    {
                        Group = "apps",
                        Resources =
                        [
                            new ClusterResourceStatus
                            {
                                Name = "deployments", Kind = "Deployment", Namespaced = true,
                                SyncConditions =
                                [
                                    new ClusterResourceSyncCondition
                                    {
                                        Version = "v1", SyncVersion = "v1", SyncResource = "deployments", StorageVersion = "v1", StorageResource = "deployments",
                                        Status = "Syncing", Reason = "r", Message = "m", InitialListPhase = false,
                                    },
                                ],
                            },
                        ],
                    },
                ],
            },
        };
        var json = JsonDocument.Parse(JsonSerializer.Serialize(cluster, SynchroJsonContext.Default.PediaCluster)).RootElement;
        var schema = Version(Crd("cluster.clusterpedia.io_pediaclusters.yaml")).GetProperty("schema").GetProperty("openAPIV3Schema");
        Assert.Empty(Undeclared(json, schema, ""));
        Assert.Equal("string", schema.GetProperty("properties").GetProperty("spec").GetProperty("properties").GetProperty("tokenData").GetProperty("type").GetString());
    }

    [Fact]
    public void PediaClusterHasUpstreamsPrinterColumnsAndStatusSubresource()
    {
        var version = Version(Crd("cluster.clusterpedia.io_pediaclusters.yaml"));
        var columns = version.GetProperty("additionalPrinterColumns").EnumerateArray()
            .Select(c => (c.GetProperty("name").GetString(), c.TryGetProperty("priority", out var p) ? p.GetInt32() : 0)).ToList();
        Assert.Equal([("Ready", 0), ("Version", 0), ("APIServer", 0), ("Validated", 10), ("SynchroRunning", 10), ("ClusterHealthy", 10), ("ShardingName", 10)], columns);
        Assert.True(version.GetProperty("subresources").TryGetProperty("status", out _));
        Assert.Equal("v1alpha2", version.GetProperty("name").GetString());
    }

    [Fact]
    public void ClusterSyncResourcesSharesTheSyncResourcesSchema()
    {
        var crd = Crd("cluster.clusterpedia.io_clustersyncresources.yaml");
        Assert.Equal("Cluster", crd.GetProperty("spec").GetProperty("scope").GetString());
        var items = Version(crd).GetProperty("schema").GetProperty("openAPIV3Schema").GetProperty("properties").GetProperty("spec")
            .GetProperty("properties").GetProperty("syncResources").GetProperty("items");
        Assert.Equal(1, items.GetProperty("properties").GetProperty("resources").GetProperty("minItems").GetInt32());
    }
}
