using Clusterpedia.Objects;

namespace Clusterpedia.ApiServer.Http;

/// <summary>
/// A request failure answered with a Kubernetes <c>Status</c>. Messages and reasons are spelled as
/// k8s.io/apimachinery's <c>errors</c> package spells them, because clients and users match on them.
/// </summary>
public sealed class ApiException(int code, string reason, string message, StatusDetails? details = null, Exception? cause = null)
    : Exception(message, cause)
{
    public int Code { get; } = code;
    public string Reason { get; } = reason;
    public StatusDetails? Details { get; } = details;

    public const string ResourceNotFoundMessage = "the server could not find the requested resource";

    public static ApiException BadRequest(string message) => new(400, "BadRequest", message);

    /// <summary>The delegate 404 of an unknown path, group, version or unsynced resource.</summary>
    public static ApiException ResourceNotFound() => new(404, "NotFound", ResourceNotFoundMessage, new StatusDetails());

    public static ApiException NotFound(GroupResource resource, string name) =>
        new(404, "NotFound", $"{resource} \"{name}\" not found", new StatusDetails(name, resource.Group, resource.Resource));

    public static ApiException AlreadyExists(GroupResource resource, string name) =>
        new(409, "AlreadyExists", $"{resource} \"{name}\" already exists", new StatusDetails(name, resource.Group, resource.Resource));

    public static ApiException MethodNotSupported(GroupResource resource, string verb) =>
        new(405, "MethodNotAllowed", $"{verb} is not supported on resources of kind \"{resource}\"",
            new StatusDetails(null, resource.Group, resource.Resource));

    public static ApiException Expired(string message) => new(410, "Expired", message);

    public static ApiException NotAcceptable(string message) => new(406, "NotAcceptable", message);

    public static ApiException Internal(string message) => new(500, "InternalError", $"Internal error occurred: {message}");

    public const string StorageUnavailableMessage = "storage is unavailable";

    /// <summary>How long a client should wait before retrying a 503 or 504 (the <c>Retry-After</c> header and <c>details.retryAfterSeconds</c>).</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>The storage cannot be reached; what failed is in the server log under <paramref name="correlationId"/>.</summary>
    public static ApiException StorageUnavailable(string correlationId, Exception cause) =>
        new(503, "ServiceUnavailable", StorageUnavailableMessage, new StatusDetails(RetryAfterSeconds: RetryAfterSeconds, CorrelationId: correlationId), cause);

    public static ApiException StorageTimeout(string correlationId, Exception cause) =>
        new(504, "Timeout", "the storage did not answer within its statement timeout; narrow the search or retry",
            new StatusDetails(RetryAfterSeconds: RetryAfterSeconds, CorrelationId: correlationId), cause);

    /// <summary>An unexpected failure: no database text, only the id under which the server log has the details.</summary>
    public static ApiException Unexpected(string correlationId, Exception cause) =>
        new(500, "InternalError", $"Internal error occurred: see the server log, correlation id {correlationId}",
            new StatusDetails(CorrelationId: correlationId), cause);
}

/// <summary>
/// The <c>details</c> of a Status: which object or resource the failure is about, when to retry, and the correlation id
/// of a server-side failure (a <c>causes</c> entry with reason <c>CorrelationID</c>).
/// </summary>
public sealed record StatusDetails(string? Name = null, string? Group = null, string? Kind = null,
    int? RetryAfterSeconds = null, string? CorrelationId = null);
