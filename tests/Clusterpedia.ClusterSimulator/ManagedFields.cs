using System.Text.Json;

namespace Clusterpedia.ClusterSimulator;

/// <summary>
/// <c>metadata.managedFields</c> as the managers that made each kind write them: one entry per manager and
/// subresource, with manager, operation, apiVersion (the version that manager used, the same in every version the
/// object is read in), time, fieldsType and fieldsV1. Often larger than the rest of the metadata, as in a real cluster.
/// </summary>
internal static class ManagedFields
{
    private sealed record Entry(string Manager, string ApiVersion, string? Subresource, Action<Utf8JsonWriter, ObjectSpec> Fields);

    public static void Write(Utf8JsonWriter w, ObjectSpec spec)
    {
        w.WriteStartArray("managedFields");
        foreach (var entry in EntriesOf(spec))
        {
            w.WriteStartObject();
            w.WriteString("manager", entry.Manager);
            w.WriteString("operation", "Update");
            w.WriteString("apiVersion", entry.ApiVersion);
            w.WriteString("time", KubeTime.Time(spec.Created));
            w.WriteString("fieldsType", "FieldsV1");
            w.WriteStartObject("fieldsV1");
            entry.Fields(w, spec);
            w.WriteEndObject();
            if (entry.Subresource != null) w.WriteString("subresource", entry.Subresource);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static IEnumerable<Entry> EntriesOf(ObjectSpec spec)
    {
        var apiVersion = spec.Resource.ApiVersion;
        switch (spec.Resource.Kind)
        {
            case "Pod":
                yield return new("kube-controller-manager", apiVersion, null, (w, s) =>
                {
                    Metadata(w, s, "f:generateName", "f:labels", "f:ownerReferences");
                    Set(w, "f:spec", "f:containers", "f:dnsPolicy", "f:enableServiceLinks", "f:restartPolicy", "f:schedulerName", "f:securityContext",
                        "f:terminationGracePeriodSeconds", "f:volumes");
                });
                yield return new("kubelet", apiVersion, "status", (w, _) =>
                    Set(w, "f:status", "f:conditions", "f:containerStatuses", "f:hostIP", "f:hostIPs", "f:phase", "f:podIP", "f:podIPs", "f:startTime"));
                break;
            case "Deployment":
                yield return new("kubectl-client-side-apply", apiVersion, null, (w, s) =>
                {
                    Metadata(w, s, "f:annotations", "f:labels");
                    Set(w, "f:spec", "f:progressDeadlineSeconds", "f:replicas", "f:revisionHistoryLimit", "f:selector", "f:strategy", "f:template");
                });
                yield return new("kube-controller-manager", apiVersion, "status", (w, _) =>
                {
                    w.WriteStartObject("f:metadata"); Set(w, "f:annotations", "f:deployment.kubernetes.io/revision"); w.WriteEndObject();
                    Set(w, "f:status", "f:availableReplicas", "f:conditions", "f:observedGeneration", "f:readyReplicas", "f:replicas", "f:updatedReplicas");
                });
                break;
            case "ReplicaSet":
                yield return new("kube-controller-manager", apiVersion, null, (w, s) =>
                {
                    Metadata(w, s, "f:annotations", "f:labels", "f:ownerReferences");
                    Set(w, "f:spec", "f:replicas", "f:selector", "f:template");
                });
                yield return new("kube-controller-manager", apiVersion, "status", (w, _) =>
                    Set(w, "f:status", "f:availableReplicas", "f:fullyLabeledReplicas", "f:observedGeneration", "f:readyReplicas", "f:replicas"));
                break;
            case "Event":
                yield return new("kube-scheduler", "events.k8s.io/v1", null, (w, _) =>
                    Fields(w, "f:action", "f:eventTime", "f:note", "f:reason", "f:regarding", "f:reportingController", "f:reportingInstance", "f:type"));
                break;
            case "Namespace":
                yield return new("kubectl-create", apiVersion, null, (w, s) => Metadata(w, s, "f:labels"));
                break;
            case "CustomResourceDefinition":
                yield return new("kubectl-client-side-apply", apiVersion, null, (w, s) =>
                {
                    Metadata(w, s, "f:annotations");
                    Set(w, "f:spec", "f:conversion", "f:group", "f:names", "f:scope", "f:versions");
                });
                yield return new("kube-apiserver", apiVersion, "status", (w, _) => Set(w, "f:status", "f:acceptedNames", "f:conditions"));
                break;
            case "HorizontalPodAutoscaler":
                // kubectl autoscale and the HPA controller of a fleet that still serves v1 both wrote autoscaling/v1.
                yield return new("kubectl-autoscale", "autoscaling/v1", null, (w, _) =>
                    Set(w, "f:spec", "f:maxReplicas", "f:minReplicas", "f:scaleTargetRef", "f:targetCPUUtilizationPercentage"));
                yield return new("kube-controller-manager", "autoscaling/v1", "status", (w, _) =>
                {
                    w.WriteStartObject("f:metadata"); Set(w, "f:annotations", "f:autoscaling.alpha.kubernetes.io/conditions", "f:autoscaling.alpha.kubernetes.io/current-metrics"); w.WriteEndObject();
                    Set(w, "f:status", "f:currentCPUUtilizationPercentage", "f:currentReplicas", "f:desiredReplicas");
                });
                break;
            default:
                yield return new("kubectl-client-side-apply", apiVersion, null, (w, s) =>
                {
                    Metadata(w, s, "f:annotations", "f:labels");
                    Set(w, "f:spec", "f:cronSpec", "f:image", "f:replicas");
                });
                break;
        }
    }

    /// <summary><c>f:metadata</c> with the given fields; labels list their keys, owner references the owner's uid.</summary>
    private static void Metadata(Utf8JsonWriter w, ObjectSpec spec, params string[] fields)
    {
        w.WriteStartObject("f:metadata");
        foreach (var field in fields)
        {
            w.WriteStartObject(field);
            switch (field)
            {
                case "f:labels":
                    w.WriteStartObject("."); w.WriteEndObject();
                    foreach (var k in spec.Labels.Keys) Empty(w, "f:" + k);
                    break;
                case "f:annotations":
                    w.WriteStartObject("."); w.WriteEndObject();
                    if (spec.Resource.Kind is "Deployment" or "CronTab" or "CustomResourceDefinition") Empty(w, "f:kubectl.kubernetes.io/last-applied-configuration");
                    break;
                case "f:ownerReferences":
                    w.WriteStartObject("."); w.WriteEndObject();
                    Empty(w, "k:{\"uid\":\"" + (spec.Owner?.Uid ?? spec.Uid) + "\"}");
                    break;
            }
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static void Set(Utf8JsonWriter w, string name, params string[] fields)
    {
        w.WriteStartObject(name);
        foreach (var f in fields) Empty(w, f);
        w.WriteEndObject();
    }

    /// <summary>A leaf field: <c>"f:x":{}</c>.</summary>
    private static void Empty(Utf8JsonWriter w, string name)
    {
        w.WriteStartObject(name);
        w.WriteEndObject();
    }

    private static void Fields(Utf8JsonWriter w, params string[] fields)
    {
        foreach (var f in fields) Empty(w, f);
    }
}
