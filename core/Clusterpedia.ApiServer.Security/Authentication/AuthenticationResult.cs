namespace Clusterpedia.ApiServer.Security.Authentication;

/// <summary>
/// What one authenticator made of a request: a user, a credential it rejected (an error), or nothing it recognised.
/// As in kube's union authenticator, a rejected credential makes the request 401 unless another one authenticates it.
/// </summary>
public readonly record struct AuthenticationResult(UserInfo? User, string? Error, bool BackendFailed = false)
{
    public static AuthenticationResult None => default;
    public static AuthenticationResult Success(UserInfo user) => new(user, null);
    public static AuthenticationResult Failure(string error) => new(null, error);

    /// <summary>The credential could not be checked (the TokenReview webhook failed): still a 401, but worth a warning.</summary>
    public static AuthenticationResult Unavailable(string error) => new(null, error, BackendFailed: true);
}

/// <summary>One way a request can prove who sent it.</summary>
public interface IRequestAuthenticator
{
    ValueTask<AuthenticationResult> AuthenticateAsync(Microsoft.AspNetCore.Http.HttpContext context, CancellationToken cancellationToken);
}
