using System.Net.Http.Headers;
using System.Text;
using Clusterpedia.ClusterSimulator;

namespace Clusterpedia.EndToEnd.Tests;

/// <summary>Simulated clusters in this process, and the PediaCluster manifests that point at them.</summary>
public static class SimulatedClusters
{
    /// <summary>18 pods (6 deployments of 3 in 3 namespaces), 5 crontabs; the seed picks names and uids.</summary>
    public static Task<ClusterSimulator.ClusterSimulator> StartMemberAsync(string name, int seed = 42) =>
        ClusterSimulator.ClusterSimulator.StartAsync(new SimulatorOptions
        {
            // 18 pods: more than two kubectl chunks of 7.
            Name = name, Port = 0, Namespaces = 3, Deployments = 6, PodsPerReplicaSet = 3, RequiredToken = $"{name}-token", Seed = seed,
        });

    /// <param name="requireToken">False: the host needs no credentials, as behind an authenticating proxy.</param>
    public static Task<ClusterSimulator.ClusterSimulator> StartHostAsync(string name, bool requireToken = true) =>
        ClusterSimulator.ClusterSimulator.StartAsync(new SimulatorOptions
        {
            Name = name, Port = 0, Namespaces = 1, Deployments = 1, PodsPerReplicaSet = 1, RequiredToken = requireToken ? $"{name}-token" : null,
        });

    /// <summary>
    /// A PediaCluster (JSON) with <paramref name="member"/>'s address and token, syncing <paramref name="resources"/>
    /// (default: pods and deployments) in syncResources entries grouped by API group.
    /// </summary>
    public static string PediaClusterJson(ClusterSimulator.ClusterSimulator member, params SimulatedResource[] resources)
    {
        if (resources.Length == 0) resources = [SimulatedResource.Pods, SimulatedResource.Deployments];
        var syncResources = resources.GroupBy(r => r.Group).Select(g =>
            $$"""{ "group": "{{g.Key}}", "resources": [{{string.Join(", ", g.Select(r => $"\"{r.Resource}\""))}}] }""");
        return $$"""
            {
              "apiVersion": "cluster.clusterpedia.io/v1alpha2",
              "kind": "PediaCluster",
              "metadata": { "name": "{{member.Options.Name}}" },
              "spec": {
                "apiserver": "{{member.Url.ToString().TrimEnd('/')}}",
                "tokenData": "{{Convert.ToBase64String(Encoding.UTF8.GetBytes(member.Options.RequiredToken!))}}",
                "syncResources": [
                  {{string.Join(",\n      ", syncResources)}}
                ]
              }
            }
            """;
    }

    /// <summary>Creates the PediaCluster through the host simulator's Kubernetes API, as kubectl apply would.</summary>
    public static async Task CreatePediaClusterAsync(ClusterSimulator.ClusterSimulator host, ClusterSimulator.ClusterSimulator member,
        params SimulatedResource[] resources)
    {
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        using var client = new HttpClient(handler) { BaseAddress = host.Url, Timeout = TimeSpan.FromSeconds(10) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/apis/cluster.clusterpedia.io/v1alpha2/pediaclusters")
        {
            Content = new StringContent(PediaClusterJson(member, resources), Encoding.UTF8, "application/json"),
        };
        if (host.Options.RequiredToken is { } token) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode,
            $"creating the PediaCluster in the host failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
