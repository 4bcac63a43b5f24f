namespace Clusterpedia.Synchro.Api;

/// <summary>PediaCluster condition types and reasons, spelled as upstream (§6.2).</summary>
public static class ConditionTypes
{
    public const string Validated = "Validated";
    public const string SynchroRunning = "SynchroRunning";
    public const string ClusterHealthy = "ClusterHealthy";
    public const string Ready = "Ready";
}

public static class ConditionReasons
{
    public const string Validated = "Validated";
    public const string InvalidConfig = "InvalidConfig";
    public const string InvalidSyncResources = "InvalidSyncResources";
    public const string WaitInit = "WaitInit";
    public const string InitialFailed = "InitialFailed";
    public const string Pending = "Pending";
    public const string Running = "Running";
    public const string Shutdown = "Shutdown";
    public const string MonitorStop = "MonitorStop";
    public const string Healthy = "Healthy";
    public const string Unhealthy = "Unhealthy";
    public const string NotReachable = "NotReachable";
    public const string Ready = "Ready";
    public const string NotReady = "NotReady";
}

public static class ConditionStatus
{
    public const string True = "True";
    public const string False = "False";
    public const string Unknown = "Unknown";
}
