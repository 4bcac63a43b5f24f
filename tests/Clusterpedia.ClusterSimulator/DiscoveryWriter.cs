using System.Text.Json;

namespace Clusterpedia.ClusterSimulator;

/// <summary>Discovery documents (<c>/api</c>, <c>/apis</c>, resource lists) and <c>/version</c>, as kube-apiserver writes them.</summary>
internal static class DiscoveryWriter
{
    private static readonly string[] Verbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    public static void WriteApiVersions(Utf8JsonWriter w, string serverAddress)
    {
        w.WriteStartObject();
        w.WriteString("kind", "APIVersions");
        w.WriteStartArray("versions"); w.WriteStringValue("v1"); w.WriteEndArray();
        w.WriteStartArray("serverAddressByClientCIDRs");
        w.WriteStartObject(); w.WriteString("clientCIDR", "0.0.0.0/0"); w.WriteString("serverAddress", serverAddress); w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static IEnumerable<string> Groups(IEnumerable<SimulatedResource> served) => served.Where(r => r.Group.Length > 0).Select(r => r.Group).Distinct();

    public static void WriteGroupList(Utf8JsonWriter w, IReadOnlyList<SimulatedResource> served)
    {
        w.WriteStartObject();
        w.WriteString("kind", "APIGroupList");
        w.WriteString("apiVersion", "v1");
        w.WriteStartArray("groups");
        foreach (var g in Groups(served)) WriteGroupBody(w, g, served);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void WriteGroup(Utf8JsonWriter w, string group, IReadOnlyList<SimulatedResource> served)
    {
        WriteGroupBody(w, group, served, "APIGroup");
    }

    /// <summary>A group with its served versions, the preferred (the first served) listed first and named as <c>preferredVersion</c>.</summary>
    private static void WriteGroupBody(Utf8JsonWriter w, string group, IReadOnlyList<SimulatedResource> served, string? kind = null)
    {
        var versions = served.Where(r => r.Group == group).Select(r => r.Version).Distinct().ToList();
        w.WriteStartObject();
        if (kind != null) { w.WriteString("kind", kind); w.WriteString("apiVersion", "v1"); }
        w.WriteString("name", group);
        w.WriteStartArray("versions");
        foreach (var version in versions)
        {
            w.WriteStartObject(); w.WriteString("groupVersion", $"{group}/{version}"); w.WriteString("version", version); w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartObject("preferredVersion"); w.WriteString("groupVersion", $"{group}/{versions[0]}"); w.WriteString("version", versions[0]); w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>The subresources discovery lists after a resource (<c>pods/log</c>, <c>deployments/scale</c>); none is listable.</summary>
    private static IEnumerable<(string Name, string Kind, string? ScaleGroup, string[] Verbs)> Subresources(SimulatedResource r)
    {
        string[] update = ["get", "patch", "update"];
        if (r.Kind is "Pod" or "Deployment" or "ReplicaSet" or "Namespace" or "CustomResourceDefinition" or "HorizontalPodAutoscaler" or "PediaCluster")
            yield return ("status", r.Kind, null, update);
        if (r.Kind is "Pod") yield return ("log", r.Kind, null, ["get"]);
        if (r.Kind is "Deployment" or "ReplicaSet") yield return ("scale", "Scale", "autoscaling", update);
    }

    public static void WriteResourceList(Utf8JsonWriter w, string group, string version, IReadOnlyList<SimulatedResource> served)
    {
        w.WriteStartObject();
        w.WriteString("kind", "APIResourceList");
        // The legacy /api/v1 document carries no apiVersion; group documents do.
        if (group.Length > 0) w.WriteString("apiVersion", "v1");
        w.WriteString("groupVersion", group.Length == 0 ? version : $"{group}/{version}");
        w.WriteStartArray("resources");
        foreach (var r in served.Where(r => r.Group == group && r.Version == version))
        {
            w.WriteStartObject();
            w.WriteString("name", r.Resource);
            w.WriteString("singularName", r.Singular);
            w.WriteBoolean("namespaced", r.Namespaced);
            w.WriteString("kind", r.Kind);
            w.WriteStartArray("verbs"); foreach (var v in Verbs) w.WriteStringValue(v); w.WriteEndArray();
            if (r.ShortNames.Length > 0) { w.WriteStartArray("shortNames"); foreach (var s in r.ShortNames) w.WriteStringValue(s); w.WriteEndArray(); }
            w.WriteEndObject();
            foreach (var (name, kind, scaleGroup, verbs) in Subresources(r))
            {
                w.WriteStartObject();
                w.WriteString("name", $"{r.Resource}/{name}");
                w.WriteString("singularName", "");
                w.WriteBoolean("namespaced", r.Namespaced);
                if (scaleGroup != null) { w.WriteString("group", scaleGroup); w.WriteString("version", "v1"); }
                w.WriteString("kind", kind);
                w.WriteStartArray("verbs"); foreach (var v in verbs) w.WriteStringValue(v); w.WriteEndArray();
                w.WriteEndObject();
            }
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void WriteVersion(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("major", "1");
        w.WriteString("minor", "32");
        w.WriteString("gitVersion", "v1.32.0-simulated");
        w.WriteString("gitCommit", "0000000000000000000000000000000000000000");
        w.WriteString("gitTreeState", "clean");
        w.WriteString("buildDate", "2026-01-01T00:00:00Z");
        w.WriteString("goVersion", "go1.23.0");
        w.WriteString("compiler", "gc");
        w.WriteString("platform", "linux/amd64");
        w.WriteEndObject();
    }
}
