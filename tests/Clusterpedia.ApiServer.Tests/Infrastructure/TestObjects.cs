using System.Text.Json.Nodes;
using Clusterpedia.ApiServer.Clusters;
using Clusterpedia.Objects;
using Clusterpedia.Storage;

namespace Clusterpedia.ApiServer.Tests.Infrastructure;

/// <summary>Kubernetes objects as a synchro would store them (with the cluster-name annotation), and seeding helpers.</summary>
internal static class TestObjects
{
    public static readonly DateTimeOffset Created = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    public static JsonObject Object(string apiVersion, string kind, string cluster, string? ns, string name, DateTimeOffset? created = null,
        IDictionary<string, string>? labels = null)
    {
        var metadata = new JsonObject
        {
            ["name"] = name,
            ["uid"] = $"{cluster}-{ns}-{name}-uid",
            ["resourceVersion"] = "100",
            ["creationTimestamp"] = (created ?? Created).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
            ["annotations"] = new JsonObject { [WellKnown.ClusterNameAnnotation] = cluster },
        };
        if (ns is not null) metadata["namespace"] = ns;
        if (labels is not null)
        {
            var l = new JsonObject();
            foreach (var (k, v) in labels) l[k] = v;
            metadata["labels"] = l;
        }
        return new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind, ["metadata"] = metadata };
    }

    public static JsonObject Pod(string cluster, string ns, string name, string phase = "Running", string node = "node-1",
        IDictionary<string, string>? labels = null, int restarts = 0, DateTimeOffset? created = null)
    {
        var pod = Object("v1", "Pod", cluster, ns, name, created, labels);
        pod["spec"] = new JsonObject
        {
            ["nodeName"] = node,
            ["containers"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = "nginx:1.27" }),
        };
        pod["status"] = new JsonObject
        {
            ["phase"] = phase,
            ["podIP"] = "10.0.0.7",
            ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = phase == "Running" ? "True" : "False" }),
            ["containerStatuses"] = new JsonArray(new JsonObject
            {
                ["name"] = "app",
                ["ready"] = phase == "Running",
                ["restartCount"] = restarts,
                ["state"] = phase == "Running" ? new JsonObject { ["running"] = new JsonObject() } : new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "ContainerCreating" } },
            }),
        };
        return pod;
    }

    public static JsonObject Deployment(string cluster, string ns, string name, int replicas = 3, int ready = 2)
    {
        var d = Object("apps/v1", "Deployment", cluster, ns, name);
        d["spec"] = new JsonObject
        {
            ["replicas"] = replicas,
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } },
            ["template"] = new JsonObject
            {
                ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "web", ["image"] = "nginx" }) },
            },
        };
        d["status"] = new JsonObject { ["readyReplicas"] = ready, ["updatedReplicas"] = replicas, ["availableReplicas"] = ready };
        return d;
    }

    public static JsonObject Namespace(string cluster, string name)
    {
        var ns = Object("v1", "Namespace", cluster, null, name);
        ns["status"] = new JsonObject { ["phase"] = "Active" };
        return ns;
    }

    public static JsonObject Node(string cluster, string name)
    {
        var n = Object("v1", "Node", cluster, null, name, labels: new Dictionary<string, string> { ["node-role.kubernetes.io/control-plane"] = "" });
        n["status"] = new JsonObject
        {
            ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = "True" }),
            ["nodeInfo"] = new JsonObject { ["kubeletVersion"] = "v1.32.0" },
        };
        return n;
    }

    public static async Task UpsertAsync(this IStorageFactory storage, SyncedResource resource, string cluster, params JsonObject[] objects)
    {
        var rs = storage.GetResourceStorage(resource.StorageConfig);
        foreach (var o in objects) await rs.UpsertAsync(cluster, ResourceObject.FromString(o.ToJsonString()), CancellationToken.None);
    }

    public static readonly SyncedResource Pods = SyncedResource.BuiltIn("v1/pods");
    public static readonly SyncedResource Namespaces = SyncedResource.BuiltIn("v1/namespaces");
    public static readonly SyncedResource Nodes = SyncedResource.BuiltIn("v1/nodes");
    public static readonly SyncedResource Deployments = SyncedResource.BuiltIn("apps/v1/deployments");
    public static readonly SyncedResource Widgets = new(new GroupVersionResource("example.io", "v1", "widgets"), "Widget", true);
    public static readonly SyncedResource WidgetsBeta = new(new GroupVersionResource("example.io", "v1beta1", "widgets"), "Widget", true);
}
