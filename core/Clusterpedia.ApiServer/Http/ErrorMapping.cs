using Clusterpedia.Objects;
using Clusterpedia.Query;
using Clusterpedia.Storage;

namespace Clusterpedia.ApiServer.Http;

/// <summary>
/// The one place where storage and query failures become HTTP Status codes. Bad input is a 4xx naming the parameter;
/// a storage that cannot be reached is 503 with Retry-After, a statement past its timeout 504, anything else 500. The
/// 5xx bodies carry a correlation id and never the storage's own text (SQLSTATEs, server messages, addresses), which
/// the caller logs under that id.
/// </summary>
public static class ErrorMapping
{
    /// <summary>Maps a failure of a request about <paramref name="resource"/> (and object <paramref name="name"/>, if any).</summary>
    public static ApiException ToApiException(Exception exception, GroupResource? resource = null, string? name = null) => exception switch
    {
        ApiException api => api,
        ListOptionsException query => ApiException.BadRequest(query.Message),
        StorageException storage => FromStorage(storage, resource, name),
        _ => ApiException.Unexpected(NewCorrelationId(), exception),
    };

    private static ApiException FromStorage(StorageException e, GroupResource? resource, string? name) => e.Kind switch
    {
        StorageErrorKind.NotFound when resource is { } gr && name is not null => ApiException.NotFound(gr, name),
        StorageErrorKind.NotFound => new ApiException(404, "NotFound", e.Message),
        StorageErrorKind.AlreadyExists when resource is { } gr && name is not null => ApiException.AlreadyExists(gr, name),
        StorageErrorKind.AlreadyExists => new ApiException(409, "AlreadyExists", e.Message),
        StorageErrorKind.Expired => ApiException.Expired(e.Message),
        StorageErrorKind.NotSupported => new ApiException(405, "MethodNotAllowed", e.Message),
        StorageErrorKind.Invalid => ApiException.BadRequest(e.Message),
        StorageErrorKind.Recoverable => ApiException.StorageUnavailable(NewCorrelationId(), e),
        StorageErrorKind.Timeout => ApiException.StorageTimeout(NewCorrelationId(), e),
        _ => ApiException.Unexpected(NewCorrelationId(), e),
    };

    /// <summary>The correlation id of a server-side failure, or null for a client's.</summary>
    public static string? CorrelationIdOf(ApiException error) => error.Details?.CorrelationId;

    private static string NewCorrelationId() => Guid.NewGuid().ToString("N")[..16];
}
