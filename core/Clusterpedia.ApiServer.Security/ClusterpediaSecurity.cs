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
    public bool RequestsClientCertificates => Options.ClientCaFile is not null || Options.RequestHeaderClientCaFile is not null;

    /// <exception cref="SecurityConfigurationException">A flag is invalid or names an unusable file; the message names the flag.</exception>
    public static ClusterpediaSecurity Create(SecurityOptions options, TimeProvider? time = null)
    {
        time ??= TimeProvider.System;
        var problems = options.Validate();
        if (problems.Count > 0) throw new SecurityConfigurationException(string.Join("; ", problems));

        var owned = new List<IDisposable>();
        try
        {
            var chain = new List<IRequestAuthenticator>();
            if (options.RequestHeaderClientCaFile is { } proxyCa)
                chain.Add(new FrontProxyAuthenticator(CertificateBundle.Load("requestheader-client-ca-file", proxyCa, time), options));
            if (options.ClientCaFile is { } clientCa)
                chain.Add(new X509Authenticator(CertificateBundle.Load("client-ca-file", clientCa, time)));
            if (options.AuthenticationKubeconfig is { } authn)
            {
                var webhook = WebhookClient.FromKubeconfig("authentication-kubeconfig", authn, options.WebhookTimeout);
                owned.Add(webhook);
                chain.Add(new TokenReviewAuthenticator(webhook, options.TokenReviewCacheTtl, time));
            }

            IRequestAuthorizer authorizer = new AlwaysAllowAuthorizer();
            if (options.AuthorizationKubeconfig is { } authz)
            {
                var webhook = WebhookClient.FromKubeconfig("authorization-kubeconfig", authz, options.WebhookTimeout);
                owned.Add(webhook);
                authorizer = new SubjectAccessReviewAuthorizer(webhook, options.AuthorizedCacheTtl, options.UnauthorizedCacheTtl, time);
            }
            return new ClusterpediaSecurity(options, new RequestAuthenticator(chain, options), authorizer, Warn(options), owned);
        }
        catch
        {
            foreach (var d in owned) d.Dispose();
            throw;
        }
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

    private static List<string> Warn(SecurityOptions o)
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
        if (o.AuthorizationKubeconfig is null)
            warnings.Add("no --authorization-kubeconfig: every authenticated request is allowed (no SubjectAccessReview)");
        return warnings;
    }

    public void Dispose()
    {
        foreach (var d in _owned) d.Dispose();
    }
}
