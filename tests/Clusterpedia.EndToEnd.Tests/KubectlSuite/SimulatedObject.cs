using System.Text.Json;
using Clusterpedia.ClusterSimulator;

namespace Clusterpedia.EndToEnd.Tests.KubectlSuite;

/// <summary>An object as a simulated member cluster holds it: what the tests expect Clusterpedia to serve.</summary>
public sealed record SimulatedObject(string Cluster, ObjectSpec Spec, JsonElement Json)
{
    public string Namespace => Spec.Namespace;

    public string Name => Spec.Name;

    /// <summary><c>cluster/namespace/name</c>, or <c>cluster/name</c> for a cluster-scoped object.</summary>
    public string Key => $"{Cluster}/{Spec.Key}";

    public string Label(string key) => Spec.Labels.GetValueOrDefault(key, "");

    /// <summary>The string (or number, as text) at a field path of the object's JSON; empty when absent.</summary>
    public string Field(params string[] path)
    {
        var element = Json;
        foreach (var name in path)
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element)) return "";
        return element.ValueKind switch
        {
            JsonValueKind.String => element.GetString()!,
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
            _ => "",
        };
    }
}
