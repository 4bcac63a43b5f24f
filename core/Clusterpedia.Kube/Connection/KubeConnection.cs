using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s;

namespace Clusterpedia.Kube.Connection;

/// <summary>
/// The server URL and an authenticated HTTP handler for one cluster. KubernetesClient.Aot is used only here, for
/// kubeconfig parsing and credentials (token, client certificate, CA, exec plugins); requests are our own.
/// </summary>
public sealed class KubeConnection : IDisposable
{
    private KubeConnection(Uri server, HttpMessageHandler handler, string identity)
    {
        Server = server;
        Handler = handler;
        Identity = identity;
    }

    public Uri Server { get; }

    /// <summary>Authenticates every request; shared by every HttpClient made from this connection.</summary>
    public HttpMessageHandler Handler { get; }

    /// <summary>A digest of what the connection was built from, to tell whether credentials changed.</summary>
    public string Identity { get; }

    public HttpClient CreateHttpClient() => new(Handler, disposeHandler: false)
    {
        BaseAddress = Server,
        Timeout = Timeout.InfiniteTimeSpan,
    };

    /// <summary>
    /// This connection's credentials against another server URL (<c>--master</c> overriding the kubeconfig's server). The
    /// result takes over the handler: dispose it instead of this one.
    /// </summary>
    /// <exception cref="KubeConfigException">When <paramref name="server"/> is not an http(s) URL.</exception>
    public KubeConnection WithServer(string server)
    {
        if (!Uri.TryCreate(server, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            throw new KubeConfigException($"invalid cluster config: server '{server}' is not an http(s) URL");
        return new KubeConnection(new Uri(server.TrimEnd('/') + "/"), Handler, $"{Identity}@{server}");
    }

    /// <summary>This connection with every request waiting for <paramref name="limiter"/>. The result takes over the handler.</summary>
    public KubeConnection WithRateLimit(RequestRateLimiter limiter) =>
        new(Server, new RateLimitingHandler(limiter) { InnerHandler = Handler }, Identity);

    /// <exception cref="KubeConfigException">When the credentials are incomplete or malformed.</exception>
    public static KubeConnection Create(KubeCredentials credentials)
    {
        var identity = Identify(credentials);
        KubernetesClientConfiguration config;
        try
        {
            config = ToConfiguration(credentials);
        }
        catch (KubeConfigException)
        {
            throw;
        }
        catch (Exception e)
        {
            throw new KubeConfigException($"invalid cluster config: {e.Message}", e);
        }
        return FromConfiguration(config, identity);
    }

    public static KubeConnection FromKubeconfigFile(string path, string? context = null) =>
        Create(new KubeCredentials { Kubeconfig = File.ReadAllBytes(path), Context = context });

    private static KubernetesClientConfiguration ToConfiguration(KubeCredentials c)
    {
        if (c.Kubeconfig is { Length: > 0 } kubeconfig)
        {
            using var stream = new MemoryStream(kubeconfig);
            var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(stream, c.Context);
            if (c.Insecure) config.SkipTlsVerify = true;
            return config;
        }
        if (string.IsNullOrWhiteSpace(c.Server)) throw new KubeConfigException("invalid cluster config: apiserver is required without a kubeconfig");
        if (!Uri.TryCreate(c.Server, UriKind.Absolute, out var server) || server.Scheme is not ("https" or "http"))
            throw new KubeConfigException($"invalid cluster config: apiserver '{c.Server}' is not an http(s) URL");
        var result = new KubernetesClientConfiguration { Host = c.Server };
        if (c.Token is { Length: > 0 } token) result.AccessToken = Encoding.UTF8.GetString(token).Trim();
        else if (c.CertData is { Length: > 0 } && c.KeyData is { Length: > 0 })
        {
            result.ClientCertificateData = Convert.ToBase64String(c.CertData);
            result.ClientCertificateKeyData = Convert.ToBase64String(c.KeyData);
        }
        else throw new KubeConfigException("invalid cluster config: tokenData or certData and keyData are required");
        if (c.CaData is { Length: > 0 } ca && !c.Insecure) result.SslCaCerts = LoadCertificates(ca);
        else result.SkipTlsVerify = true;
        return result;
    }

    private static KubeConnection FromConfiguration(KubernetesClientConfiguration config, string identity)
    {
        if (string.IsNullOrEmpty(config.Host)) throw new KubeConfigException("invalid cluster config: the kubeconfig names no server");
        var handler = new SocketsHttpHandler
        {
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        if (config.SkipTlsVerify)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }
        else if (config.SslCaCerts is { Count: > 0 } roots)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, cert, _, errors) => ValidateWithRoots(cert, errors, roots);
        }
        if (!string.IsNullOrEmpty(config.TlsServerName)) handler.SslOptions.TargetHost = config.TlsServerName;
        if (!string.IsNullOrEmpty(config.ClientCertificateData) || !string.IsNullOrEmpty(config.ClientCertificateFilePath))
        {
            try
            {
                handler.SslOptions.ClientCertificates = [LoadClientCertificate(config)];
            }
            catch (Exception e)
            {
                handler.Dispose();
                throw new KubeConfigException($"invalid cluster config: client certificate: {e.Message}", e);
            }
        }
        var auth = new AuthenticationHandler(config) { InnerHandler = handler };
        return new KubeConnection(new Uri(config.Host.TrimEnd('/') + "/"), auth, identity);
    }

    private static X509Certificate2Collection LoadCertificates(byte[] pem)
    {
        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPem(Encoding.UTF8.GetString(pem));
        if (certificates.Count == 0) throw new KubeConfigException("invalid cluster config: caData holds no PEM certificate");
        return certificates;
    }

    private static X509Certificate2 LoadClientCertificate(KubernetesClientConfiguration config)
    {
        var cert = config.ClientCertificateData is { Length: > 0 } certData
            ? Encoding.UTF8.GetString(Convert.FromBase64String(certData))
            : File.ReadAllText(config.ClientCertificateFilePath!);
        var key = config.ClientCertificateKeyData is { Length: > 0 } keyData
            ? Encoding.UTF8.GetString(Convert.FromBase64String(keyData))
            : File.ReadAllText(config.ClientKeyFilePath ?? throw new KubeConfigException("invalid cluster config: client certificate without a key"));
        using var pem = X509Certificate2.CreateFromPem(cert, key);
        // SslStream needs a key it can use from a handle; a PKCS#12 round trip gives one on every platform.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }

    private static bool ValidateWithRoots(X509Certificate? cert, SslPolicyErrors errors, X509Certificate2Collection roots)
    {
        if (cert is null) return false;
        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(cert);
        return chain.Build(leaf);
    }

    private static string Identify(KubeCredentials c)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var part in new[] { c.Kubeconfig, Encoding.UTF8.GetBytes(c.Context ?? ""), Encoding.UTF8.GetBytes(c.Server ?? ""), c.Token, c.CaData, c.CertData, c.KeyData, [c.Insecure ? (byte)1 : (byte)0] })
        {
            hash.AppendData(BitConverter.GetBytes(part?.Length ?? -1));
            if (part != null) hash.AppendData(part);
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    public void Dispose() => Handler.Dispose();
}
