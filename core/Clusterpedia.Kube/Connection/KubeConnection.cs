using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s;

namespace Clusterpedia.Kube.Connection;

/// <summary>
/// The server URL and an authenticated HTTP handler for one cluster, from a PediaCluster's credentials, a kubeconfig
/// file or the pod's service account. KubernetesClient.Aot is used only here and in <see cref="KubeconfigLoader"/>, for
/// kubeconfig parsing and credentials (token, client certificate, exec plugins); requests are our own.
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

    /// <summary>
    /// A PediaCluster's credentials. Without a token or client certificate requests carry no Authorization header, as
    /// client-go's do (a plain-HTTP or proxy-authenticated API server).
    /// </summary>
    /// <exception cref="KubeConfigException">"invalid cluster config: …" (upstream's condition message) naming what is wrong.</exception>
    public static KubeConnection Create(KubeCredentials credentials)
    {
        try
        {
            return Build(credentials, fileName: null);
        }
        catch (KubeConfigException e)
        {
            throw new KubeConfigException($"invalid cluster config: {e.Message}", e.InnerException);
        }
    }

    /// <summary>A kubeconfig file (<c>--kubeconfig</c>); paths in it are relative to its folder, as in client-go.</summary>
    /// <exception cref="KubeConfigException">Names what is wrong; the caller names the flag and the file.</exception>
    public static KubeConnection FromKubeconfigFile(string path, string? context = null)
    {
        byte[] kubeconfig;
        try
        {
            kubeconfig = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KubeConfigException($"cannot be read: {e.Message}", e);
        }
        return Build(new KubeCredentials { Kubeconfig = kubeconfig, Context = context }, Path.GetFullPath(path));
    }

    /// <summary>The pod's service account (client-go's <c>rest.InClusterConfig</c>); its token is re-read as the kubelet rotates it.</summary>
    /// <exception cref="KubeConfigException">When the service account's files or the service environment variables are missing.</exception>
    public static KubeConnection InCluster()
    {
        KubernetesClientConfiguration config;
        try
        {
            config = KubernetesClientConfiguration.InClusterConfig();
        }
        catch (Exception e)
        {
            throw new KubeConfigException(e.Message, e);
        }
        return FromConfiguration(config, "in-cluster");
    }

    /// <summary>Whether this process runs in a pod: <c>KUBERNETES_SERVICE_HOST</c>/<c>_PORT</c> are set and the service account's token and CA exist.</summary>
    public static bool IsInCluster => KubernetesClientConfiguration.IsInCluster();

    private static KubeConnection Build(KubeCredentials credentials, string? fileName)
    {
        var identity = Identify(credentials);
        KubernetesClientConfiguration config;
        try
        {
            config = ToConfiguration(credentials, fileName);
        }
        catch (KubeConfigException)
        {
            throw;
        }
        catch (Exception e)
        {
            // What the library still throws for itself: an exec plugin that fails, a server URL it cannot parse.
            throw new KubeConfigException(e.Message, e);
        }
        return FromConfiguration(config, identity);
    }

    private static KubernetesClientConfiguration ToConfiguration(KubeCredentials c, string? fileName)
    {
        if (c.Kubeconfig is { Length: > 0 } kubeconfig)
        {
            var config = KubeconfigLoader.Load(kubeconfig, c.Context, fileName);
            if (c.Insecure) config.SkipTlsVerify = true;
            return config;
        }
        if (string.IsNullOrWhiteSpace(c.Server)) throw new KubeConfigException("apiserver is required without a kubeconfig");
        if (!Uri.TryCreate(c.Server, UriKind.Absolute, out var server) || server.Scheme is not ("https" or "http"))
            throw new KubeConfigException($"apiserver '{c.Server}' is not an http(s) URL");
        var result = new KubernetesClientConfiguration { Host = c.Server };
        if (c.Token is { Length: > 0 } token) result.AccessToken = Encoding.UTF8.GetString(token).Trim();
        else if (c.CertData is { Length: > 0 } && c.KeyData is { Length: > 0 })
        {
            result.ClientCertificateData = Convert.ToBase64String(c.CertData);
            result.ClientCertificateKeyData = Convert.ToBase64String(c.KeyData);
        }
        else if (c.CertData is { Length: > 0 } || c.KeyData is { Length: > 0 })
            throw new KubeConfigException(c.CertData is { Length: > 0 } ? "certData needs keyData" : "keyData needs certData");
        if (c.CaData is { Length: > 0 } ca && !c.Insecure) result.SslCaCerts = CaBundle.Parse(ca, "caData");
        else result.SkipTlsVerify = true;
        return result;
    }

    private static KubeConnection FromConfiguration(KubernetesClientConfiguration config, string identity)
    {
        if (string.IsNullOrEmpty(config.Host)) throw new KubeConfigException("the kubeconfig names no server");
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
                throw new KubeConfigException($"client certificate: {e.Message}", e);
            }
        }
        var auth = new AuthenticationHandler(config) { InnerHandler = handler };
        return new KubeConnection(new Uri(config.Host.TrimEnd('/') + "/"), auth, identity);
    }

    private static X509Certificate2 LoadClientCertificate(KubernetesClientConfiguration config)
    {
        var cert = config.ClientCertificateData is { Length: > 0 } certData
            ? Encoding.UTF8.GetString(Convert.FromBase64String(certData))
            : File.ReadAllText(config.ClientCertificateFilePath!);
        var key = config.ClientCertificateKeyData is { Length: > 0 } keyData
            ? Encoding.UTF8.GetString(Convert.FromBase64String(keyData))
            : File.ReadAllText(config.ClientKeyFilePath ?? throw new KubeConfigException("client certificate without a key"));
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
        // As Go's verifier: the chain is what the server sent plus the roots, never fetched intermediates.
        chain.ChainPolicy.DisableCertificateDownloads = true;
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
