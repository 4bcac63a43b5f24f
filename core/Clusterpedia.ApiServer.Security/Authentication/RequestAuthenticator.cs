using System.Net;
using Microsoft.AspNetCore.Http;

namespace Clusterpedia.ApiServer.Security.Authentication;

/// <summary>
/// kube-apiserver's authentication chain: front proxy, x509 client certificate, bearer token, in that order; the first
/// that authenticates wins. When none does, a rejected credential means 401; with no credential at all the request is
/// <c>system:anonymous</c> if anonymous access allows it, else 401.
/// </summary>
public sealed class RequestAuthenticator(IReadOnlyList<IRequestAuthenticator> chain, SecurityOptions options)
{
    /// <summary>The user, or null with the reasons the request was not authenticated (for the log) and whether a webhook failed.</summary>
    public async ValueTask<(UserInfo? User, IReadOnlyList<string> Errors, bool BackendFailed)> AuthenticateAsync(HttpContext context, CancellationToken cancellationToken)
    {
        List<string>? errors = null;
        UserInfo? user = null;
        var backendFailed = false;
        foreach (var authenticator in chain)
        {
            var result = await authenticator.AuthenticateAsync(context, cancellationToken).ConfigureAwait(false);
            if (result.User is not null)
            {
                user = result.User.WithAuthenticatedGroup();
                break;
            }
            if (result.Error is not null) (errors ??= []).Add(result.Error);
            backendFailed |= result.BackendFailed;
        }
        // Identity headers are read only through the front-proxy authenticator; nothing later may see them.
        FrontProxyAuthenticator.StripHeaders(context.Request, options);
        if (user is not null)
        {
            // As kube does: the credential is not for the handlers' eyes.
            context.Request.Headers.Authorization = default;
            return (user, [], false);
        }
        if (errors is not null) return (null, errors, backendFailed);
        return AnonymousAllowed(context.Connection.RemoteIpAddress) ? (UserInfo.AnonymousUser, [], false) : (null, ["no credentials"], false);
    }

    private bool AnonymousAllowed(IPAddress? remote) => options.AllowAnonymous switch
    {
        AnonymousAccess.Enabled => true,
        AnonymousAccess.LoopbackOnly => remote is not null && IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote),
        _ => false,
    };
}
