using System.Net.Http.Headers;
using Clusterpedia.Kube.Connection;

namespace Clusterpedia.ApiServer.Security.Webhooks;

/// <summary>
/// POSTs review objects (TokenReview, SubjectAccessReview) to the cluster a kubeconfig names. The kubeconfig is read
/// by the Kubernetes client layer (<see cref="KubeConnection"/>), as the synchro reads its own: the same CA, client
/// certificate, token, tokenFile and exec handling, and a user without credentials sends no Authorization header.
/// </summary>
public sealed class WebhookClient : IDisposable
{
    private readonly KubeConnection _connection;
    private readonly HttpClient _http;

    private WebhookClient(KubeConnection connection, TimeSpan timeout)
    {
        _connection = connection;
        _http = new HttpClient(connection.Handler, disposeHandler: false) { BaseAddress = connection.Server, Timeout = timeout };
    }

    /// <exception cref="SecurityConfigurationException">The kubeconfig cannot be read or is not usable; the message names the flag.</exception>
    public static WebhookClient FromKubeconfig(string flag, string path, TimeSpan timeout)
    {
        try
        {
            return new WebhookClient(KubeConnection.FromKubeconfigFile(path), timeout);
        }
        catch (KubeConfigException e)
        {
            throw new SecurityConfigurationException($"--{flag} \"{path}\": {e.Message}", e);
        }
    }

    /// <summary>The pod's service account, as upstream aggregated servers use when no kubeconfig flag is given.</summary>
    public static WebhookClient InCluster(string flag, TimeSpan timeout)
    {
        try
        {
            return new WebhookClient(KubeConnection.InCluster(), timeout);
        }
        catch (KubeConfigException e)
        {
            throw new SecurityConfigurationException($"--{flag} not given and the in-cluster config is unusable: {e.Message}", e);
        }
    }

    public static bool IsInCluster => KubeConnection.IsInCluster;

    public Uri Server => _connection.Server;

    /// <summary>POSTs a JSON body to an API path (relative to the server) and returns the status code and the body.</summary>
    public Task<(int Code, byte[] Body)> PostAsync(string path, byte[] json, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path, new ByteArrayContent(json) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } }, cancellationToken);

    public Task<(int Code, byte[] Body)> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, null, cancellationToken);

    private async Task<(int Code, byte[] Body)> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/')) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return ((int)response.StatusCode, body);
    }

    public void Dispose()
    {
        _http.Dispose();
        _connection.Dispose();
    }
}
