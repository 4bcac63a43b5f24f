using System.Text.Json;
using Clusterpedia.Synchro.Api;
using YamlDotNet.Core;

namespace Clusterpedia.Synchro.Local;

/// <summary>The PediaClusters and ClusterSyncResources found in a manifest file or a directory of them.</summary>
public sealed record ManifestSet(IReadOnlyList<PediaCluster> Clusters, IReadOnlyList<ClusterSyncResources> SyncResources);

/// <summary>Reads PediaCluster and ClusterSyncResources manifests (YAML or JSON, several per file) from disk.</summary>
public static class ManifestLoader
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    /// <exception cref="ManifestException">Naming the file and what is wrong with it.</exception>
    public static ManifestSet Load(string path)
    {
        IEnumerable<string> files;
        if (Directory.Exists(path))
            files = Directory.EnumerateFiles(path).Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase)).Order(StringComparer.Ordinal);
        else if (File.Exists(path)) files = [path];
        else throw new ManifestException($"--pediaclusters: '{path}' is neither a file nor a directory");

        var clusters = new List<PediaCluster>();
        var sets = new List<ClusterSyncResources>();
        foreach (var file in files)
        {
            IReadOnlyList<byte[]> documents;
            try
            {
                documents = YamlToJson.Convert(File.ReadAllText(file));
            }
            catch (YamlException e)
            {
                throw new ManifestException($"{file}: invalid YAML: {e.Message}", e);
            }
            foreach (var json in documents) Read(file, json, clusters, sets);
        }
        var duplicate = clusters.GroupBy(c => c.Metadata.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate != null) throw new ManifestException($"{path}: PediaCluster '{duplicate.Key}' is defined more than once");
        return new ManifestSet(clusters, sets);
    }

    private static void Read(string file, byte[] json, List<PediaCluster> clusters, List<ClusterSyncResources> sets)
    {
        try
        {
            var type = JsonSerializer.Deserialize(json, SynchroJsonContext.Default.TypeMeta);
            if (type?.ApiVersion != PediaCluster.ApiGroupVersion)
                throw new ManifestException($"{file}: apiVersion must be {PediaCluster.ApiGroupVersion}, found '{type?.ApiVersion}'");
            switch (type.Kind)
            {
                case PediaCluster.KindName:
                    var cluster = JsonSerializer.Deserialize(json, SynchroJsonContext.Default.PediaCluster)!;
                    if (string.IsNullOrEmpty(cluster.Metadata.Name)) throw new ManifestException($"{file}: a PediaCluster has no metadata.name");
                    clusters.Add(cluster);
                    break;
                case "ClusterSyncResources":
                    var set = JsonSerializer.Deserialize(json, SynchroJsonContext.Default.ClusterSyncResources)!;
                    if (string.IsNullOrEmpty(set.Metadata.Name)) throw new ManifestException($"{file}: a ClusterSyncResources has no metadata.name");
                    sets.Add(set);
                    break;
                default:
                    throw new ManifestException($"{file}: kind must be PediaCluster or ClusterSyncResources, found '{type.Kind}'");
            }
        }
        catch (JsonException e)
        {
            throw new ManifestException($"{file}: {e.Message}", e);
        }
    }
}

public sealed class ManifestException(string message, Exception? inner = null) : Exception(message, inner);
