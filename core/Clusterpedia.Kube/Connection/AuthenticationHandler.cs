using System.Net.Http.Headers;
using System.Text;
using k8s;

namespace Clusterpedia.Kube.Connection;

/// <summary>Adds the Authorization header from the configuration: an exec/token provider, a static token, or basic auth.</summary>
internal sealed class AuthenticationHandler(KubernetesClientConfiguration config) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (config.TokenProvider is { } provider)
            request.Headers.Authorization = await provider.GetAuthenticationHeaderAsync(cancellationToken).ConfigureAwait(false);
        else if (!string.IsNullOrEmpty(config.AccessToken))
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", config.AccessToken);
        else if (!string.IsNullOrEmpty(config.Username))
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{config.Username}:{config.Password}")));
        if (!string.IsNullOrEmpty(config.UserAgent)) request.Headers.UserAgent.TryParseAdd(config.UserAgent);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
