namespace Clusterpedia.Kube.LeaderElection;

/// <summary>client-go's leader election settings, with its defaults (15 s lease, 10 s renew deadline, 2 s retry).</summary>
public sealed record LeaderElectionOptions(string Namespace, string Name, string Identity)
{
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);
    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary><c>$CLUSTERPEDIA_NAMESPACE</c>, else the in-cluster service account namespace, else <c>clusterpedia-system</c>.</summary>
    public static string DefaultNamespace()
    {
        if (Environment.GetEnvironmentVariable("CLUSTERPEDIA_NAMESPACE") is { Length: > 0 } ns) return ns;
        const string serviceAccount = "/var/run/secrets/kubernetes.io/serviceaccount/namespace";
        return File.Exists(serviceAccount) ? File.ReadAllText(serviceAccount).Trim() : "clusterpedia-system";
    }

    /// <summary>Hostname plus a random suffix, as client-go components do.</summary>
    public static string DefaultIdentity() => $"{Environment.MachineName}_{Guid.NewGuid()}";
}
