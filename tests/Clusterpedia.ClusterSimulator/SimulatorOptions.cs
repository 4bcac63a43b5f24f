namespace Clusterpedia.ClusterSimulator;

/// <summary>How big the simulated cluster is and how it behaves.</summary>
public sealed record SimulatorOptions
{
    /// <summary>Used in object names' seeds and in the kubeconfig's cluster/context name.</summary>
    public string Name { get; init; } = "sim";
    public int Port { get; init; }
    public int Namespaces { get; init; } = 3;
    public int Deployments { get; init; } = 6;
    /// <summary>Pods per replicaset (each deployment has one replicaset).</summary>
    public int PodsPerReplicaSet { get; init; } = 3;
    public int CronTabs { get; init; } = 5;
    /// <summary>How often an idle watch that asked for bookmarks gets one.</summary>
    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromSeconds(2);
    public int HistoryLimit { get; init; } = 100_000;
    /// <summary>When set, requests must carry <c>Authorization: Bearer &lt;token&gt;</c>.</summary>
    public string? RequiredToken { get; init; }
    /// <summary>When set, a client certificate with this SHA-1 thumbprint also authenticates (instead of the token).</summary>
    public string? ClientCertificateThumbprint { get; init; }
    public int Seed { get; init; } = 42;
    /// <summary>
    /// Lists built-in types as a real kube-apiserver does: items without apiVersion and kind (only the list has them;
    /// custom resources keep theirs). Off by default until every suite runs against it.
    /// </summary>
    public bool BareListItems { get; init; }
}

/// <summary>Changes per second applied to pods and crontabs while churn runs.</summary>
public sealed record ChurnOptions(double AddsPerSecond, double UpdatesPerSecond, double DeletesPerSecond);
