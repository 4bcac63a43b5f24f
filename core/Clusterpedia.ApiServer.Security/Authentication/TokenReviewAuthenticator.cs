using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Clusterpedia.ApiServer.Security.Webhooks;
using Microsoft.AspNetCore.Http;

namespace Clusterpedia.ApiServer.Security.Authentication;

/// <summary>
/// <c>--authentication-kubeconfig</c>: a bearer token is whoever that cluster's TokenReview says it is. Answers (both
/// ways) are cached for <c>--authentication-token-webhook-cache-ttl</c>; a failed call is not cached and is a 401.
/// </summary>
public sealed class TokenReviewAuthenticator(WebhookClient webhook, TimeSpan cacheTtl, TimeProvider time) : IRequestAuthenticator
{
    private readonly TtlCache<AuthenticationResult> _cache = new(time);

    public async ValueTask<AuthenticationResult> AuthenticateAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticationResult.None;
        var token = header["Bearer ".Length..].Trim();
        if (token.Length == 0) return AuthenticationResult.None;

        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        if (_cache.TryGet(key, out var cached)) return cached;
        AuthenticationResult result;
        try
        {
            var (code, body) = await webhook.PostAsync(ReviewJson.TokenReviewPath, ReviewJson.TokenReview(token), cancellationToken).ConfigureAwait(false);
            if (code is < 200 or > 299)
                return AuthenticationResult.Unavailable($"TokenReview at {webhook.Server} failed: {ReviewJson.ErrorText(code, body)}");
            var (user, error) = ReviewJson.ReadTokenReview(body);
            result = user is not null ? AuthenticationResult.Success(user) : AuthenticationResult.Failure(error!);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return AuthenticationResult.Unavailable($"TokenReview at {webhook.Server} failed: {e.Message}");
        }
        _cache.Set(key, result, cacheTtl);
        return result;
    }
}
