using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Clusterpedia.ApiServer.Security.Tests.Infrastructure;
using Clusterpedia.ClusterSimulator;

namespace Clusterpedia.EndToEnd.Tests.KubectlSuite;

/// <summary>
/// A binding-apiserver with the memory storage serving three simulated clusters, c1, c2 and c3 (18 pods each), which
/// it syncs from PediaCluster manifests in a folder. It serves HTTPS with a certificate issued by a CA made here, and
/// every kubeconfig verifies it against that CA.
/// <para>
/// The executable is <c>$CLUSTERPEDIA_BINDING_APISERVER</c> when that is set, and then it must be a NativeAOT
/// executable (a JIT build fails the suite). CI sets it to the published
/// <c>artifacts/binding-apiserver-memory/binding-apiserver</c>, so this suite tests the binary that ships. Unset, the
/// suite builds one: <c>dotnet build hosts/binding-apiserver -p:ClusterpediaStorages=memory</c>.
/// </para>
/// </summary>
public sealed class ThreeClusterBindingApiServer : IAsyncLifetime
{
    public const string ExecutableVariable = "CLUSTERPEDIA_BINDING_APISERVER";
    public const string ResourcesPath = "/apis/clusterpedia.io/v1beta1/resources";
    public const string ClusterNameAnnotation = "shadow.clusterpedia.io/cluster-name";

    public static readonly string[] ClusterNames = ["c1", "c2", "c3"];

    /// <summary>What every PediaCluster syncs: the simulator's workloads, namespaces, events, and the CronTab CRD and its objects.</summary>
    public static readonly SimulatedResource[] SyncedResources =
    [
        SimulatedResource.Pods, SimulatedResource.Events, SimulatedResource.Namespaces, SimulatedResource.Deployments,
        SimulatedResource.ReplicaSets, SimulatedResource.CustomResourceDefinitions, SimulatedResource.CronTabs,
    ];

    private static readonly TimeSpan SyncDeadline = TimeSpan.FromSeconds(120);
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("clusterpedia-e2e-kubectl-");
    private readonly HostExecutables _builds = new();
    private readonly List<ClusterSimulator.ClusterSimulator> _clusters = [];
    private readonly Dictionary<string, Kubectl> _inCluster = new(StringComparer.Ordinal);
    private HttpClient? _http;

    public string Executable { get; private set; } = "";

    public HostProcess Process { get; private set; } = null!;

    public IReadOnlyList<ClusterSimulator.ClusterSimulator> Clusters => _clusters;

    public string CertificateAuthorityPath { get; private set; } = "";

    /// <summary><c>https://127.0.0.1:&lt;port&gt;/apis/clusterpedia.io/v1beta1/resources</c>.</summary>
    public string ResourcesUrl { get; private set; } = "";

    /// <summary>kubectl with the resources path as its server: every cluster.</summary>
    public Kubectl All { get; private set; } = null!;

    /// <summary>kubectl with <c>.../resources/clusters/&lt;name&gt;</c> as its server: one cluster.</summary>
    public Kubectl InCluster(string name) => _inCluster[name];

    public ClusterSimulator.ClusterSimulator Cluster(string name) => _clusters.Single(c => c.Options.Name == name);

    /// <summary>The objects of a resource in every simulated cluster (or one), in cluster and key order.</summary>
    public List<SimulatedObject> Objects(SimulatedResource resource, string? cluster = null) =>
        _clusters.Where(c => cluster is null || c.Options.Name == cluster)
            .SelectMany(c => c.Store.Keys(resource).Select(k => c.Store.Get(resource, k)).OfType<StoredObject>()
                .Select(o => new SimulatedObject(c.Options.Name, o.Spec, ParseJson(o.Json))))
            .ToList();

    private static JsonElement ParseJson(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>The Kubernetes path of a simulated resource, e.g. <c>/apis/apps/v1/deployments</c>.</summary>
    public static string KubePath(SimulatedResource resource) =>
        resource.Group.Length == 0 ? $"/api/{resource.Version}/{resource.Resource}" : $"/apis/{resource.Group}/{resource.Version}/{resource.Resource}";

    public async Task InitializeAsync()
    {
        Executable = await _builds.GetAsync("binding-apiserver", "memory"); // $CLUSTERPEDIA_BINDING_APISERVER when CI set it

        var ca = new CertificateAuthority(_dir.FullName, "clusterpedia-e2e-ca");
        var serving = ca.IssueServer("binding-apiserver");
        CertificateAuthorityPath = ca.CertificatePath;

        // Different seeds: each cluster has its own pod names and uids.
        for (var i = 0; i < ClusterNames.Length; i++) _clusters.Add(await SimulatedClusters.StartMemberAsync(ClusterNames[i], seed: i + 1));
        var manifests = Directory.CreateDirectory(Path.Combine(_dir.FullName, "pediaclusters"));
        foreach (var cluster in _clusters)
        {
            await File.WriteAllTextAsync(Path.Combine(manifests.FullName, cluster.Options.Name + ".json"),
                SimulatedClusters.PediaClusterJson(cluster, SyncedResources));
        }

        var port = HostProcess.FreePort();
        Process = HostProcess.Start(Executable,
        [
            "--pediaclusters", manifests.FullName, "--storage-name=memory", "--bind-address=127.0.0.1", $"--secure-port={port}",
            "--tls-cert-file", serving.CertificatePath, "--tls-private-key-file", serving.KeyPath, "--metrics-port=0",
        ]);
        ResourcesUrl = $"https://127.0.0.1:{port}{ResourcesPath}";
        All = Kubectl.ForServer(Path.Combine(_dir.FullName, "all.kubeconfig"), ResourcesUrl, ca.CertificatePath);
        foreach (var name in ClusterNames)
            _inCluster[name] = Kubectl.ForServer(Path.Combine(_dir.FullName, $"{name}.kubeconfig"), $"{ResourcesUrl}/clusters/{name}", ca.CertificatePath);

        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.Add(ca.Certificate);
        _http = new HttpClient(new SocketsHttpHandler { SslOptions = new SslClientAuthenticationOptions { CertificateChainPolicy = policy } })
        {
            BaseAddress = new Uri($"https://127.0.0.1:{port}"),
            Timeout = TimeSpan.FromSeconds(20),
        };
        await WaitUntilSyncedAsync();
    }

    /// <summary>
    /// Waits until the server lists, for every synced resource, exactly the objects the simulated clusters hold (tests
    /// start from there, also after one of them changed a cluster); fails with the differences and the host's output.
    /// </summary>
    public async Task WaitUntilSyncedAsync()
    {
        var differences = await Eventually.ValueAsync(DifferencesAsync, d => d.Count == 0, SyncDeadline, TimeSpan.FromMilliseconds(500));
        Assert.True(differences.Count == 0,
            $"binding-apiserver did not serve what the simulated clusters hold within {SyncDeadline}:\n{string.Join('\n', differences.Take(20))}\n{Process.Describe()}");
    }

    private async Task<List<string>> DifferencesAsync()
    {
        Assert.False(Process.HasExited, $"binding-apiserver exited:\n{Process.Describe()}");
        var differences = new List<string>();
        foreach (var resource in SyncedResources)
        {
            var path = ResourcesPath + KubePath(resource);
            List<string> listed;
            try
            {
                using var response = await _http!.GetAsync(path);
                if (!response.IsSuccessStatusCode)
                {
                    differences.Add($"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    continue;
                }
                using var list = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
                listed = list.RootElement.GetProperty("items").EnumerateArray().Select(ListedKey).ToList();
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                differences.Add($"GET {path}: {e.Message}");
                continue;
            }
            var expected = Objects(resource).Select(o => o.Key).ToList();
            differences.AddRange(expected.Except(listed).Select(k => $"{resource.Resource} {k}: missing"));
            differences.AddRange(listed.Except(expected).Select(k => $"{resource.Resource} {k}: not in the cluster"));
            differences.AddRange(listed.GroupBy(k => k).Where(g => g.Count() > 1).Select(g => $"{resource.Resource} {g.Key}: listed {g.Count()} times"));
        }
        return differences;
    }

    private static string ListedKey(JsonElement item)
    {
        var metadata = item.GetProperty("metadata");
        var cluster = metadata.TryGetProperty("annotations", out var a) && a.TryGetProperty(ClusterNameAnnotation, out var c) ? c.GetString() : "?";
        var name = metadata.GetProperty("name").GetString();
        return metadata.TryGetProperty("namespace", out var ns) ? $"{cluster}/{ns.GetString()}/{name}" : $"{cluster}/{name}";
    }

    public async Task DisposeAsync()
    {
        if (Process is not null) await Process.DisposeAsync();
        _http?.Dispose();
        foreach (var cluster in _clusters) await cluster.DisposeAsync();
        _builds.Dispose();
        try
        {
            _dir.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A kubectl still exiting may hold its cache; the temp directory is cleaned by the OS later.
        }
    }
}
