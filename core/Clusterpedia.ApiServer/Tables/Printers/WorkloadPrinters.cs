using static Clusterpedia.ApiServer.Tables.Printers.PrintFormat;

namespace Clusterpedia.ApiServer.Tables.Printers;

/// <summary>Deployments, ReplicaSets, StatefulSets and DaemonSets, with kubectl's columns.</summary>
internal static class WorkloadPrinters
{
    private static readonly TableColumn Containers = TableColumn.Wide("Containers", "Names of each container in the template.");
    private static readonly TableColumn Images = TableColumn.Wide("Images", "Images referenced by each container in the template.");
    private static readonly TableColumn Selector = TableColumn.Wide("Selector", "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.");

    public static TablePrinter Deployment { get; } = new ColumnPrinter(
        [
            TableColumn.ObjectName,
            TableColumn.Text("Ready", "Number of the pod with ready state"),
            TableColumn.Integer("Up-to-date", "Total number of non-terminated pods targeted by this deployment that have the desired template spec."),
            TableColumn.Integer("Available", "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment."),
            TableColumn.Age, Containers, Images, Selector,
        ],
        (w, o, now) =>
        {
            w.WriteStringValue(o.Name());
            w.WriteStringValue($"{o.Int("status", "readyReplicas")}/{o.Int("spec", "replicas")}");
            w.WriteNumberValue(o.Int("status", "updatedReplicas"));
            w.WriteNumberValue(o.Int("status", "availableReplicas"));
            w.WriteStringValue(o.Age(now));
            WriteTemplate(w, o);
        });

    public static TablePrinter ReplicaSet { get; } = new ColumnPrinter(
        [
            TableColumn.ObjectName,
            TableColumn.Integer("Desired", "Number of desired pods."),
            TableColumn.Integer("Current", "Number of actual running pods."),
            TableColumn.Integer("Ready", "The number of pods targeted by this ReplicaSet with a Ready Condition."),
            TableColumn.Age, Containers, Images, Selector,
        ],
        (w, o, now) =>
        {
            w.WriteStringValue(o.Name());
            w.WriteNumberValue(o.Int("spec", "replicas"));
            w.WriteNumberValue(o.Int("status", "replicas"));
            w.WriteNumberValue(o.Int("status", "readyReplicas"));
            w.WriteStringValue(o.Age(now));
            WriteTemplate(w, o);
        });

    public static TablePrinter StatefulSet { get; } = new ColumnPrinter(
        [TableColumn.ObjectName, TableColumn.Text("Ready", "Number of the pod with ready state"), TableColumn.Age, Containers, Images],
        (w, o, now) =>
        {
            w.WriteStringValue(o.Name());
            w.WriteStringValue($"{o.Int("status", "readyReplicas")}/{o.Int("spec", "replicas")}");
            w.WriteStringValue(o.Age(now));
            var spec = TemplateSpec(o);
            w.WriteStringValue(ContainerNames(spec));
            w.WriteStringValue(ContainerImages(spec));
        });

    public static TablePrinter DaemonSet { get; } = new ColumnPrinter(
        [
            TableColumn.ObjectName,
            TableColumn.Integer("Desired", "The total number of nodes that should be running the daemon pod."),
            TableColumn.Integer("Current", "The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod."),
            TableColumn.Integer("Ready", "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready."),
            TableColumn.Integer("Up-to-date", "The total number of nodes that are running updated daemon pod"),
            TableColumn.Integer("Available", "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available."),
            TableColumn.Text("Node Selector", "NodeSelector is a selector which must be true for the pod to fit on a node."),
            TableColumn.Age, Containers, Images, Selector,
        ],
        (w, o, now) =>
        {
            w.WriteStringValue(o.Name());
            w.WriteNumberValue(o.Int("status", "desiredNumberScheduled"));
            w.WriteNumberValue(o.Int("status", "currentNumberScheduled"));
            w.WriteNumberValue(o.Int("status", "numberReady"));
            w.WriteNumberValue(o.Int("status", "updatedNumberScheduled"));
            w.WriteNumberValue(o.Int("status", "numberAvailable"));
            w.WriteStringValue(LabelMap(o.Get("spec", "template", "spec", "nodeSelector")));
            w.WriteStringValue(o.Age(now));
            WriteTemplate(w, o);
        });

    /// <summary>The wide Containers, Images and Selector cells of a workload with a pod template.</summary>
    public static void WriteTemplate(System.Text.Json.Utf8JsonWriter w, System.Text.Json.JsonElement o)
    {
        var spec = TemplateSpec(o);
        w.WriteStringValue(ContainerNames(spec));
        w.WriteStringValue(ContainerImages(spec));
        w.WriteStringValue(LabelSelector(o.Get("spec", "selector")));
    }
}
