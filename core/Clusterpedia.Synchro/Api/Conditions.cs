namespace Clusterpedia.Synchro.Api;

/// <summary>Condition list helpers: set keeping the transition time when the status is unchanged, and derive Ready.</summary>
public static class Conditions
{
    public static Condition? Find(IEnumerable<Condition>? conditions, string type) => conditions?.FirstOrDefault(c => c.Type == type);

    /// <summary>Sets a condition; returns whether anything changed.</summary>
    public static bool Set(List<Condition> conditions, string type, string status, string reason, string message)
    {
        var existing = Find(conditions, type);
        if (existing is null)
        {
            conditions.Add(new Condition { Type = type, Status = status, Reason = reason, Message = message, LastTransitionTime = Now() });
            return true;
        }
        if (existing.Status == status && existing.Reason == reason && existing.Message == message) return false;
        if (existing.Status != status) existing.LastTransitionTime = Now();
        existing.Status = status;
        existing.Reason = reason;
        existing.Message = message;
        return true;
    }

    /// <summary>Ready is True iff Validated, SynchroRunning and ClusterHealthy are all True (upstream's rule and message).</summary>
    public static void UpdateReady(List<Condition> conditions)
    {
        conditions.RemoveAll(c => c.Type == "ClusterSynchroInitialized");
        foreach (var type in new[] { ConditionTypes.Validated, ConditionTypes.SynchroRunning, ConditionTypes.ClusterHealthy })
        {
            var c = Find(conditions, type);
            if (c is null)
            {
                Set(conditions, ConditionTypes.Ready, ConditionStatus.False, ConditionReasons.NotReady, $"{type} condition is not found");
                return;
            }
            if (c.Status != ConditionStatus.True)
            {
                Set(conditions, ConditionTypes.Ready, ConditionStatus.False, ConditionReasons.NotReady, $"{type} condition is {c.Status}, reason is {c.Reason}");
                return;
            }
        }
        Set(conditions, ConditionTypes.Ready, ConditionStatus.True, ConditionReasons.Ready, "");
    }

    // Kubernetes condition times have second precision.
    private static DateTimeOffset Now()
    {
        var now = DateTimeOffset.UtcNow;
        return new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
    }
}
