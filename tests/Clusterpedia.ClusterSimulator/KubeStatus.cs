using System.Text.Json;

namespace Clusterpedia.ClusterSimulator;

/// <summary>
/// <c>Status.details</c> as kube fills it: the object's name, group (omitted when empty) and resource (as
/// <c>kind</c>), the seconds to wait for a 429, the causes of a 504. <see cref="None"/> writes <c>"details":{}</c>, as a
/// 404 for an unknown path has.
/// </summary>
public sealed record StatusDetails(string? Name = null, string? Group = null, string? Kind = null, int? RetryAfterSeconds = null,
    IReadOnlyList<StatusCause>? Causes = null)
{
    public static readonly StatusDetails None = new();

    /// <summary>The details of an error about one object of a resource.</summary>
    public static StatusDetails Of(SimulatedResource resource, string name) => new(name, resource.Group, resource.Resource);
}

public sealed record StatusCause(string Reason, string Message, string? Field = null);

/// <summary>
/// Error bodies exactly as kube-apiserver writes them:
/// <c>{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":…,"reason":…,"details":{…},"code":…}</c>.
/// </summary>
public static class KubeStatus
{
    public static void Write(Utf8JsonWriter w, int code, string reason, string message, StatusDetails? details = null)
    {
        w.WriteStartObject();
        w.WriteString("kind", "Status");
        w.WriteString("apiVersion", "v1");
        w.WriteStartObject("metadata"); w.WriteEndObject();
        w.WriteString("status", "Failure");
        w.WriteString("message", message);
        w.WriteString("reason", reason);
        if (details != null) WriteDetails(w, details);
        w.WriteNumber("code", code);
        w.WriteEndObject();
    }

    private static void WriteDetails(Utf8JsonWriter w, StatusDetails d)
    {
        w.WriteStartObject("details");
        if (!string.IsNullOrEmpty(d.Name)) w.WriteString("name", d.Name);
        if (!string.IsNullOrEmpty(d.Group)) w.WriteString("group", d.Group);
        if (!string.IsNullOrEmpty(d.Kind)) w.WriteString("kind", d.Kind);
        if (d.Causes is { Count: > 0 } causes)
        {
            w.WriteStartArray("causes");
            foreach (var cause in causes)
            {
                w.WriteStartObject();
                w.WriteString("reason", cause.Reason);
                w.WriteString("message", cause.Message);
                if (cause.Field != null) w.WriteString("field", cause.Field);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        if (d.RetryAfterSeconds is { } seconds) w.WriteNumber("retryAfterSeconds", seconds);
        w.WriteEndObject();
    }
}
