using System.Text.Json;
using Clusterpedia.Objects;

namespace Clusterpedia.Benchmarks;

/// <summary>
/// The benchmark data set (docs/benchmarks.md): per cluster 10,000 pods of about 4 KB in 33 namespaces, owned through
/// ReplicaSets by 100 Deployments; labels app=app-(i % 50), so one app value matches 2,000 pods over 10 clusters.
/// </summary>
internal static class PodGenerator
{
    public const int PodsPerCluster = 10_000;
    public const int Namespaces = 33;
    public const int Deployments = 100;

    public static string PodName(int i) => $"app-{i % Deployments}-rs-{i:D5}";
    public static string Uid(string cluster, string kind, int i) => $"{Math.Abs(HashCode.Combine(cluster, kind)) % 100000000:D8}-0000-4000-8000-{i:D12}";

    public static ResourceObject Deployment(string cluster, int d) => Build(w =>
    {
        w.WriteString("apiVersion", "apps/v1");
        w.WriteString("kind", "Deployment");
        Metadata(w, cluster, $"ns-{d % Namespaces}", $"app-{d}", Uid(cluster, "Deployment", d), $"{1000 + d}", $"app-{d % 50}", null);
        w.WriteStartObject("spec");
        w.WriteNumber("replicas", 100);
        w.WriteEndObject();
        w.WriteEndObject();
    });

    public static ResourceObject ReplicaSet(string cluster, int d) => Build(w =>
    {
        w.WriteString("apiVersion", "apps/v1");
        w.WriteString("kind", "ReplicaSet");
        Metadata(w, cluster, $"ns-{d % Namespaces}", $"app-{d}-rs", Uid(cluster, "ReplicaSet", d), $"{2000 + d}", $"app-{d % 50}",
            ("Deployment", $"app-{d}", Uid(cluster, "Deployment", d)));
        w.WriteStartObject("spec");
        w.WriteNumber("replicas", 100);
        w.WriteEndObject();
        w.WriteEndObject();
    });

    public static ResourceObject Pod(string cluster, int i) => Build(w =>
    {
        var d = i % Deployments;
        w.WriteString("apiVersion", "v1");
        w.WriteString("kind", "Pod");
        // Pods of a deployment share its namespace, as in a real cluster.
        Metadata(w, cluster, $"ns-{d % Namespaces}", PodName(i), Uid(cluster, "Pod", i), $"{100000 + i}", $"app-{i % 50}",
            ("ReplicaSet", $"app-{d}-rs", Uid(cluster, "ReplicaSet", d)));
        Spec(w, i);
        Status(w, i);
        w.WriteEndObject();
    });

    private static ResourceObject Build(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream(4096);
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            write(w);
        }
        return new ResourceObject(stream.ToArray());
    }

    private static void Metadata(Utf8JsonWriter w, string cluster, string ns, string name, string uid, string rv, string app,
        (string Kind, string Name, string Uid)? owner)
    {
        w.WriteStartObject("metadata");
        w.WriteString("name", name);
        w.WriteString("namespace", ns);
        w.WriteString("uid", uid);
        w.WriteString("resourceVersion", rv);
        w.WriteString("creationTimestamp", new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(int.Parse(rv) % 86400 * 7).ToString("yyyy-MM-ddTHH:mm:ssZ"));
        w.WriteStartObject("labels");
        w.WriteString("app", app);
        w.WriteString("app.kubernetes.io/name", app);
        w.WriteString("app.kubernetes.io/part-of", "benchmark");
        w.WriteString("pod-template-hash", "7d4b9c8f6d");
        w.WriteString("tier", int.Parse(rv) % 3 == 0 ? "backend" : "frontend");
        w.WriteEndObject();
        w.WriteStartObject("annotations");
        w.WriteString(WellKnown.ClusterNameAnnotation, cluster);
        w.WriteString("prometheus.io/scrape", "true");
        w.WriteString("prometheus.io/port", "9090");
        w.WriteEndObject();
        if (owner is { } o)
        {
            w.WriteStartArray("ownerReferences");
            w.WriteStartObject();
            w.WriteString("apiVersion", "apps/v1");
            w.WriteString("kind", o.Kind);
            w.WriteString("name", o.Name);
            w.WriteString("uid", o.Uid);
            w.WriteBoolean("controller", true);
            w.WriteBoolean("blockOwnerDeletion", true);
            w.WriteEndObject();
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static void Spec(Utf8JsonWriter w, int i)
    {
        w.WriteStartObject("spec");
        w.WriteStartArray("containers");
        foreach (var c in (string[])["app", "sidecar"])
        {
            w.WriteStartObject();
            w.WriteString("name", c);
            w.WriteString("image", $"registry.example.com/team/{c}:v1.{i % 20}.3");
            w.WriteString("imagePullPolicy", "IfNotPresent");
            w.WriteStartArray("ports");
            w.WriteStartObject(); w.WriteString("name", "http"); w.WriteNumber("containerPort", 8080); w.WriteString("protocol", "TCP"); w.WriteEndObject();
            w.WriteStartObject(); w.WriteString("name", "metrics"); w.WriteNumber("containerPort", 9090); w.WriteString("protocol", "TCP"); w.WriteEndObject();
            w.WriteEndArray();
            w.WriteStartArray("env");
            for (var e = 0; e < 8; e++)
            {
                w.WriteStartObject(); w.WriteString("name", $"SETTING_{e}_NAME"); w.WriteString("value", $"value-{e}-{i % 97}"); w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartObject("resources");
            w.WriteStartObject("limits"); w.WriteString("cpu", "500m"); w.WriteString("memory", "512Mi"); w.WriteEndObject();
            w.WriteStartObject("requests"); w.WriteString("cpu", "100m"); w.WriteString("memory", "128Mi"); w.WriteEndObject();
            w.WriteEndObject();
            w.WriteStartArray("volumeMounts");
            w.WriteStartObject(); w.WriteString("name", "config"); w.WriteString("mountPath", "/etc/app"); w.WriteBoolean("readOnly", true); w.WriteEndObject();
            w.WriteStartObject(); w.WriteString("name", "kube-api-access-x7k2p"); w.WriteString("mountPath", "/var/run/secrets/kubernetes.io/serviceaccount"); w.WriteBoolean("readOnly", true); w.WriteEndObject();
            w.WriteEndArray();
            w.WriteStartObject("readinessProbe");
            w.WriteStartObject("httpGet"); w.WriteString("path", "/healthz"); w.WriteNumber("port", 8080); w.WriteString("scheme", "HTTP"); w.WriteEndObject();
            w.WriteNumber("periodSeconds", 10); w.WriteNumber("timeoutSeconds", 1); w.WriteNumber("failureThreshold", 3);
            w.WriteEndObject();
            w.WriteString("terminationMessagePath", "/dev/termination-log");
            w.WriteString("terminationMessagePolicy", "File");
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteString("nodeName", $"node-{i % 50}");
        w.WriteString("serviceAccountName", "default");
        w.WriteString("restartPolicy", "Always");
        w.WriteString("dnsPolicy", "ClusterFirst");
        w.WriteString("schedulerName", "default-scheduler");
        w.WriteNumber("terminationGracePeriodSeconds", 30);
        w.WriteStartArray("tolerations");
        foreach (var key in (string[])["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"])
        {
            w.WriteStartObject(); w.WriteString("key", key); w.WriteString("operator", "Exists"); w.WriteString("effect", "NoExecute"); w.WriteNumber("tolerationSeconds", 300); w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("volumes");
        w.WriteStartObject(); w.WriteString("name", "config"); w.WriteStartObject("configMap"); w.WriteString("name", "app-config"); w.WriteNumber("defaultMode", 420); w.WriteEndObject(); w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Status(Utf8JsonWriter w, int i)
    {
        w.WriteStartObject("status");
        w.WriteString("phase", "Running");
        w.WriteStartArray("conditions");
        foreach (var type in (string[])["Initialized", "Ready", "ContainersReady", "PodScheduled"])
        {
            w.WriteStartObject(); w.WriteString("type", type); w.WriteString("status", "True"); w.WriteNull("lastProbeTime");
            w.WriteString("lastTransitionTime", "2024-01-01T00:00:05Z"); w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteString("hostIP", $"10.0.{i % 50}.1");
        w.WriteString("podIP", $"10.{i % 200}.{i / 200 % 250}.{i % 250}");
        w.WriteString("startTime", "2024-01-01T00:00:01Z");
        w.WriteString("qosClass", "Burstable");
        w.WriteStartArray("containerStatuses");
        foreach (var c in (string[])["app", "sidecar"])
        {
            w.WriteStartObject();
            w.WriteString("name", c);
            w.WriteBoolean("ready", true);
            w.WriteNumber("restartCount", i % 3);
            w.WriteString("image", $"registry.example.com/team/{c}:v1.{i % 20}.3");
            w.WriteString("imageID", $"registry.example.com/team/{c}@sha256:{i:x8}4f2c9e1b0a7d6c5b4a39281706f5e4d3c2b1a0f9e8d7c6b5a4938271605f4e3d");
            w.WriteString("containerID", $"containerd://{i:x8}a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7");
            w.WriteStartObject("state"); w.WriteStartObject("running"); w.WriteString("startedAt", "2024-01-01T00:00:03Z"); w.WriteEndObject(); w.WriteEndObject();
            w.WriteBoolean("started", true);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
