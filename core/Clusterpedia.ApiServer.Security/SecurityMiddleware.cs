using System.Security.Claims;
using Clusterpedia.ApiServer.Http;
using Clusterpedia.ApiServer.Security.Authentication;
using Clusterpedia.ApiServer.Security.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Clusterpedia.ApiServer.Security;

/// <summary>
/// Authentication then authorization in front of every endpoint, as kube-apiserver's handler chain: 401 Status when no
/// credential authenticates (always-allow paths excepted), 403 Status when the authorizer denies. The user is put on
/// <see cref="HttpContext.User"/> and as a <see cref="UserInfo"/> feature.
/// </summary>
public sealed class SecurityMiddleware(
    RequestDelegate next, RequestAuthenticator authenticator, IRequestAuthorizer authorizer, SecurityOptions options, ILoggerFactory loggers)
{
    private readonly AlwaysAllowPaths _alwaysAllow = new(options.AuthorizationAlwaysAllowPaths);
    private readonly HashSet<string> _alwaysAllowGroups = new(options.AuthorizationAlwaysAllowGroups, StringComparer.Ordinal);
    private readonly ILogger _logger = loggers.CreateLogger("Clusterpedia.ApiServer.Security");

    public async Task InvokeAsync(HttpContext context)
    {
        var (user, errors, backendFailed) = await authenticator.AuthenticateAsync(context, context.RequestAborted).ConfigureAwait(false);
        var attributes = RequestAttributes.From(context.Request, user ?? UserInfo.AnonymousUser);
        var alwaysAllowed = _alwaysAllow.Matches(attributes);
        if (user is null && !alwaysAllowed)
        {
            // Wrong credentials are the client's business; a webhook that cannot be reached is the operator's.
            _logger.Log(backendFailed ? LogLevel.Warning : LogLevel.Debug, "Unauthorized {Method} {Path} from {Remote}: {Errors}",
                context.Request.Method, context.Request.Path, context.Connection.RemoteIpAddress, string.Join("; ", errors));
            await StatusWriter.WriteAsync(context, new ApiException(401, "Unauthorized", "Unauthorized"), OutputFormat.Json).ConfigureAwait(false);
            return;
        }
        user ??= UserInfo.AnonymousUser;

        if (!alwaysAllowed && !user.Groups.Any(_alwaysAllowGroups.Contains))
        {
            AuthorizationDecision decision;
            try
            {
                decision = await authorizer.AuthorizeAsync(attributes, context.RequestAborted).ConfigureAwait(false);
            }
            catch (AuthorizationUnavailableException e)
            {
                _logger.LogError("Cannot authorize {Method} {Path} for {User}: {Error}", context.Request.Method, context.Request.Path, user.Name, e.Message);
                await StatusWriter.WriteAsync(context, ApiException.Internal("the request could not be authorized; see the server log"), OutputFormat.Json)
                    .ConfigureAwait(false);
                return;
            }
            if (!decision.Allowed)
            {
                await StatusWriter.WriteAsync(context, Forbidden.For(attributes, decision.Reason), OutputFormat.Json).ConfigureAwait(false);
                return;
            }
        }

        context.Features.Set(user);
        context.User = ToPrincipal(user);
        await next(context).ConfigureAwait(false);
    }

    private static ClaimsPrincipal ToPrincipal(UserInfo user)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, user.Name) };
        claims.AddRange(user.Groups.Select(g => new Claim(ClaimTypes.Role, g)));
        if (user.Uid is { } uid) claims.Add(new Claim(ClaimTypes.NameIdentifier, uid));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, user.IsAnonymous ? null : "Kubernetes"));
    }
}
