using Clusterpedia.Objects;

namespace Clusterpedia.ApiServer.Http;

/// <summary>
/// A request failure answered with a Kubernetes <c>Status</c>. Messages and reasons are spelled as
/// k8s.io/apimachinery's <c>errors</c> package spells them, because clients and users match on them.
/// </summary>
public sealed class ApiException(int code, string reason, string message, StatusDetails? details = null) : Exception(message)
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
}

/// <summary>The <c>details</c> of a Status: which object or resource the failure is about.</summary>
public sealed record StatusDetails(string? Name = null, string? Group = null, string? Kind = null);
