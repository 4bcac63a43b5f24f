namespace Clusterpedia.Kube.Api;

public enum ClusterHealthState
{
    Healthy,
    /// <summary>The cluster answered, but not "ok".</summary>
    Unhealthy,
    /// <summary>No answer: connection refused, reset, TLS failure or timeout.</summary>
    NotReachable,
}

public sealed record HealthCheckResult(ClusterHealthState State, string Message)
{
    public bool IsHealthy => State == ClusterHealthState.Healthy;
}
