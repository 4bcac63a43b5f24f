using System.Text.Json;
using static Clusterpedia.ApiServer.Tables.Printers.PrintFormat;

namespace Clusterpedia.ApiServer.Tables.Printers;

/// <summary>Namespaces, Nodes, PersistentVolumes and PersistentVolumeClaims, with kubectl's columns.</summary>
internal static class ClusterPrinters
{
    private static readonly TableColumn VolumeMode = TableColumn.Wide("VolumeMode", "volumeMode defines if a volume is intended to be used with a formatted filesystem or to remain in raw block state.");

    public static TablePrinter Namespace { get; } = new ColumnPrinter(
        [TableColumn.ObjectName, TableColumn.Text("Status", "The status of the namespace"), TableColumn.Age],
        (w, o, now) =>
        {
            w.WriteStringValue(o.Name());
            w.WriteStringValue(o.Str("status", "phase"));
            w.WriteStringValue(o.Age(now));
        });

    public static TablePrinter Node { get; } = new ColumnPrinter(
        [
            TableColumn.ObjectName,
            TableColumn.Text("Status", "The status of the node"),
            TableColumn.Text("Roles", "The roles of the node"),
            TableColumn.Age,
            TableColumn.Text("Version", "Kubelet Version reported by the node."),
            TableColumn.Wide("Internal-IP", "List of addresses reachable to the node. Queried from cloud provider, if available."),
            TableColumn.Wide("External-IP", "List of addresses reachable to the node. Queried from cloud provider, if available."),
            TableColumn.Wide("OS-Image", "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy))."),
            TableColumn.Wide("Kernel-Version", "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64)."),
            TableColumn.Wide("Container-Runtime", "Container runtime version reported by the node through runtime remote API (e.g. containerd://1.4.2)."),
        ],
        (w, o, now) =>
        {
            w.WriteStringValue(o.Name());
            w.WriteStringValue(NodeStatus(o));
            w.WriteStringValue(NodeRoles(o));
            w.WriteStringValue(o.Age(now));
            w.WriteStringValue(o.Str("status", "nodeInfo", "kubeletVersion"));
            w.WriteStringValue(Address(o, "InternalIP"));
            w.WriteStringValue(Address(o, "ExternalIP"));
            w.WriteStringValue(o.Str("status", "nodeInfo", "osImage") is { Length: > 0 } os ? os : "<unknown>");
            w.WriteStringValue(o.Str("status", "nodeInfo", "kernelVersion") is { Length: > 0 } k ? k : "<unknown>");
            w.WriteStringValue(o.Str("status", "nodeInfo", "containerRuntimeVersion") is { Length: > 0 } r ? r : "<unknown>");
        });

    public static TablePrinter PersistentVolume { get; } = new ColumnPrinter(
        [
            TableColumn.ObjectName,
            TableColumn.Text("Capacity", "capacity is the description of the persistent volume's resources and capacity."),
            TableColumn.Text("Access Modes", "accessModes contains all ways the volume can be mounted."),
            TableColumn.Text("Reclaim Policy", "persistentVolumeReclaimPolicy defines what happens to a persistent volume when released from its claim."),
            TableColumn.Text("Status", "phase indicates if a volume is available, bound to a claim, or released by a claim."),
            TableColumn.Text("Claim", "claimRef is part of a bi-directional binding between PersistentVolume and PersistentVolumeClaim."),
            TableColumn.Text("StorageClass", "storageClassName is the name of StorageClass to which this persistent volume belongs."),
            TableColumn.Text("VolumeAttributesClass", "Name of VolumeAttributesClass to which this persistent volume belongs."),
            TableColumn.Text("Reason", "reason is a brief CamelCase string that describes any failure and is meant for machine parsing and tidy display in the CLI."),
            TableColumn.Age, VolumeMode,
        ],
        (w, o, now) =>
        {
            var claim = o.Get("spec", "claimRef") is { } c ? $"{c.Str("namespace")}/{c.Str("name")}" : "";
            w.WriteStringValue(o.Name());
            w.WriteStringValue(o.Str("spec", "capacity", "storage"));
            w.WriteStringValue(AccessModes(o.Get("spec", "accessModes")));
            w.WriteStringValue(o.Str("spec", "persistentVolumeReclaimPolicy"));
            w.WriteStringValue(o.Get("metadata", "deletionTimestamp") is not null ? "Terminating" : o.Str("status", "phase"));
            w.WriteStringValue(claim);
            w.WriteStringValue(o.Str("spec", "storageClassName"));
            w.WriteStringValue(o.Str("spec", "volumeAttributesClassName") is { Length: > 0 } vac ? vac : "<unset>");
            w.WriteStringValue(o.Str("status", "reason"));
            w.WriteStringValue(o.Age(now));
            w.WriteStringValue(o.Str("spec", "volumeMode") is { Length: > 0 } mode ? mode : "<unset>");
        });

    public static TablePrinter PersistentVolumeClaim { get; } = new ColumnPrinter(
        [
            TableColumn.ObjectName,
            TableColumn.Text("Status", "phase represents the current phase of PersistentVolumeClaim."),
            TableColumn.Text("Volume", "volumeName is the binding reference to the PersistentVolume backing this claim."),
            TableColumn.Text("Capacity", "capacity represents the actual resources of the underlying volume."),
            TableColumn.Text("Access Modes", "accessModes contains the actual access modes the volume backing the PVC has."),
            TableColumn.Text("StorageClass", "storageClassName is the name of the StorageClass required by the claim."),
            TableColumn.Text("VolumeAttributesClass", "volumeAttributesClassName may be used to set the VolumeAttributesClass used by this claim."),
            TableColumn.Age, VolumeMode,
        ],
        (w, o, now) =>
        {
            var bound = o.Str("status", "phase") == "Bound";
            w.WriteStringValue(o.Name());
            w.WriteStringValue(o.Get("metadata", "deletionTimestamp") is not null ? "Terminating" : o.Str("status", "phase"));
            w.WriteStringValue(o.Str("spec", "volumeName"));
            w.WriteStringValue(bound ? o.Str("status", "capacity", "storage") : "");
            w.WriteStringValue(bound ? AccessModes(o.Get("status", "accessModes")) : "");
            w.WriteStringValue(o.Str("spec", "storageClassName"));
            w.WriteStringValue(o.Str("spec", "volumeAttributesClassName") is { Length: > 0 } vac ? vac : "<unset>");
            w.WriteStringValue(o.Age(now));
            w.WriteStringValue(o.Str("spec", "volumeMode") is { Length: > 0 } mode ? mode : "<unset>");
        });

    private static string NodeStatus(JsonElement node)
    {
        var ready = node.Items("status", "conditions").FirstOrDefault(c => c.Str("type") == "Ready");
        var status = ready.ValueKind == JsonValueKind.Undefined ? "Unknown"
            : ready.Str("status") == "True" ? "Ready" : ready.Str("status") == "False" ? "NotReady" : "Unknown";
        return node.Bool("spec", "unschedulable") ? status + ",SchedulingDisabled" : status;
    }

    private static string NodeRoles(JsonElement node)
    {
        const string prefix = "node-role.kubernetes.io/";
        var roles = new SortedSet<string>(StringComparer.Ordinal);
        if (node.Get("metadata", "labels") is { ValueKind: JsonValueKind.Object } labels)
        {
            foreach (var l in labels.EnumerateObject())
            {
                if (l.Name.StartsWith(prefix, StringComparison.Ordinal) && l.Name.Length > prefix.Length) roles.Add(l.Name[prefix.Length..]);
                else if (l.Name == "kubernetes.io/role" && l.Value.GetString() is { Length: > 0 } role) roles.Add(role);
            }
        }
        return roles.Count == 0 ? "<none>" : string.Join(',', roles);
    }

    private static string Address(JsonElement node, string type) =>
        node.Items("status", "addresses").Where(a => a.Str("type") == type).Select(a => a.Str("address")).FirstOrDefault() ?? "<none>";
}
