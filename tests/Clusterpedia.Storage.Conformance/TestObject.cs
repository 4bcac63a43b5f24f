using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Clusterpedia.Objects;

namespace Clusterpedia.Storage.Conformance;

/// <summary>
/// Builds realistic Kubernetes objects as JSON for storage tests: pods with labels, owner references, creation times,
/// containers and status; deployments, replicasets, nodes and custom resources. Immutable: every <c>With</c> returns a copy.
/// <see cref="Build"/> adds the <c>shadow.clusterpedia.io/cluster-name</c> annotation, as the synchro does.
/// </summary>
public sealed record TestObject
{
    /// <summary>The creation time of objects that do not set one.</summary>
    public static readonly DateTimeOffset DefaultCreated = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public required string ApiVersion { get; init; }
    public required string Kind { get; init; }
    public string Namespace { get; init; } = "";
    public required string Name { get; init; }
    public string? Uid { get; init; }
    public string ResourceVersion { get; init; } = "1";
    public DateTimeOffset? Created { get; init; } = DefaultCreated;
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<(TestObject Owner, bool Controller)> Owners { get; init; } = [];

    /// <summary>Whether the JSON has top-level apiVersion and kind; a kube-apiserver leaves them out of list items of built-in types.</summary>
    public bool WithTypeMeta { get; init; } = true;

    /// <summary>Raw JSON members of <c>spec</c> (name -> JSON value text).</summary>
    public IReadOnlyList<(string Name, string Json)> Spec { get; init; } = [];

    /// <summary>Raw JSON members of <c>status</c> (name -> JSON value text).</summary>
    public IReadOnlyList<(string Name, string Json)> Status { get; init; } = [];

    /// <summary>The uid: the given one, or one derived from kind, namespace and name (the same in every cluster).</summary>
    public string EffectiveUid => Uid ?? $"{Kind.ToLowerInvariant()}-{(Namespace.Length == 0 ? "_" : Namespace)}-{Name}";

    public static TestObject Pod(string @namespace, string name) => new() { ApiVersion = "v1", Kind = "Pod", Namespace = @namespace, Name = name };
    public static TestObject ConfigMap(string @namespace, string name) => new() { ApiVersion = "v1", Kind = "ConfigMap", Namespace = @namespace, Name = name };
    public static TestObject Node(string name) => new() { ApiVersion = "v1", Kind = "Node", Name = name };
    public static TestObject Deployment(string @namespace, string name) => new() { ApiVersion = "apps/v1", Kind = "Deployment", Namespace = @namespace, Name = name };
    public static TestObject ReplicaSet(string @namespace, string name) => new() { ApiVersion = "apps/v1", Kind = "ReplicaSet", Namespace = @namespace, Name = name };
    public static TestObject StatefulSet(string @namespace, string name) => new() { ApiVersion = "apps/v1", Kind = "StatefulSet", Namespace = @namespace, Name = name };
    public static TestObject DaemonSet(string @namespace, string name) => new() { ApiVersion = "apps/v1", Kind = "DaemonSet", Namespace = @namespace, Name = name };
    public static TestObject CronJob(string @namespace, string name) => new() { ApiVersion = "batch/v1", Kind = "CronJob", Namespace = @namespace, Name = name };

    /// <summary>A custom resource <c>Widget</c> of <c>example.io/v1</c>.</summary>
    public static TestObject Widget(string @namespace, string name) => new() { ApiVersion = "example.io/v1", Kind = "Widget", Namespace = @namespace, Name = name };

    /// <summary>The object as a list item of a built-in type comes from a kube-apiserver: without apiVersion and kind.</summary>
    public TestObject AsListItem() => this with { WithTypeMeta = false };

    public TestObject WithLabel(string key, string value) =>
        this with { Labels = new Dictionary<string, string>(Labels) { [key] = value } };

    public TestObject WithAnnotation(string key, string value) =>
        this with { Annotations = new Dictionary<string, string>(Annotations) { [key] = value } };

    public TestObject CreatedAt(DateTimeOffset created) => this with { Created = created };

    public TestObject WithResourceVersion(string resourceVersion) => this with { ResourceVersion = resourceVersion };

    public TestObject OwnedBy(TestObject owner, bool controller = true) => this with { Owners = [.. Owners, (owner, controller)] };

    public TestObject WithSpec(string name, string json) => this with { Spec = [.. Spec, (name, json)] };

    public TestObject WithStatus(string name, string json) => this with { Status = [.. Status, (name, json)] };

    public TestObject WithNodeName(string node) => WithSpec("nodeName", JsonSerializer.Serialize(node, ConformanceJson.Default.String));

    public TestObject WithPhase(string phase) => WithStatus("phase", JsonSerializer.Serialize(phase, ConformanceJson.Default.String));

    /// <summary>Containers named after their image's repository, e.g. <c>nginx:1.25</c> -> <c>nginx</c>.</summary>
    public TestObject WithContainers(params string[] images) => WithSpec("containers",
        "[" + string.Join(",", images.Select(i =>
            $"{{\"name\":{JsonSerializer.Serialize(i.Split(':')[0], ConformanceJson.Default.String)},\"image\":{JsonSerializer.Serialize(i, ConformanceJson.Default.String)}}}")) + "]");

    /// <summary>The object's JSON as the synchro would store it for <paramref name="cluster"/>.</summary>
    public ResourceObject Build(string cluster) => new(BuildJson(cluster));

    public byte[] BuildJson(string cluster)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            if (WithTypeMeta)
            {
                w.WriteString("apiVersion", ApiVersion);
                w.WriteString("kind", Kind);
            }
            w.WriteStartObject("metadata");
            w.WriteString("name", Name);
            if (Namespace.Length > 0) w.WriteString("namespace", Namespace);
            w.WriteString("uid", EffectiveUid);
            w.WriteString("resourceVersion", ResourceVersion);
            if (Created is { } created)
                w.WriteString("creationTimestamp", created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            if (Labels.Count > 0) WriteMap(w, "labels", Labels);
            WriteMap(w, "annotations", new Dictionary<string, string>(Annotations) { [WellKnown.ClusterNameAnnotation] = cluster });
            if (Owners.Count > 0)
            {
                w.WriteStartArray("ownerReferences");
                foreach (var (owner, controller) in Owners)
                {
                    w.WriteStartObject();
                    w.WriteString("apiVersion", owner.ApiVersion);
                    w.WriteString("kind", owner.Kind);
                    w.WriteString("name", owner.Name);
                    w.WriteString("uid", owner.EffectiveUid);
                    w.WriteBoolean("controller", controller);
                    w.WriteBoolean("blockOwnerDeletion", true);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
            WriteRawMembers(w, "spec", Spec);
            WriteRawMembers(w, "status", Status);
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteMap(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, string> map)
    {
        w.WriteStartObject(name);
        foreach (var (key, value) in map.OrderBy(p => p.Key, StringComparer.Ordinal)) w.WriteString(key, value);
        w.WriteEndObject();
    }

    private static void WriteRawMembers(Utf8JsonWriter w, string name, IReadOnlyList<(string Name, string Json)> members)
    {
        if (members.Count == 0) return;
        w.WriteStartObject(name);
        foreach (var (member, json) in members)
        {
            w.WritePropertyName(member);
            w.WriteRawValue(json);
        }
        w.WriteEndObject();
    }
}
