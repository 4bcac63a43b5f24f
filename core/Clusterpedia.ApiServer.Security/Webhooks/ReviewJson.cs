using System.Buffers;
using System.Text.Json;
using Clusterpedia.ApiServer.Security.Authorization;

namespace Clusterpedia.ApiServer.Security.Webhooks;

/// <summary>TokenReview (authentication.k8s.io/v1) and SubjectAccessReview (authorization.k8s.io/v1) bodies, without reflection.</summary>
internal static class ReviewJson
{
    public const string TokenReviewPath = "apis/authentication.k8s.io/v1/tokenreviews";
    public const string SubjectAccessReviewPath = "apis/authorization.k8s.io/v1/subjectaccessreviews";

    public static byte[] TokenReview(string token) => Write(w =>
    {
        w.WriteString("apiVersion", "authentication.k8s.io/v1");
        w.WriteString("kind", "TokenReview");
        w.WriteStartObject("spec");
        w.WriteString("token", token);
        w.WriteEndObject();
    });

    /// <summary>The answer's user when <c>status.authenticated</c>, else the error to report (never null then).</summary>
    public static (UserInfo? User, string? Error) ReadTokenReview(byte[] body)
    {
        using var doc = JsonDocument.Parse(body);
        if (!doc.RootElement.TryGetProperty("status", out var status) || status.ValueKind != JsonValueKind.Object)
            return (null, "TokenReview answer has no status");
        if (!(status.TryGetProperty("authenticated", out var ok) && ok.ValueKind == JsonValueKind.True))
            return (null, status.TryGetProperty("error", out var e) && e.GetString() is { Length: > 0 } m ? m : "invalid bearer token");
        if (!status.TryGetProperty("user", out var user) || String(user, "username") is not { Length: > 0 } name)
            return (null, "TokenReview authenticated a user without a username");
        var groups = user.TryGetProperty("groups", out var g) && g.ValueKind == JsonValueKind.Array
            ? g.EnumerateArray().Select(x => x.GetString()).OfType<string>().ToList() : [];
        var extra = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (user.TryGetProperty("extra", out var x) && x.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in x.EnumerateObject())
                if (p.Value.ValueKind == JsonValueKind.Array) extra[p.Name] = p.Value.EnumerateArray().Select(v => v.GetString()).OfType<string>().ToList();
        }
        return (new UserInfo(name, String(user, "uid"), groups, extra), null);
    }

    public static byte[] SubjectAccessReview(RequestAttributes a) => Write(w =>
    {
        w.WriteString("apiVersion", "authorization.k8s.io/v1");
        w.WriteString("kind", "SubjectAccessReview");
        w.WriteStartObject("spec");
        if (a.IsResourceRequest)
        {
            w.WriteStartObject("resourceAttributes");
            if (a.Namespace.Length > 0) w.WriteString("namespace", a.Namespace);
            w.WriteString("verb", a.Verb);
            w.WriteString("group", a.ApiGroup);
            w.WriteString("version", a.ApiVersion);
            w.WriteString("resource", a.Resource);
            if (a.Subresource.Length > 0) w.WriteString("subresource", a.Subresource);
            if (a.Name.Length > 0) w.WriteString("name", a.Name);
            w.WriteEndObject();
        }
        else
        {
            w.WriteStartObject("nonResourceAttributes");
            w.WriteString("path", a.Path);
            w.WriteString("verb", a.Verb);
            w.WriteEndObject();
        }
        w.WriteString("user", a.User.Name);
        w.WriteStartArray("groups");
        foreach (var g in a.User.Groups) w.WriteStringValue(g);
        w.WriteEndArray();
        if (a.User.Extra.Count > 0)
        {
            w.WriteStartObject("extra");
            foreach (var (k, values) in a.User.Extra.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                w.WriteStartArray(k);
                foreach (var v in values) w.WriteStringValue(v);
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        if (a.User.Uid is { Length: > 0 } uid) w.WriteString("uid", uid);
        w.WriteEndObject();
    });

    /// <summary>Whether the review allowed the request, and its reason (or evaluation error) for the 403 message.</summary>
    public static (bool Allowed, string Reason) ReadSubjectAccessReview(byte[] body)
    {
        using var doc = JsonDocument.Parse(body);
        if (!doc.RootElement.TryGetProperty("status", out var status) || status.ValueKind != JsonValueKind.Object)
            return (false, "");
        var allowed = status.TryGetProperty("allowed", out var a) && a.ValueKind == JsonValueKind.True
            && !(status.TryGetProperty("denied", out var d) && d.ValueKind == JsonValueKind.True);
        var reason = String(status, "reason") is { Length: > 0 } r ? r : String(status, "evaluationError") ?? "";
        return (allowed, reason);
    }

    /// <summary>The message of a Status answer (a webhook's own failure), or the raw body when it is not one.</summary>
    public static string ErrorText(int code, byte[] body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && String(doc.RootElement, "message") is { Length: > 0 } m) return $"{code}: {m}";
        }
        catch (JsonException)
        {
        }
        var text = System.Text.Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 200));
        return $"{code}: {text}";
    }

    private static string? String(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
