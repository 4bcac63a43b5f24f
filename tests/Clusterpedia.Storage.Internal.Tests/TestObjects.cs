using System.Text;
using System.Text.Json;
using Clusterpedia.Objects;

namespace Clusterpedia.Storage.Internal.Tests;

/// <summary>Kubernetes objects for tests, as the synchro stores them (with the cluster annotation).</summary>
internal static class TestObjects
{
    public static readonly GroupVersionResource Pods = new("", "v1", "pods");
    public static readonly GroupVersionResource Deployments = new("apps", "v1", "deployments");
    public static readonly GroupVersionResource ReplicaSets = new("apps", "v1", "replicasets");

    public static ResourceObject Object(string cluster, string apiVersion, string kind, string @namespace, string name,
        IReadOnlyDictionary<string, string>? labels = null, string? uid = null, string resourceVersion = "1",
        DateTimeOffset? created = null, (string Kind, string Name, string Uid)? owner = null, DateTimeOffset? deleted = null,
        Action<Utf8JsonWriter>? extra = null)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("apiVersion", apiVersion);
            w.WriteString("kind", kind);
            w.WriteStartObject("metadata");
            w.WriteString("name", name);
            if (@namespace.Length > 0) w.WriteString("namespace", @namespace);
            w.WriteString("uid", uid ?? Uid(cluster, @namespace, name));
            w.WriteString("resourceVersion", resourceVersion);
            w.WriteString("creationTimestamp", (created ?? new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero)).ToString("yyyy-MM-ddTHH:mm:ssZ"));
            if (deleted is { } d) w.WriteString("deletionTimestamp", d.ToString("yyyy-MM-ddTHH:mm:ssZ"));
            if (labels is not null)
            {
                w.WriteStartObject("labels");
                foreach (var (k, v) in labels) w.WriteString(k, v);
                w.WriteEndObject();
            }
            w.WriteStartObject("annotations");
            w.WriteString(WellKnown.ClusterNameAnnotation, cluster);
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
                w.WriteEndObject();
                w.WriteEndArray();
            }
            w.WriteEndObject();
            extra?.Invoke(w);
            w.WriteEndObject();
        }
        return new ResourceObject(stream.ToArray());
    }

    public static ResourceObject Pod(string cluster, string @namespace, string name, IReadOnlyDictionary<string, string>? labels = null,
        string resourceVersion = "1", DateTimeOffset? created = null, (string Kind, string Name, string Uid)? owner = null,
        string? uid = null, string? nodeName = null, int? priority = null) =>
        Object(cluster, "v1", "Pod", @namespace, name, labels, uid, resourceVersion, created, owner, extra: w =>
        {
            w.WriteStartObject("spec");
            if (nodeName is not null) w.WriteString("nodeName", nodeName);
            if (priority is { } p) w.WriteNumber("priority", p);
            w.WriteStartArray("containers");
            w.WriteStartObject();
            w.WriteString("name", "main");
            w.WriteString("image", "nginx");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        });

    /// <summary>A deterministic uid (36 characters) per object.</summary>
    public static string Uid(string cluster, string @namespace, string name)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes($"{cluster}/{@namespace}/{name}"));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }

    public static Dictionary<string, string> Labels(params string[] pairs)
    {
        var d = new Dictionary<string, string>();
        foreach (var p in pairs)
        {
            var i = p.IndexOf('=');
            d[p[..i]] = p[(i + 1)..];
        }
        return d;
    }

    public static JsonElement Json(ReadOnlyMemory<byte> bytes) => JsonDocument.Parse(bytes).RootElement.Clone();
}
