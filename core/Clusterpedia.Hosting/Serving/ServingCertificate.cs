using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Clusterpedia.Hosting.Serving;

/// <summary>
/// The HTTPS certificate: the given <c>--tls-cert-file</c>/<c>--tls-private-key-file</c>, else a self-signed one,
/// kept in <c>--cert-dir</c> (as upstream's apiserver.crt/apiserver.key, reused on restart) or only in memory.
/// </summary>
public sealed record ServingCertificate(X509Certificate2 Certificate, X509Certificate2Collection Chain)
{
    public const string CertFileName = "apiserver.crt";
    public const string KeyFileName = "apiserver.key";

    /// <exception cref="HostConfigurationException">The files cannot be read as a PEM certificate and key.</exception>
    public static ServingCertificate Load(ServingOptions options)
    {
        if (options.TlsCertFile is not null && options.TlsPrivateKeyFile is not null)
            return FromFiles(options.TlsCertFile, options.TlsPrivateKeyFile, "--tls-cert-file/--tls-private-key-file");

        if (options.CertDir is null)
        {
            var (certPem, keyPem) = CreateSelfSigned(options.BindAddress);
            return new ServingCertificate(X509Certificate2.CreateFromPem(certPem, keyPem), []);
        }

        var certPath = Path.Combine(options.CertDir, CertFileName);
        var keyPath = Path.Combine(options.CertDir, KeyFileName);
        if (!File.Exists(certPath) || !File.Exists(keyPath))
        {
            var (certPem, keyPem) = CreateSelfSigned(options.BindAddress);
            try
            {
                Directory.CreateDirectory(options.CertDir);
                File.WriteAllText(certPath, certPem);
                File.WriteAllText(keyPath, "");
                if (!OperatingSystem.IsWindows())
                    File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                File.WriteAllText(keyPath, keyPem);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new HostConfigurationException($"--cert-dir \"{options.CertDir}\": cannot write the self-signed certificate: {ex.Message}", ex);
            }
        }
        return FromFiles(certPath, keyPath, "--cert-dir");
    }

    private static ServingCertificate FromFiles(string certPath, string keyPath, string flags)
    {
        try
        {
            var leaf = X509Certificate2.CreateFromPemFile(certPath, keyPath);
            var all = new X509Certificate2Collection();
            all.ImportFromPemFile(certPath);
            // The file lists the leaf first; the rest is the chain Kestrel sends after it.
            var chain = new X509Certificate2Collection();
            for (var i = 1; i < all.Count; i++) chain.Add(all[i]);
            return new ServingCertificate(leaf, chain);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new HostConfigurationException($"{flags}: cannot load certificate \"{certPath}\" with key \"{keyPath}\": {ex.Message}", ex);
        }
    }

    /// <summary>A one-year ECDSA P-256 serving certificate for localhost, the loopback addresses, this host and the bind address.</summary>
    public static (string CertificatePem, string PrivateKeyPem) CreateSelfSigned(IPAddress bindAddress)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var host = Dns.GetHostName();
        var request = new CertificateRequest(
            new X500DistinguishedName($"CN={host}@{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddDnsName(host);
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        if (!bindAddress.Equals(IPAddress.Any) && !bindAddress.Equals(IPAddress.IPv6Any)
            && !IPAddress.IsLoopback(bindAddress))
            names.AddIpAddress(bindAddress);
        request.CertificateExtensions.Add(names.Build());

        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(1));
        return (certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }
}
