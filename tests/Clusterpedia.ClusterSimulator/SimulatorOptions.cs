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
    /// <summary>When set, requests must carry <c>Authorization: Bearer &lt;token&gt;</c>; null: no credentials needed.</summary>
    public string? RequiredToken { get; init; }
    /// <summary>Serve plain HTTP instead of HTTPS, as an API server's insecure port or a local authenticating proxy does.</summary>
    public bool PlainHttp { get; init; }
    /// <summary>When set, a client certificate with this SHA-1 thumbprint also authenticates (instead of the token).</summary>
    public string? ClientCertificateThumbprint { get; init; }
    public int Seed { get; init; } = 42;

    /// <summary>HorizontalPodAutoscalers, each scaling one of the deployments in turn (none by default).</summary>
    public int HorizontalPodAutoscalers { get; init; }

    /// <summary>
    /// The autoscaling versions served, preferred first: <c>["v2", "v1"]</c> as kube 1.23+, <c>["v1", "v2"]</c> for an older
    /// cluster preferring v1, <c>["v1"]</c> for one that serves only v1. Each shows the same HPAs.
    /// </summary>
    public IReadOnlyList<string> AutoscalingVersions { get; init; } = ["v2", "v1"];

    /// <summary>How a watch from a compacted resourceVersion is refused; both are what kube-apiservers do.</summary>
    public ExpiredWatchAnswer ExpiredWatch { get; init; } = ExpiredWatchAnswer.ErrorEvent;

    /// <summary>What an empty list's <c>items</c> is: <c>[]</c>, or <c>null</c> or missing as old servers wrote it.</summary>
    public EmptyListItems EmptyListItems { get; init; } = EmptyListItems.Array;
}

public enum ExpiredWatchAnswer
{
    /// <summary>HTTP 200, then one ERROR event with the 410 Expired Status, then the stream ends (the watch cache's answer).</summary>
    ErrorEvent,

    /// <summary>HTTP 410 with the Expired Status as the body.</summary>
    Gone,
}

public enum EmptyListItems
{
    Array,
    Null,
    Missing,
}

/// <summary>Changes per second applied to pods and crontabs while churn runs.</summary>
public sealed record ChurnOptions(double AddsPerSecond, double UpdatesPerSecond, double DeletesPerSecond);
