namespace Clusterpedia.Kube.Connection;

/// <summary>Waits for <see cref="RequestRateLimiter"/> before each request, as client-go's rate-limited REST client does.</summary>
internal sealed class RateLimitingHandler(RequestRateLimiter limiter) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await limiter.WaitAsync(cancellationToken).ConfigureAwait(false);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
