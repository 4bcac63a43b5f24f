using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Clusterpedia.ClusterSimulator;

/// <summary>
/// Renders realistic object JSON: pods of 3-4 KB with labels, owner references, managedFields and the kubectl
/// last-applied annotation, so pruning and streaming are exercised on the sizes a real cluster serves.
/// </summary>
public static class ObjectRenderer
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Render(ObjectSpec spec, long resourceVersion)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteString("apiVersion", spec.Resource.ApiVersion);
            w.WriteString("kind", spec.Resource.Kind);
            WriteMetadata(w, spec, resourceVersion);
            switch (spec.Resource.Kind)
            {
                case "Pod": WritePod(w, spec); break;
                case "Deployment": WriteWorkload(w, spec, "Deployment"); break;
                case "ReplicaSet": WriteWorkload(w, spec, "ReplicaSet"); break;
                case "CronTab":
                    w.WriteStartObject("spec");
                    w.WriteString("cronSpec", $"*/{1 + spec.Generation % 59} * * * *");
                    w.WriteString("image", "registry.example.com/cron-runner:1.4");
                    w.WriteNumber("replicas", 1);
                    w.WriteEndObject();
                    break;
                case "CustomResourceDefinition": WriteCrd(w); break;
                case "Event": WriteEvent(w, spec); break;
                case "Namespace":
                    w.WriteStartObject("spec"); w.WriteStartArray("finalizers"); w.WriteStringValue("kubernetes"); w.WriteEndArray(); w.WriteEndObject();
                    w.WriteStartObject("status"); w.WriteString("phase", "Active"); w.WriteEndObject();
                    break;
            }
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteMetadata(Utf8JsonWriter w, ObjectSpec spec, long rv)
    {
        w.WriteStartObject("metadata");
        w.WriteString("name", spec.Name);
        if (spec.Namespace.Length > 0) w.WriteString("namespace", spec.Namespace);
        w.WriteString("uid", spec.Uid);
        w.WriteString("resourceVersion", rv.ToString(CultureInfo.InvariantCulture));
        w.WriteNumber("generation", spec.Generation);
        w.WriteString("creationTimestamp", spec.Created.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        if (spec.Labels.Count > 0)
        {
            w.WriteStartObject("labels");
            foreach (var (k, v) in spec.Labels) w.WriteString(k, v);
            w.WriteEndObject();
        }
        if (spec.Resource.Kind is "Pod" or "Deployment" or "CronTab")
        {
            w.WriteStartObject("annotations");
            w.WriteString("kubectl.kubernetes.io/last-applied-configuration", LastApplied(spec));
            w.WriteString("simulator.clusterpedia.io/generation", spec.Generation.ToString(CultureInfo.InvariantCulture));
            w.WriteEndObject();
        }
        if (spec.Owner is { } owner)
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
        WriteManagedFields(w, spec);
        w.WriteEndObject();
    }

    private static string LastApplied(ObjectSpec spec) =>
        "{\"apiVersion\":\"" + spec.Resource.ApiVersion + "\",\"kind\":\"" + spec.Resource.Kind
        + "\",\"metadata\":{\"annotations\":{},\"labels\":{\"app\":\"" + spec.Labels.GetValueOrDefault("app", "") + "\"},\"name\":\"" + spec.Name
        + "\",\"namespace\":\"" + spec.Namespace + "\"},\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"image\":\"registry.example.com/app:1." + spec.Generation
        + "\",\"name\":\"app\",\"ports\":[{\"containerPort\":8080,\"name\":\"http\"}],\"resources\":{\"limits\":{\"cpu\":\"500m\",\"memory\":\"256Mi\"},\"requests\":{\"cpu\":\"100m\",\"memory\":\"128Mi\"}}}]}}}}\n";

    private static void WriteManagedFields(Utf8JsonWriter w, ObjectSpec spec)
    {
        w.WriteStartArray("managedFields");
        foreach (var (manager, operation) in new[] { ("kubectl-client-side-apply", "Update") })
        {
            w.WriteStartObject();
            w.WriteString("manager", manager);
            w.WriteString("operation", operation);
            w.WriteString("apiVersion", spec.Resource.ApiVersion);
            w.WriteString("time", spec.Created.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            w.WriteString("fieldsType", "FieldsV1");
            w.WriteStartObject("fieldsV1");
            w.WriteStartObject("f:metadata");
            w.WriteStartObject("f:labels");
            foreach (var k in spec.Labels.Keys) EmptyObject(w, "f:" + k);
            w.WriteEndObject();
            w.WriteStartObject("f:ownerReferences"); EmptyObject(w, "k:{\"uid\":\"" + (spec.Owner?.Uid ?? spec.Uid) + "\"}"); w.WriteEndObject();
            w.WriteEndObject();
            w.WriteStartObject("f:spec");
            foreach (var f in new[] { "f:containers", "f:dnsPolicy", "f:enableServiceLinks", "f:restartPolicy", "f:schedulerName", "f:securityContext", "f:terminationGracePeriodSeconds", "f:volumes" })
                EmptyObject(w, f);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void EmptyObject(Utf8JsonWriter w, string name)
    {
        w.WriteStartObject(name);
        w.WriteEndObject();
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

    private static void WritePod(Utf8JsonWriter w, ObjectSpec spec)
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

        var ts = spec.Created.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
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

    private static void WriteWorkload(Utf8JsonWriter w, ObjectSpec spec, string kind)
    {
        w.WriteStartObject("spec");
        w.WriteNumber("replicas", 3);
        w.WriteStartObject("selector"); w.WriteStartObject("matchLabels"); w.WriteString("app", spec.Labels.GetValueOrDefault("app", "")); w.WriteEndObject(); w.WriteEndObject();
        w.WriteStartObject("template");
        w.WriteStartObject("metadata"); w.WriteStartObject("labels"); w.WriteString("app", spec.Labels.GetValueOrDefault("app", "")); w.WriteEndObject(); w.WriteEndObject();
        w.WriteStartObject("spec"); w.WriteStartArray("containers"); WriteContainer(w, spec); w.WriteEndArray(); w.WriteEndObject();
        w.WriteEndObject();
        if (kind == "Deployment") { w.WriteStartObject("strategy"); w.WriteString("type", "RollingUpdate"); w.WriteEndObject(); }
        w.WriteEndObject();
        w.WriteStartObject("status");
        w.WriteNumber("observedGeneration", spec.Generation);
        w.WriteNumber("replicas", 3); w.WriteNumber("readyReplicas", 3); w.WriteNumber("availableReplicas", 3);
        // A rolled-out deployment: every replica runs the current template (kubectl's UP-TO-DATE column).
        if (spec.Resource.Kind == "Deployment") w.WriteNumber("updatedReplicas", 3);
        w.WriteEndObject();
    }

    private static void WriteEvent(Utf8JsonWriter w, ObjectSpec spec)
    {
        var involved = spec.Owner!;
        w.WriteStartObject("involvedObject");
        w.WriteString("apiVersion", involved.ApiVersion);
        w.WriteString("kind", involved.Kind);
        w.WriteString("namespace", spec.Namespace);
        w.WriteString("name", involved.Name);
        w.WriteString("uid", involved.Uid);
        w.WriteEndObject();
        w.WriteString("reason", "Scheduled");
        w.WriteString("message", $"Successfully assigned {spec.Namespace}/{involved.Name} to node-1");
        w.WriteString("type", "Normal");
        w.WriteNumber("count", spec.Generation);
        w.WriteStartObject("source"); w.WriteString("component", "default-scheduler"); w.WriteEndObject();
        w.WriteString("firstTimestamp", spec.Created.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
    }

    private static void WriteCrd(Utf8JsonWriter w)
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
    }
}
