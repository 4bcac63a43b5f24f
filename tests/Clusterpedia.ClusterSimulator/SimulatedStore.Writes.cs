using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Clusterpedia.ClusterSimulator;

/// <summary>A Kubernetes error answer from the simulated API.</summary>
public sealed class SimulatedApiException(int code, string reason, string message, StatusDetails? details = null) : Exception(message)
{
    public int Code { get; } = code;
    public string Reason { get; } = reason;
    public StatusDetails? Details { get; } = details;
}

// Client writes (create, replace, replace status, delete with finalizers) of objects kept as raw JSON, with
// Kubernetes' optimistic concurrency: a replace carrying a stale resourceVersion is a 409 Conflict.
public sealed partial class SimulatedStore
{
    public byte[] CreateRaw(SimulatedResource resource, string @namespace, JsonObject obj)
    {
        lock (_gate)
        {
            var metadata = obj["metadata"] as JsonObject ?? throw new SimulatedApiException(400, "BadRequest", "metadata is required");
            var name = (string?)metadata["name"] ?? throw new SimulatedApiException(400, "BadRequest", "metadata.name is required");
            if (resource.Namespaced) metadata["namespace"] = @namespace;
            var key = KeyOf(@namespace, name);
            if (_objects[resource].ContainsKey(key))
                throw new SimulatedApiException(409, "AlreadyExists", $"{resource.GroupResource} \"{name}\" already exists", StatusDetails.Of(resource, name));
            metadata["uid"] = Guid.NewGuid().ToString();
            metadata["creationTimestamp"] = KubeTime.Time(DateTimeOffset.UtcNow);
            metadata["generation"] = 1;
            obj.Remove("status");
            return PutRaw(resource, key, obj, "ADDED");
        }
    }

    /// <summary>PUT of the object (status is kept as stored) or of its status subresource (only status is taken).</summary>
    public byte[] ReplaceRaw(SimulatedResource resource, string @namespace, string name, JsonObject obj, bool statusOnly)
    {
        lock (_gate)
        {
            var key = KeyOf(@namespace, name);
            var current = Current(resource, key);
            var sentRv = (string?)obj["metadata"]?["resourceVersion"];
            var currentRv = (string?)current["metadata"]!["resourceVersion"];
            if (!string.IsNullOrEmpty(sentRv) && sentRv != currentRv)
                throw new SimulatedApiException(409, "Conflict", $"Operation cannot be fulfilled on {resource.GroupResource} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
                    StatusDetails.Of(resource, name));
            if (statusOnly)
            {
                current["status"] = obj["status"]?.DeepClone();
                return PutRaw(resource, key, current, "MODIFIED");
            }
            var metadata = (JsonObject)current["metadata"]!;
            if (!JsonNode.DeepEquals(current["spec"], obj["spec"]))
                metadata["generation"] = ((int?)metadata["generation"] ?? 0) + 1;
            // Every body field is replaced (spec, a Secret's data, ...); metadata and status follow their own rules.
            string[] own = ["apiVersion", "kind", "metadata", "status"];
            foreach (var field in current.Select(kv => kv.Key).Where(f => !own.Contains(f) && !obj.ContainsKey(f)).ToList()) current.Remove(field);
            foreach (var (field, value) in obj.Where(kv => !own.Contains(kv.Key)).ToList()) current[field] = value?.DeepClone();
            foreach (var field in new[] { "labels", "annotations", "finalizers" })
                metadata[field] = obj["metadata"]?[field]?.DeepClone();
            if (metadata["deletionTimestamp"] != null && metadata["finalizers"] is not JsonArray { Count: > 0 })
                return RemoveRaw(resource, key, current);
            return PutRaw(resource, key, current, "MODIFIED");
        }
    }

    /// <summary>DELETE: with finalizers the object only gets a deletionTimestamp; without, it goes.</summary>
    public byte[] DeleteRaw(SimulatedResource resource, string @namespace, string name)
    {
        lock (_gate)
        {
            var key = KeyOf(@namespace, name);
            var current = Current(resource, key);
            var metadata = (JsonObject)current["metadata"]!;
            if (metadata["finalizers"] is JsonArray { Count: > 0 })
            {
                metadata["deletionTimestamp"] ??= KubeTime.Time(DateTimeOffset.UtcNow);
                return PutRaw(resource, key, current, "MODIFIED");
            }
            return RemoveRaw(resource, key, current);
        }
    }

    private static string KeyOf(string @namespace, string name) => @namespace.Length == 0 ? name : $"{@namespace}/{name}";

    private JsonObject Current(SimulatedResource resource, string key) =>
        _objects[resource].TryGetValue(key, out var stored) ? (JsonObject)JsonNode.Parse(stored.Json)! : throw NotFound(resource, key[(key.IndexOf('/') + 1)..]);

    public static SimulatedApiException NotFound(SimulatedResource resource, string name) =>
        new(404, "NotFound", $"{resource.GroupResource} \"{name}\" not found", StatusDetails.Of(resource, name));

    private byte[] PutRaw(SimulatedResource resource, string key, JsonObject obj, string type)
    {
        var rv = ++_rv;
        obj = WithTypeMeta(resource, obj);
        obj["metadata"]!["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture);
        var json = Encoding.UTF8.GetBytes(obj.ToJsonString());
        var spec = SpecOf(resource, obj);
        _objects[resource][key] = new StoredObject(spec, rv, json);
        Publish(new HistoryEvent(rv, type, spec, json));
        return json;
    }

    private byte[] RemoveRaw(SimulatedResource resource, string key, JsonObject current)
    {
        _objects[resource].Remove(key);
        var rv = ++_rv;
        current["metadata"]!["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture);
        var json = Encoding.UTF8.GetBytes(current.ToJsonString());
        Publish(new HistoryEvent(rv, "DELETED", SpecOf(resource, current), json));
        return json;
    }

    /// <summary>The object with its kind and apiVersion first, in the order kube's encoder writes them.</summary>
    private static JsonObject WithTypeMeta(SimulatedResource resource, JsonObject obj)
    {
        var result = new JsonObject();
        foreach (var (name, value) in TypeMeta.Fields(resource)) result[name] = value;
        foreach (var (name, value) in obj.Where(kv => kv.Key is not ("apiVersion" or "kind")).ToList())
        {
            obj.Remove(name);
            result[name] = value;
        }
        return result;
    }

    /// <summary>What selectors match on, read from a client's object.</summary>
    private static ObjectSpec SpecOf(SimulatedResource resource, JsonObject obj)
    {
        var metadata = obj["metadata"]!;
        var labels = (metadata["labels"] as JsonObject)?.Where(kv => kv.Value is JsonValue).ToDictionary(kv => kv.Key, kv => kv.Value!.ToString(), StringComparer.Ordinal)
            ?? new Dictionary<string, string>(StringComparer.Ordinal);
        return new ObjectSpec(resource, (string?)metadata["namespace"] ?? "", (string)metadata["name"]!, (string?)metadata["uid"] ?? "", DateTimeOffset.UtcNow, labels, null);
    }
}
