using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s;

namespace Clusterpedia.ApiServer.Security.Webhooks;

/// <summary>
/// POSTs review objects (TokenReview, SubjectAccessReview) to the cluster a kubeconfig names. KubernetesClient.Aot
/// only reads the kubeconfig (server, CA, client certificate, token, exec plugin); the requests are our own.
/// </summary>
public sealed class WebhookClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly KubernetesClientConfiguration _config;

    private WebhookClient(HttpClient http, KubernetesClientConfiguration config)
    {
        _http = http;
        _config = config;
    }

    /// <exception cref="SecurityConfigurationException">The kubeconfig cannot be read or names no server.</exception>
    public static WebhookClient FromKubeconfig(string flag, string path, TimeSpan timeout)
    {
        KubernetesClientConfiguration config;
        try
        {
            config = KubernetesClientConfiguration.BuildConfigFromConfigFile(path);
        }
        catch (Exception e)
        {
            throw new SecurityConfigurationException($"--{flag} \"{path}\": {e.Message}", e);
        }
        return FromConfiguration($"--{flag} \"{path}\"", config, timeout);
    }

    /// <summary>The pod's service account, as upstream aggregated servers use when no kubeconfig flag is given.</summary>
    public static WebhookClient InCluster(string flag, TimeSpan timeout)
    {
        KubernetesClientConfiguration config;
        try
        {
            config = KubernetesClientConfiguration.InClusterConfig();
        }
        catch (Exception e)
        {
            throw new SecurityConfigurationException($"--{flag} not given and the in-cluster config is unusable: {e.Message}", e);
        }
        return FromConfiguration($"in-cluster config (no --{flag})", config, timeout);
    }

    public static bool IsInCluster => KubernetesClientConfiguration.IsInCluster();

    private static WebhookClient FromConfiguration(string source, KubernetesClientConfiguration config, TimeSpan timeout)
    {

        if (string.IsNullOrEmpty(config.Host) || !Uri.TryCreate(config.Host, UriKind.Absolute, out var server))
            throw new SecurityConfigurationException($"{source}: the current context names no server");

        var handler = new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2), ConnectTimeout = timeout };
        if (config.SkipTlsVerify)
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        else if (config.SslCaCerts is { Count: > 0 } roots)
            handler.SslOptions.RemoteCertificateValidationCallback = (_, cert, _, errors) => TrustedBy(cert, errors, roots);
        if (!string.IsNullOrEmpty(config.TlsServerName)) handler.SslOptions.TargetHost = config.TlsServerName;
        try
        {
            if (ClientCertificate(config) is { } certificate) handler.SslOptions.ClientCertificates = [certificate];
        }
        catch (Exception e)
        {
            handler.Dispose();
            throw new SecurityConfigurationException($"{source}: client certificate: {e.Message}", e);
        }
        var http = new HttpClient(handler) { BaseAddress = new Uri(server.ToString().TrimEnd('/') + "/"), Timeout = timeout };
        return new WebhookClient(http, config);
    }

    public Uri Server => _http.BaseAddress!;

    /// <summary>POSTs a JSON body to an API path (relative to the server) and returns the status code and the body.</summary>
    public Task<(int Code, byte[] Body)> PostAsync(string path, byte[] json, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path, new ByteArrayContent(json) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } }, cancellationToken);

    public Task<(int Code, byte[] Body)> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, null, cancellationToken);

    private async Task<(int Code, byte[] Body)> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/')) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (_config.TokenProvider is { } provider)
            request.Headers.Authorization = await provider.GetAuthenticationHeaderAsync(cancellationToken).ConfigureAwait(false);
        else if (!string.IsNullOrEmpty(_config.AccessToken))
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _config.AccessToken);
        else if (!string.IsNullOrEmpty(_config.Username))
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_config.Username}:{_config.Password}")));
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return ((int)response.StatusCode, body);
    }

    private static X509Certificate2? ClientCertificate(KubernetesClientConfiguration config)
    {
        string? cert = config.ClientCertificateData is { Length: > 0 } data ? Encoding.UTF8.GetString(Convert.FromBase64String(data))
            : config.ClientCertificateFilePath is { Length: > 0 } file ? File.ReadAllText(file) : null;
        if (cert is null) return null;
        var key = config.ClientCertificateKeyData is { Length: > 0 } keyData ? Encoding.UTF8.GetString(Convert.FromBase64String(keyData))
            : config.ClientKeyFilePath is { Length: > 0 } keyFile ? File.ReadAllText(keyFile)
            : throw new SecurityConfigurationException("a client certificate without a key");
        using var pem = X509Certificate2.CreateFromPem(cert, key);
        // SslStream wants a key it can use from a handle; a PKCS#12 round trip gives one on every platform.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }

    private static bool TrustedBy(X509Certificate? cert, SslPolicyErrors errors, X509Certificate2Collection roots)
    {
        if (cert is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        using var leaf = new X509Certificate2(cert);
        return chain.Build(leaf);
    }

    public void Dispose() => _http.Dispose();
}
