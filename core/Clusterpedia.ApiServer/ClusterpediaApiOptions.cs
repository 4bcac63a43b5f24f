namespace Clusterpedia.ApiServer;

/// <summary>Options of the search API, validated once when the server is built.</summary>
public sealed class ClusterpediaApiOptions
{
    /// <summary>
    /// How long a watch stays open when the client gives no <c>timeoutSeconds</c>. Null means a random
    /// duration between 30 and 60 minutes, as kube-apiserver does, so clients do not reconnect in lockstep.
    /// </summary>
    public TimeSpan? DefaultWatchTimeout { get; set; }

    /// <summary>
    /// Kubernetes' <c>RemainingItemCount</c> feature gate: lists report <c>remainingItemCount</c> unless the request says
    /// <c>withRemainingCount=false</c>. Off by default, as upstream Clusterpedia sets it (counting costs a query).
    /// </summary>
    public bool RemainingItemCountByDefault { get; set; }

    /// <summary>
    /// The zlib level (1 fastest ... 9 smallest) of responses over 128 KiB to clients that accept gzip; 0 never compresses.
    /// 2: a 500-pod page shrinks 30x for less server CPU than sending it plain over TLS, and a quarter smaller than at
    /// level 1 for the same CPU (kube-apiserver uses Go's level 1; zlib-ng's level 1 compresses JSON less well). See
    /// docs/benchmarks.md.
    /// </summary>
    public int GzipLevel { get; set; } = 2;

    /// <summary>The version <c>/version</c> reports inside the resources prefix (kubectl asks for it).</summary>
    public string KubernetesVersion { get; set; } = "v1.32.0";

    internal void Validate()
    {
        if (DefaultWatchTimeout is { } t && t <= TimeSpan.Zero)
            throw new ArgumentException($"DefaultWatchTimeout must be positive, got {t}");
        if (GzipLevel is < 0 or > 9)
            throw new ArgumentException($"GzipLevel must be between 0 (off) and 9, got {GzipLevel}");
        if (!System.Text.RegularExpressions.Regex.IsMatch(KubernetesVersion, @"^v[0-9]+\.[0-9]+\.[0-9]+"))
            throw new ArgumentException($"KubernetesVersion must look like v1.32.0, got '{KubernetesVersion}'");
    }
}
