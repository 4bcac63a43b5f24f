using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Clusterpedia.ApiServer.Security.Tests.Infrastructure;

/// <summary>A CA made in the test, issuing client and server certificates (ECDSA P-256), all written as PEM files.</summary>
internal sealed class CertificateAuthority
{
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");
    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");
    private readonly ECDsa _key;

    public CertificateAuthority(string directory, string name)
    {
        Directory = directory;
        _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", _key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        Certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(30));
        CertificatePath = Path.Combine(directory, $"{name}.crt");
        File.WriteAllText(CertificatePath, Certificate.ExportCertificatePem());
    }

    public string Directory { get; }
    public X509Certificate2 Certificate { get; }
    public string CertificatePath { get; }

    /// <summary>A client certificate: CN is the user, each organization a group.</summary>
    public IssuedCertificate IssueClient(string commonName, params string[] organizations)
    {
        var subject = $"CN={commonName}" + string.Concat(organizations.Select(o => $", O={o}"));
        return Issue(subject, ClientAuth, null, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
    }

    public IssuedCertificate IssueExpiredClient(string commonName) =>
        Issue($"CN={commonName}", ClientAuth, null, DateTimeOffset.UtcNow.AddDays(-10), DateTimeOffset.UtcNow.AddDays(-1));

    /// <summary>A client certificate for servers only (server-auth usage), which a client CA must refuse.</summary>
    public IssuedCertificate IssueWithServerUsage(string commonName) =>
        Issue($"CN={commonName}", ServerAuth, null, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));

    /// <summary>A serving certificate for 127.0.0.1 and localhost.</summary>
    public IssuedCertificate IssueServer(string commonName)
    {
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        return Issue($"CN={commonName}", ServerAuth, san.Build(), DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
    }

    private IssuedCertificate Issue(string subject, Oid usage, X509Extension? san, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([usage], false));
        if (san is not null) request.CertificateExtensions.Add(san);
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        using var issued = request.Create(Certificate, notBefore, notAfter, serial);
        using var withKey = issued.CopyWithPrivateKey(key);
        // SslStream wants a key usable from a handle; a PKCS#12 round trip gives one.
        var certificate = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        var name = subject.Split(',')[0][3..].Replace(':', '_');
        var certPath = Path.Combine(Directory, $"{name}-{Convert.ToHexString(serial[..4])}.crt");
        var keyPath = Path.ChangeExtension(certPath, ".key");
        File.WriteAllText(certPath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return new IssuedCertificate(certificate, certPath, keyPath);
    }
}

internal sealed record IssuedCertificate(X509Certificate2 Certificate, string CertificatePath, string KeyPath);
