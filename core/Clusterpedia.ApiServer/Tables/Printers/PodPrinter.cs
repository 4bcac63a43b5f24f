using System.Globalization;
using System.Text.Json;

namespace Clusterpedia.ApiServer.Tables.Printers;

/// <summary>kubectl's pod columns and its status logic (k8s.io/kubernetes pkg/printers/internalversion printPod).</summary>
internal sealed class PodPrinter : TablePrinter
{
    public static PodPrinter Instance { get; } = new();

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.ObjectName,
        TableColumn.Text("Ready", "The aggregate readiness state of this pod for accepting traffic."),
        TableColumn.Text("Status", "The aggregate status of the containers in this pod."),
        TableColumn.Text("Restarts", "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."),
        TableColumn.Age,
        TableColumn.Wide("IP", "IP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated."),
        TableColumn.Wide("Node", "NodeName is a request to schedule this pod onto a specific node."),
        TableColumn.Wide("Nominated Node", "nominatedNodeName is set only when this pod preempts other pods on the node."),
        TableColumn.Wide("Readiness Gates", "If specified, all readiness gates will be evaluated for pod readiness."),
    ];

    public override void WriteCells(Utf8JsonWriter w, JsonElement pod, DateTimeOffset now)
    {
        var totalContainers = pod.Count("spec", "containers");
        var readyContainers = 0;
        long restarts = 0;
        DateTimeOffset? lastRestart = null;
        var reason = pod.Str("status", "phase");
        if (pod.Str("status", "reason") is { Length: > 0 } podReason) reason = podReason;

        foreach (var c in pod.Items("status", "conditions"))
        {
            if (c.Str("type") == "PodScheduled" && c.Str("reason") == "SchedulingGated") reason = "SchedulingGated";
        }

        var initializing = false;
        var initStatuses = pod.Items("status", "initContainerStatuses").ToArray();
        var initCount = pod.Count("spec", "initContainers");
        for (var i = 0; i < initStatuses.Length; i++)
        {
            var s = initStatuses[i];
            restarts += s.Int("restartCount");
            Later(ref lastRestart, s.Time("lastState", "terminated", "finishedAt"));
            if (s.Get("state", "terminated") is { } term && term.Int("exitCode") == 0) continue;
            if (s.Get("state", "terminated") is { } t)
            {
                reason = t.Str("reason") is { Length: > 0 } r ? "Init:" + r
                    : t.Int("signal") != 0 ? $"Init:Signal:{t.Int("signal")}" : $"Init:ExitCode:{t.Int("exitCode")}";
            }
            else if (s.Str("state", "waiting", "reason") is { Length: > 0 } wr && wr != "PodInitializing") reason = "Init:" + wr;
            else reason = $"Init:{i}/{initCount}";
            initializing = true;
            break;
        }

        if (!initializing || HasCondition(pod, "Initialized"))
        {
            var hasRunning = false;
            var statuses = pod.Items("status", "containerStatuses").ToArray();
            for (var i = statuses.Length - 1; i >= 0; i--)
            {
                var s = statuses[i];
                restarts += s.Int("restartCount");
                Later(ref lastRestart, s.Time("lastState", "terminated", "finishedAt"));
                if (s.Str("state", "waiting", "reason") is { Length: > 0 } waiting) reason = waiting;
                else if (s.Get("state", "terminated") is { } t)
                {
                    reason = t.Str("reason") is { Length: > 0 } r ? r
                        : t.Int("signal") != 0 ? $"Signal:{t.Int("signal")}" : $"ExitCode:{t.Int("exitCode")}";
                }
                else if (s.Bool("ready") && s.Get("state", "running") is not null)
                {
                    hasRunning = true;
                    readyContainers++;
                }
            }
            // A pod whose containers completed but which still has a running one is not "Completed".
            if (reason == "Completed" && hasRunning) reason = HasCondition(pod, "Ready") ? "Running" : "NotReady";
        }

        if (pod.Get("metadata", "deletionTimestamp") is not null)
            reason = pod.Str("status", "reason") == "NodeLost" ? "Unknown" : "Terminating";

        var restartsText = restarts.ToString(CultureInfo.InvariantCulture);
        if (lastRestart is { } lr) restartsText += $" ({HumanDuration.Format(now - lr)} ago)";

        w.WriteStringValue(pod.Name());
        w.WriteStringValue($"{readyContainers}/{totalContainers}");
        w.WriteStringValue(reason);
        w.WriteStringValue(restartsText);
        w.WriteStringValue(pod.Age(now));
        w.WriteStringValue(pod.Str("status", "podIP").OrNone());
        w.WriteStringValue(pod.Str("spec", "nodeName").OrNone());
        w.WriteStringValue(pod.Str("status", "nominatedNodeName").OrNone());
        w.WriteStringValue(ReadinessGates(pod));
    }

    private static string ReadinessGates(JsonElement pod)
    {
        var gates = pod.Items("spec", "readinessGates").Select(g => g.Str("conditionType")).ToArray();
        if (gates.Length == 0) return "<none>";
        var trueCount = gates.Count(g => pod.Items("status", "conditions").Any(c => c.Str("type") == g && c.Str("status") == "True"));
        return $"{trueCount}/{gates.Length}";
    }

    private static bool HasCondition(JsonElement pod, string type) =>
        pod.Items("status", "conditions").Any(c => c.Str("type") == type && c.Str("status") == "True");

    private static void Later(ref DateTimeOffset? current, DateTimeOffset? candidate)
    {
        if (candidate is { } c && (current is null || c > current)) current = c;
    }
}
