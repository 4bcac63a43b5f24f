using System.Text.Json;
using Clusterpedia.ApiServer.Security.Webhooks;

namespace Clusterpedia.ApiServer.Security.Authorization;

/// <summary>
/// <c>--authorization-kubeconfig</c>: asks that cluster's SubjectAccessReview. Allowed answers are cached for
/// <c>--authorization-webhook-cache-authorized-ttl</c>, denied ones for <c>...-unauthorized-ttl</c>.
/// </summary>
public sealed class SubjectAccessReviewAuthorizer(WebhookClient webhook, TimeSpan allowedTtl, TimeSpan deniedTtl, TimeProvider time) : IRequestAuthorizer
{
    private readonly TtlCache<AuthorizationDecision> _cache = new(time);

    public async ValueTask<AuthorizationDecision> AuthorizeAsync(RequestAttributes attributes, CancellationToken cancellationToken)
    {
        var review = ReviewJson.SubjectAccessReview(attributes);
        // The review body is exactly what the decision depends on.
        var key = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(review));
        if (_cache.TryGet(key, out var cached)) return cached;
        AuthorizationDecision decision;
        try
        {
            var (code, body) = await webhook.PostAsync(ReviewJson.SubjectAccessReviewPath, review, cancellationToken).ConfigureAwait(false);
            if (code is < 200 or > 299)
                throw new AuthorizationUnavailableException($"SubjectAccessReview at {webhook.Server} failed: {ReviewJson.ErrorText(code, body)}");
            var (allowed, reason) = ReviewJson.ReadSubjectAccessReview(body);
            decision = new AuthorizationDecision(allowed, reason);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new AuthorizationUnavailableException($"SubjectAccessReview at {webhook.Server} failed: {e.Message}", e);
        }
        _cache.Set(key, decision, decision.Allowed ? allowedTtl : deniedTtl);
        return decision;
    }
}
