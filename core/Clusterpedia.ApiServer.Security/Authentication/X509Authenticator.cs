using Microsoft.AspNetCore.Http;

namespace Clusterpedia.ApiServer.Security.Authentication;

/// <summary><c>--client-ca-file</c>: a client certificate signed by the bundle is the user CN in the groups O.</summary>
public sealed class X509Authenticator(CertificateBundle clientCa) : IRequestAuthenticator
{
    public ValueTask<AuthenticationResult> AuthenticateAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (context.Connection.ClientCertificate is not { } certificate) return ValueTask.FromResult(AuthenticationResult.None);
        if (clientCa.Verify(certificate) is { } error) return ValueTask.FromResult(AuthenticationResult.Failure(error));
        if (CertificateSubject.CommonName(certificate) is not { } user)
            return ValueTask.FromResult(AuthenticationResult.Failure("x509: the common name of the client certificate is empty"));
        return ValueTask.FromResult(AuthenticationResult.Success(new UserInfo(user, null, CertificateSubject.Organizations(certificate), UserInfo.NoExtra)));
    }
}
