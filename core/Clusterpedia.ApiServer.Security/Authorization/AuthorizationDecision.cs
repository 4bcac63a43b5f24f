namespace Clusterpedia.ApiServer.Security.Authorization;

/// <summary>The answer of an authorizer: allowed, or denied with the authorizer's reason (may be empty).</summary>
public readonly record struct AuthorizationDecision(bool Allowed, string Reason)
{
    public static AuthorizationDecision Allow => new(true, "");
}

/// <summary>Decides whether an authenticated user may do what a request asks.</summary>
public interface IRequestAuthorizer
{
    /// <exception cref="AuthorizationUnavailableException">The decision could not be made (the webhook is unreachable).</exception>
    ValueTask<AuthorizationDecision> AuthorizeAsync(RequestAttributes attributes, CancellationToken cancellationToken);
}

/// <summary>Used when no <c>--authorization-kubeconfig</c> is given: every authenticated request is allowed.</summary>
public sealed class AlwaysAllowAuthorizer : IRequestAuthorizer
{
    public ValueTask<AuthorizationDecision> AuthorizeAsync(RequestAttributes attributes, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AuthorizationDecision.Allow);
}

/// <summary>The authorizer could not reach a decision; answered 500 as kube-apiserver does, with the reason in the log.</summary>
public sealed class AuthorizationUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
