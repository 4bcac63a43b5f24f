using Clusterpedia.Objects;
using Clusterpedia.Query;
using Clusterpedia.Storage;

namespace Clusterpedia.ApiServer.Http;

/// <summary>The one place where storage and query failures become HTTP Status codes.</summary>
public static class ErrorMapping
{
    /// <summary>Maps a failure of a request about <paramref name="resource"/> (and object <paramref name="name"/>, if any).</summary>
    public static ApiException? ToApiException(Exception exception, GroupResource? resource = null, string? name = null) => exception switch
    {
        ApiException api => api,
        ListOptionsException query => ApiException.BadRequest(query.Message),
        StorageException storage => FromStorage(storage, resource, name),
        _ => null,
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
        _ => ApiException.Internal(e.Message),
    };
}
