using Microsoft.AspNetCore.Http;

namespace Clusterpedia.ApiServer.Security.Authentication;

/// <summary>
/// The aggregator's front proxy (<c>--requestheader-*</c>): a client certificate signed by the proxy CA whose CN is
/// allowed vouches for the user named in the request headers. Headers from any other client are never trusted.
/// </summary>
public sealed class FrontProxyAuthenticator(CertificateBundle proxyCa, SecurityOptions options) : IRequestAuthenticator
{
    private readonly HashSet<string> _allowedNames = new(options.RequestHeaderAllowedNames, StringComparer.Ordinal);

    public ValueTask<AuthenticationResult> AuthenticateAsync(HttpContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Authenticate(context));

    private AuthenticationResult Authenticate(HttpContext context)
    {
        if (context.Connection.ClientCertificate is not { } certificate) return AuthenticationResult.None;
        if (proxyCa.Verify(certificate) is { } error) return AuthenticationResult.Failure(error);
        var cn = CertificateSubject.CommonName(certificate);
        if (_allowedNames.Count > 0 && (cn is null || !_allowedNames.Contains(cn)))
            return AuthenticationResult.Failure($"x509: subject with cn={cn} is not in the allowed list (--requestheader-allowed-names)");

        var headers = context.Request.Headers;
        var user = options.RequestHeaderUsernameHeaders.Select(h => headers[h].FirstOrDefault(v => !string.IsNullOrEmpty(v)))
            .FirstOrDefault(v => v is not null);
        // A trusted proxy that names nobody authenticates nobody; other authenticators may still.
        if (user is null) return AuthenticationResult.None;

        var groups = new List<string>();
        foreach (var h in options.RequestHeaderGroupHeaders)
            groups.AddRange(headers[h].Where(v => !string.IsNullOrEmpty(v))!);

        var extra = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (name, values) in headers)
        {
            foreach (var prefix in options.RequestHeaderExtraHeadersPrefix)
            {
                if (!name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || name.Length == prefix.Length) continue;
                // Keys are lower-cased and percent-decoded, as kube's requestheader authenticator does.
                var key = Uri.UnescapeDataString(name[prefix.Length..].ToLowerInvariant());
                var list = extra.TryGetValue(key, out var existing) ? existing.ToList() : [];
                list.AddRange(values.Where(v => !string.IsNullOrEmpty(v))!);
                extra[key] = list;
            }
        }
        return AuthenticationResult.Success(new UserInfo(user, null, groups, extra));
    }

    /// <summary>Removes every identity header so nothing downstream can read a value that was not vouched for.</summary>
    public static void StripHeaders(HttpRequest request, SecurityOptions options)
    {
        var headers = request.Headers;
        foreach (var h in options.RequestHeaderUsernameHeaders) headers.Remove(h);
        foreach (var h in options.RequestHeaderGroupHeaders) headers.Remove(h);
        if (options.RequestHeaderExtraHeadersPrefix.Count == 0) return;
        var extras = headers.Keys.Where(k => options.RequestHeaderExtraHeadersPrefix.Any(p => k.StartsWith(p, StringComparison.OrdinalIgnoreCase))).ToList();
        foreach (var k in extras) headers.Remove(k);
    }
}
