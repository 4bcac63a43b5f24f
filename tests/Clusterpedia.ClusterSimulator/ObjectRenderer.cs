using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Clusterpedia.ClusterSimulator;

/// <summary>
/// Renders object JSON as a kube-apiserver serves it: pods of 3-4 KB with labels, owner references and the managedFields
/// their managers wrote; the kubectl last-applied annotation (a copy of the applied object) on what kubectl applied
/// (deployments, crontabs, the CRD), not on what controllers made (replicasets, pods), so pruning and streaming are
/// exercised on the sizes a real cluster serves.
/// </summary>
public static class ObjectRenderer
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Render(ObjectSpec spec, long resourceVersion) => Write(w =>
    {
        w.WriteStartObject();
        TypeMeta.Write(w, spec.Resource);
        WriteMetadata(w, spec, resourceVersion);
        WriteBody(w, spec, withStatus: true);
        w.WriteEndObject();
    });

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var w = new Utf8JsonWriter(buffer, Options)) write(w);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Kinds whose metadata.generation kube tracks (pods, namespaces and events have none in 1.32).</summary>
    private static bool HasGeneration(ObjectSpec spec) => spec.Resource.Kind is not ("Pod" or "Namespace" or "Event");

    /// <summary>Kinds created with <c>kubectl apply</c>, which keeps the applied object in an annotation.</summary>
    private static bool KubectlApplied(ObjectSpec spec) => spec.Resource.Kind is "Deployment" or "CronTab" or "CustomResourceDefinition";

    private static void WriteMetadata(Utf8JsonWriter w, ObjectSpec spec, long rv)
    {
        w.WriteStartObject("metadata");
        w.WriteString("name", spec.Name);
        if (spec.Resource.Kind is "Pod" && spec.Owner is { } rs) w.WriteString("generateName", rs.Name + "-");
        if (spec.Namespace.Length > 0) w.WriteString("namespace", spec.Namespace);
        w.WriteString("uid", spec.Uid);
        w.WriteString("resourceVersion", rv.ToString(CultureInfo.InvariantCulture));
        if (HasGeneration(spec)) w.WriteNumber("generation", spec.Generation);
        w.WriteString("creationTimestamp", KubeTime.Time(spec.Created));
        if (spec.Labels.Count > 0)
        {
            w.WriteStartObject("labels");
            foreach (var (k, v) in spec.Labels) w.WriteString(k, v);
            w.WriteEndObject();
        }
        var annotations = Annotations(spec).ToList();
        if (annotations.Count > 0)
        {
            w.WriteStartObject("annotations");
            foreach (var (k, v) in annotations) w.WriteString(k, v);
            w.WriteEndObject();
        }
        // An event's Owner is its involved object and an HPA's its scale target: neither is an owner reference.
        if (spec.Owner is { } owner && spec.Resource.Kind is not ("Event" or "HorizontalPodAutoscaler"))
        {
            w.WriteStartArray("ownerReferences");
            w.WriteStartObject();
            w.WriteString("apiVersion", owner.ApiVersion);
            w.WriteString("kind", owner.Kind);
            w.WriteString("name", owner.Name);
            w.WriteString("uid", owner.Uid);
            w.WriteBoolean("controller", true);
            w.WriteBoolean("blockOwnerDeletion", true);
            w.WriteEndObject();
            w.WriteEndArray();
        }
        ManagedFields.Write(w, spec);
        w.WriteEndObject();
    }

    private static IEnumerable<(string Key, string Value)> Annotations(ObjectSpec spec)
    {
        if (spec.Resource.Kind == "Deployment") yield return ("deployment.kubernetes.io/revision", "1");
        if (spec.Resource.Kind == "ReplicaSet")
        {
            yield return ("deployment.kubernetes.io/desired-replicas", "3");
            yield return ("deployment.kubernetes.io/max-replicas", "4");
            yield return ("deployment.kubernetes.io/revision", "1");
        }
        if (KubectlApplied(spec)) yield return ("kubectl.kubernetes.io/last-applied-configuration", LastApplied(spec));
        if (spec.Resource == SimulatedResource.HorizontalPodAutoscalersV1)
            foreach (var annotation in HorizontalPodAutoscalerRenderer.V1Annotations(spec)) yield return annotation;
    }

    /// <summary>What <c>kubectl apply</c> sent: the object without status and server-set metadata, then a newline.</summary>
    private static string LastApplied(ObjectSpec spec) => System.Text.Encoding.UTF8.GetString(Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("apiVersion", spec.Resource.ApiVersion);
        w.WriteString("kind", spec.Resource.Kind);
        w.WriteStartObject("metadata");
        w.WriteStartObject("annotations"); w.WriteEndObject();
        if (spec.Labels.Count > 0)
        {
            w.WriteStartObject("labels");
            foreach (var (k, v) in spec.Labels) w.WriteString(k, v);
            w.WriteEndObject();
        }
        w.WriteString("name", spec.Name);
        if (spec.Namespace.Length > 0) w.WriteString("namespace", spec.Namespace);
        w.WriteEndObject();
        WriteBody(w, spec, withStatus: false);
        w.WriteEndObject();
    })) + "\n";

    private static void WriteBody(Utf8JsonWriter w, ObjectSpec spec, bool withStatus)
    {
        switch (spec.Resource.Kind)
        {
            case "Pod": WritePod(w, spec, withStatus); break;
            case "Deployment" or "ReplicaSet": WriteWorkload(w, spec, withStatus); break;
            case "CronTab":
                w.WriteStartObject("spec");
                w.WriteString("cronSpec", $"*/{1 + spec.Generation % 59} * * * *");
                w.WriteString("image", "registry.example.com/cron-runner:1.4");
                w.WriteNumber("replicas", 1);
                w.WriteEndObject();
                break;
            case "CustomResourceDefinition": WriteCrd(w, spec, withStatus); break;
            case "Event": WriteEvent(w, spec); break;
            case "HorizontalPodAutoscaler": HorizontalPodAutoscalerRenderer.WriteBody(w, spec, withStatus); break;
            case "Namespace":
                w.WriteStartObject("spec"); w.WriteStartArray("finalizers"); w.WriteStringValue("kubernetes"); w.WriteEndArray(); w.WriteEndObject();
                if (withStatus) { w.WriteStartObject("status"); w.WriteString("phase", "Active"); w.WriteEndObject(); }
                break;
        }
    }

    private static void WriteContainer(Utf8JsonWriter w, ObjectSpec spec)
    {
        w.WriteStartObject();
        w.WriteString("name", "app");
        w.WriteString("image", $"registry.example.com/app:1.{spec.Generation}");
        w.WriteString("imagePullPolicy", "IfNotPresent");
        w.WriteStartArray("ports");
        w.WriteStartObject(); w.WriteString("name", "http"); w.WriteNumber("containerPort", 8080); w.WriteString("protocol", "TCP"); w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartArray("env");
        foreach (var (k, v) in new[] { ("LOG_LEVEL", "info"), ("APP_NAME", spec.Labels.GetValueOrDefault("app", "")), ("REGION", "eu-west-1") })
        {
            w.WriteStartObject(); w.WriteString("name", k); w.WriteString("value", v); w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartObject("resources");
        w.WriteStartObject("limits"); w.WriteString("cpu", "500m"); w.WriteString("memory", "256Mi"); w.WriteEndObject();
        w.WriteStartObject("requests"); w.WriteString("cpu", "100m"); w.WriteString("memory", "128Mi"); w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartArray("volumeMounts");
        w.WriteStartObject(); w.WriteString("name", "kube-api-access"); w.WriteString("mountPath", "/var/run/secrets/kubernetes.io/serviceaccount"); w.WriteBoolean("readOnly", true); w.WriteEndObject();
        w.WriteEndArray();
        w.WriteString("terminationMessagePath", "/dev/termination-log");
        w.WriteString("terminationMessagePolicy", "File");
        w.WriteEndObject();
    }

    private static void WritePod(Utf8JsonWriter w, ObjectSpec spec, bool withStatus)
    {
        w.WriteStartObject("spec");
        w.WriteStartArray("containers"); WriteContainer(w, spec); w.WriteEndArray();
        w.WriteString("restartPolicy", "Always");
        w.WriteNumber("terminationGracePeriodSeconds", 30);
        w.WriteString("dnsPolicy", "ClusterFirst");
        w.WriteString("serviceAccountName", "default");
        w.WriteString("nodeName", $"node-{Math.Abs(spec.Name.GetHashCode(StringComparison.Ordinal)) % 8}");
        w.WriteString("schedulerName", "default-scheduler");
        w.WriteStartArray("tolerations");
        foreach (var key in new[] { "node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable" })
        {
            w.WriteStartObject(); w.WriteString("key", key); w.WriteString("operator", "Exists"); w.WriteString("effect", "NoExecute"); w.WriteNumber("tolerationSeconds", 300); w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("volumes");
        w.WriteStartObject(); w.WriteString("name", "kube-api-access");
        w.WriteStartObject("projected"); w.WriteNumber("defaultMode", 420); w.WriteStartArray("sources");
        w.WriteStartObject(); w.WriteStartObject("serviceAccountToken"); w.WriteNumber("expirationSeconds", 3607); w.WriteString("path", "token"); w.WriteEndObject(); w.WriteEndObject();
        w.WriteStartObject(); w.WriteStartObject("configMap"); w.WriteString("name", "kube-root-ca.crt"); w.WriteEndObject(); w.WriteEndObject();
        w.WriteEndArray(); w.WriteEndObject(); w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        if (!withStatus) return;

        var ts = KubeTime.Time(spec.Created);
        w.WriteStartObject("status");
        w.WriteString("phase", "Running");
        w.WriteStartArray("conditions");
        foreach (var type in new[] { "PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled" })
        {
            w.WriteStartObject(); w.WriteString("type", type); w.WriteString("status", "True"); w.WriteNull("lastProbeTime"); w.WriteString("lastTransitionTime", ts); w.WriteEndObject();
        }
        w.WriteEndArray();
        var n = Math.Abs(spec.Uid.GetHashCode(StringComparison.Ordinal));
        w.WriteString("hostIP", $"10.0.0.{n % 250 + 1}");
        w.WriteString("podIP", $"10.244.{n / 250 % 250}.{n % 250 + 1}");
        w.WriteString("startTime", ts);
        w.WriteString("qosClass", "Burstable");
        w.WriteStartArray("containerStatuses");
        w.WriteStartObject();
        w.WriteString("name", "app"); w.WriteBoolean("ready", true); w.WriteBoolean("started", true); w.WriteNumber("restartCount", spec.Generation - 1);
        w.WriteString("image", $"registry.example.com/app:1.{spec.Generation}");
        w.WriteString("imageID", "registry.example.com/app@sha256:4b7ce07a0ec9b2f3f1e2d0c8c1b4a7f9e6d5c3b2a19f8e7d6c5b4a3f2e1d0c9b");
        w.WriteString("containerID", $"containerd://{spec.Uid.Replace("-", "", StringComparison.Ordinal)}{spec.Uid.Replace("-", "", StringComparison.Ordinal)}");
        w.WriteStartObject("state"); w.WriteStartObject("running"); w.WriteString("startedAt", ts); w.WriteEndObject(); w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteWorkload(Utf8JsonWriter w, ObjectSpec spec, bool withStatus)
    {
        w.WriteStartObject("spec");
        w.WriteNumber("replicas", 3);
        w.WriteStartObject("selector"); w.WriteStartObject("matchLabels"); w.WriteString("app", spec.Labels.GetValueOrDefault("app", "")); w.WriteEndObject(); w.WriteEndObject();
        w.WriteStartObject("template");
        w.WriteStartObject("metadata"); w.WriteStartObject("labels"); w.WriteString("app", spec.Labels.GetValueOrDefault("app", "")); w.WriteEndObject(); w.WriteEndObject();
        w.WriteStartObject("spec"); w.WriteStartArray("containers"); WriteContainer(w, spec); w.WriteEndArray(); w.WriteEndObject();
        w.WriteEndObject();
        if (spec.Resource.Kind == "Deployment") { w.WriteStartObject("strategy"); w.WriteString("type", "RollingUpdate"); w.WriteEndObject(); }
        w.WriteEndObject();
        if (!withStatus) return;
        w.WriteStartObject("status");
        w.WriteNumber("observedGeneration", spec.Generation);
        w.WriteNumber("replicas", 3); w.WriteNumber("readyReplicas", 3); w.WriteNumber("availableReplicas", 3);
        // Rolled out: every replica runs the deployment's current template (kubectl's UP-TO-DATE column) and carries the
        // replicaset's labels; the fields their controllers' managedFields name.
        if (spec.Resource.Kind == "Deployment") w.WriteNumber("updatedReplicas", 3);
        else w.WriteNumber("fullyLabeledReplicas", 3);
        w.WriteEndObject();
    }

    /// <summary>An event the scheduler writes through events.k8s.io/v1, as core/v1 shows it: a MicroTime eventTime, no first/last timestamps.</summary>
    private static void WriteEvent(Utf8JsonWriter w, ObjectSpec spec)
    {
        var involved = spec.Owner!;
        w.WriteStartObject("involvedObject");
        w.WriteString("kind", involved.Kind);
        w.WriteString("namespace", spec.Namespace);
        w.WriteString("name", involved.Name);
        w.WriteString("uid", involved.Uid);
        w.WriteString("apiVersion", involved.ApiVersion);
        w.WriteEndObject();
        w.WriteString("reason", "Scheduled");
        w.WriteString("message", $"Successfully assigned {spec.Namespace}/{involved.Name} to node-1");
        w.WriteStartObject("source"); w.WriteEndObject();
        w.WriteNull("firstTimestamp");
        w.WriteNull("lastTimestamp");
        w.WriteString("type", "Normal");
        w.WriteString("eventTime", KubeTime.MicroTime(spec.Created));
        if (spec.Generation > 1)
        {
            w.WriteStartObject("series");
            w.WriteNumber("count", spec.Generation);
            w.WriteString("lastObservedTime", KubeTime.MicroTime(spec.Created.AddSeconds(spec.Generation)));
            w.WriteEndObject();
        }
        w.WriteString("action", "Binding");
        w.WriteString("reportingComponent", "default-scheduler");
        w.WriteString("reportingInstance", "default-scheduler-control-plane");
    }

    private static void WriteCrd(Utf8JsonWriter w, ObjectSpec spec, bool withStatus)
    {
        var r = SimulatedResource.CronTabs;
        w.WriteStartObject("spec");
        w.WriteString("group", r.Group);
        w.WriteStartObject("names");
        w.WriteString("plural", r.Resource); w.WriteString("singular", r.Singular); w.WriteString("kind", r.Kind);
        w.WriteStartArray("shortNames"); foreach (var s in r.ShortNames) w.WriteStringValue(s); w.WriteEndArray();
        w.WriteEndObject();
        w.WriteString("scope", r.Namespaced ? "Namespaced" : "Cluster");
        w.WriteStartArray("versions");
        w.WriteStartObject(); w.WriteString("name", r.Version); w.WriteBoolean("served", true); w.WriteBoolean("storage", true);
        w.WriteStartObject("schema"); w.WriteStartObject("openAPIV3Schema"); w.WriteString("type", "object"); w.WriteBoolean("x-kubernetes-preserve-unknown-fields", true); w.WriteEndObject(); w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        if (!withStatus) return;
        w.WriteStartObject("status");
        w.WriteStartObject("acceptedNames");
        w.WriteString("plural", r.Resource); w.WriteString("singular", r.Singular); w.WriteString("kind", r.Kind); w.WriteString("listKind", r.Kind + "List");
        w.WriteStartArray("shortNames"); foreach (var s in r.ShortNames) w.WriteStringValue(s); w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartArray("conditions");
        foreach (var (type, reason) in new[] { ("NamesAccepted", "NoConflicts"), ("Established", "InitialNamesAccepted") })
        {
            w.WriteStartObject(); w.WriteString("type", type); w.WriteString("status", "True"); w.WriteString("lastTransitionTime", KubeTime.Time(spec.Created));
            w.WriteString("reason", reason); w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("storedVersions"); w.WriteStringValue(r.Version); w.WriteEndArray();
        w.WriteEndObject();
    }
}
