using System.Net.Http.Headers;
using System.Text;
using Clusterpedia.ClusterSimulator;

namespace Clusterpedia.EndToEnd.Tests;

/// <summary>Simulated clusters in this process, and the PediaCluster manifests that point at them.</summary>
public static class SimulatedClusters
{
    public static Task<ClusterSimulator.ClusterSimulator> StartMemberAsync(string name) =>
        ClusterSimulator.ClusterSimulator.StartAsync(new SimulatorOptions
        {
            // 18 pods: more than two kubectl chunks of 7.
            Name = name, Port = 0, Namespaces = 3, Deployments = 6, PodsPerReplicaSet = 3, RequiredToken = $"{name}-token",
        });

    public static Task<ClusterSimulator.ClusterSimulator> StartHostAsync(string name) =>
        ClusterSimulator.ClusterSimulator.StartAsync(new SimulatorOptions
        {
            Name = name, Port = 0, Namespaces = 1, Deployments = 1, PodsPerReplicaSet = 1, RequiredToken = $"{name}-token",
        });

    /// <summary>A PediaCluster (JSON) syncing pods and deployments of <paramref name="member"/> with its token.</summary>
    public static string PediaClusterJson(ClusterSimulator.ClusterSimulator member) => $$"""
        {
          "apiVersion": "cluster.clusterpedia.io/v1alpha2",
          "kind": "PediaCluster",
          "metadata": { "name": "{{member.Options.Name}}" },
          "spec": {
            "apiserver": "{{member.Url.ToString().TrimEnd('/')}}",
            "tokenData": "{{Convert.ToBase64String(Encoding.UTF8.GetBytes(member.Options.RequiredToken!))}}",
            "syncResources": [
              { "group": "", "resources": ["pods"] },
              { "group": "apps", "resources": ["deployments"] }
            ]
          }
        }
        """;

    /// <summary>Creates the PediaCluster through the host simulator's Kubernetes API, as kubectl apply would.</summary>
    public static async Task CreatePediaClusterAsync(ClusterSimulator.ClusterSimulator host, ClusterSimulator.ClusterSimulator member)
    {
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        using var client = new HttpClient(handler) { BaseAddress = host.Url, Timeout = TimeSpan.FromSeconds(10) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/apis/cluster.clusterpedia.io/v1alpha2/pediaclusters")
        {
            Content = new StringContent(PediaClusterJson(member), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.Options.RequiredToken);
        using var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode,
            $"creating the PediaCluster in the host failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
