using Clusterpedia.ApiServer.Security.Authentication;
using Clusterpedia.ApiServer.Security.Authorization;
using Clusterpedia.ApiServer.Security.Webhooks;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Clusterpedia.ApiServer.Security;

/// <summary>
/// The security of one server, built once at start-up from <see cref="SecurityOptions"/>: CA bundles and kubeconfigs
/// are read here, so a bad flag fails the start, not a request.
/// </summary>
public sealed class ClusterpediaSecurity : IDisposable
{
    private readonly List<IDisposable> _owned;

    private ClusterpediaSecurity(SecurityOptions options, RequestAuthenticator authenticator, IRequestAuthorizer authorizer,
        IReadOnlyList<string> warnings, List<IDisposable> owned)
    {
        Options = options;
        Authenticator = authenticator;
        Authorizer = authorizer;
        Warnings = warnings;
        _owned = owned;
    }

    public SecurityOptions Options { get; }
    public RequestAuthenticator Authenticator { get; }
    public IRequestAuthorizer Authorizer { get; }

    /// <summary>Things an operator should know at start-up (open access, no authorization), one line each.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Whether TLS asks clients for a certificate (only when some CA can verify one).</summary>
    public bool RequestsClientCertificates { get; private init; }

    /// <summary>
    /// Reads the CA files and kubeconfigs, and, when a CA flag is missing and a cluster is known, the
    /// <c>kube-system/extension-apiserver-authentication</c> ConfigMap (unless <see cref="SecurityOptions.AuthenticationSkipLookup"/>).
    /// </summary>
    /// <exception cref="SecurityConfigurationException">A flag is invalid or names an unusable file; the message names the flag.</exception>
    public static async Task<ClusterpediaSecurity> CreateAsync(SecurityOptions options, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        time ??= TimeProvider.System;
        var problems = options.Validate();
        if (problems.Count > 0) throw new SecurityConfigurationException(string.Join("; ", problems));

        var owned = new List<IDisposable>();
        var warnings = new List<string>();
        try
        {
            var authnCluster = Cluster("authentication-kubeconfig", options.AuthenticationKubeconfig, options, owned);
            var authzCluster = Cluster("authorization-kubeconfig", options.AuthorizationKubeconfig, options, owned);

            CertificateBundle? proxyCa = options.RequestHeaderClientCaFile is { } proxyFile
                ? CertificateBundle.Load("requestheader-client-ca-file", proxyFile, time) : null;
            CertificateBundle? clientCa = options.ClientCaFile is { } clientFile
                ? CertificateBundle.Load("client-ca-file", clientFile, time) : null;
            var effective = options;
            if (authnCluster is not null && !options.AuthenticationSkipLookup && (proxyCa is null || clientCa is null))
            {
                AuthenticationConfigMap? published = null;
                try
                {
                    published = await AuthenticationConfigMap.ReadAsync(authnCluster, cancellationToken).ConfigureAwait(false);
                }
                catch (SecurityConfigurationException e) when (options.AuthenticationTolerateLookupFailure || options.AuthenticationKubeconfig is null)
                {
                    // The pod's own cluster was inferred, not named by a flag: its ConfigMap is a bonus, not a promise.
                    warnings.Add($"{e.Message}; continuing without it");
                }
                if (published is null) warnings.Add("no kube-system/extension-apiserver-authentication ConfigMap: client certificates are verified only with the CA flags");
                if (published?.ClientCa is { } clientPem && clientCa is null)
                    clientCa = CertificateBundle.FromPem("client-ca-file of kube-system/extension-apiserver-authentication", clientPem, time);
                if (published?.RequestHeaderClientCa is { } proxyPem && proxyCa is null)
                {
                    proxyCa = CertificateBundle.FromPem("requestheader-client-ca-file of kube-system/extension-apiserver-authentication", proxyPem, time);
                    // The proxy's header names travel with its CA.
                    effective = effective with
                    {
                        RequestHeaderAllowedNames = published.RequestHeaderAllowedNames,
                        RequestHeaderUsernameHeaders = published.RequestHeaderUsernameHeaders.Count > 0 ? published.RequestHeaderUsernameHeaders : options.RequestHeaderUsernameHeaders,
                        RequestHeaderGroupHeaders = published.RequestHeaderGroupHeaders,
                        RequestHeaderExtraHeadersPrefix = published.RequestHeaderExtraHeadersPrefix,
                    };
                }
            }

            var chain = new List<IRequestAuthenticator>();
            if (proxyCa is not null) chain.Add(new FrontProxyAuthenticator(proxyCa, effective));
            if (clientCa is not null) chain.Add(new X509Authenticator(clientCa));
            if (authnCluster is not null) chain.Add(new TokenReviewAuthenticator(authnCluster, options.TokenReviewCacheTtl, time));

            IRequestAuthorizer authorizer = authzCluster is not null
                ? new SubjectAccessReviewAuthorizer(authzCluster, options.AuthorizedCacheTtl, options.UnauthorizedCacheTtl, time)
                : new AlwaysAllowAuthorizer();
            warnings.AddRange(Warn(options, authzCluster is not null));
            return new ClusterpediaSecurity(effective, new RequestAuthenticator(chain, effective), authorizer, warnings, owned)
            {
                RequestsClientCertificates = proxyCa is not null || clientCa is not null,
            };
        }
        catch
        {
            foreach (var d in owned) d.Dispose();
            throw;
        }
    }

    // The kubeconfig's cluster, else the pod's own when allowed, else none.
    private static WebhookClient? Cluster(string flag, string? kubeconfig, SecurityOptions options, List<IDisposable> owned)
    {
        WebhookClient? client = kubeconfig is not null ? WebhookClient.FromKubeconfig(flag, kubeconfig, options.WebhookTimeout)
            : options.InClusterFallback ? WebhookClient.InCluster(flag, options.WebhookTimeout)
            : null;
        if (client is not null) owned.Add(client);
        return client;
    }

    /// <summary>
    /// Asks TLS clients for a certificate without requiring one; any certificate passes the handshake and is verified
    /// per request against the bundle of the authenticator reading it (client CA or front-proxy CA), as kube does.
    /// </summary>
    public void ConfigureHttps(HttpsConnectionAdapterOptions https)
    {
        if (!RequestsClientCertificates) return;
        https.ClientCertificateMode = Microsoft.AspNetCore.Server.Kestrel.Https.ClientCertificateMode.AllowCertificate;
        https.ClientCertificateValidation = static (_, _, _) => true;
        https.CheckCertificateRevocation = false;
    }

    private static List<string> Warn(SecurityOptions o, bool authorizes)
    {
        var warnings = new List<string>();
        switch (o.AllowAnonymous)
        {
            case AnonymousAccess.LoopbackOnly:
                warnings.Add("no authentication is configured (--client-ca-file, --requestheader-client-ca-file, --authentication-kubeconfig): " +
                    "requests from loopback addresses are served as system:anonymous, all others get 401; " +
                    "give an authentication flag, or --anonymous-auth=true|false to decide explicitly");
                break;
            case AnonymousAccess.Enabled:
                warnings.Add("--anonymous-auth=true: requests without credentials are served as system:anonymous");
                break;
        }
        if (!authorizes)
            warnings.Add("no --authorization-kubeconfig: every authenticated request is allowed (no SubjectAccessReview)");
        return warnings;
    }

    public void Dispose()
    {
        foreach (var d in _owned) d.Dispose();
    }
}
