using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Clusterpedia.ApiServer.Security.Authentication;

/// <summary>
/// A CA bundle (<c>--client-ca-file</c> or <c>--requestheader-client-ca-file</c>) that verifies client certificates:
/// chain building to one of its certificates only (not the system store), client-auth usage, no revocation check,
/// no downloads. Results are cached per certificate for a minute, since every request of a connection asks again.
/// </summary>
public sealed class CertificateBundle
{
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");
    private static readonly TimeSpan CacheTtl = TimeSpan.FromMinutes(1);
    private const int MaxCached = 4096;

    private readonly X509Certificate2Collection _anchors;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, (string? Error, DateTimeOffset Expires)> _verified = new(StringComparer.Ordinal);

    private CertificateBundle(string source, X509Certificate2Collection anchors, TimeProvider time)
    {
        Source = source;
        _anchors = anchors;
        _time = time;
    }

    /// <summary>Where the bundle came from, for messages.</summary>
    public string Source { get; }

    /// <exception cref="SecurityConfigurationException">The file holds no PEM certificate.</exception>
    public static CertificateBundle Load(string flag, string path, TimeProvider time)
    {
        var anchors = new X509Certificate2Collection();
        try
        {
            anchors.ImportFromPemFile(path);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new SecurityConfigurationException($"--{flag} \"{path}\": cannot read PEM certificates: {e.Message}", e);
        }
        if (anchors.Count == 0) throw new SecurityConfigurationException($"--{flag} \"{path}\" holds no PEM certificate");
        return new CertificateBundle($"--{flag}", anchors, time);
    }

    /// <summary>A bundle given as PEM text (e.g. from the extension-apiserver-authentication ConfigMap).</summary>
    /// <exception cref="SecurityConfigurationException">The text holds no PEM certificate.</exception>
    public static CertificateBundle FromPem(string source, string pem, TimeProvider time)
    {
        var anchors = new X509Certificate2Collection();
        try
        {
            anchors.ImportFromPem(pem);
        }
        catch (CryptographicException e)
        {
            throw new SecurityConfigurationException($"{source}: cannot read PEM certificates: {e.Message}", e);
        }
        if (anchors.Count == 0) throw new SecurityConfigurationException($"{source} holds no PEM certificate");
        return new CertificateBundle(source, anchors, time);
    }

    /// <summary>Null when <paramref name="certificate"/> chains to this bundle and is valid now; else why not.</summary>
    public string? Verify(X509Certificate2 certificate)
    {
        var now = _time.GetUtcNow();
        var key = Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256));
        if (_verified.TryGetValue(key, out var cached) && cached.Expires > now) return cached.Error;

        var error = Build(certificate, now);
        if (_verified.Count >= MaxCached) _verified.Clear();
        _verified[key] = (error, now + CacheTtl);
        return error;
    }

    private string? Build(X509Certificate2 certificate, DateTimeOffset now)
    {
        using var chain = new X509Chain();
        var policy = chain.ChainPolicy;
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        policy.CustomTrustStore.AddRange(_anchors);
        // Intermediates in the bundle may link a leaf to a root of the same bundle.
        policy.ExtraStore.AddRange(_anchors);
        policy.RevocationMode = X509RevocationMode.NoCheck;
        policy.DisableCertificateDownloads = true;
        policy.ApplicationPolicy.Add(ClientAuth);
        policy.VerificationTime = now.UtcDateTime;
        policy.VerificationTimeIgnored = false;
        try
        {
            if (chain.Build(certificate)) return null;
        }
        catch (CryptographicException e)
        {
            return $"x509: {e.Message}";
        }
        var reasons = chain.ChainStatus.Select(s => s.Status switch
        {
            X509ChainStatusFlags.UntrustedRoot or X509ChainStatusFlags.PartialChain => "certificate signed by unknown authority",
            X509ChainStatusFlags.NotTimeValid => "certificate has expired or is not yet valid",
            X509ChainStatusFlags.NotValidForUsage => "certificate specifies an incompatible key usage",
            _ => s.StatusInformation.Trim(),
        }).Distinct();
        return $"x509: {string.Join("; ", reasons)} ({Source})";
    }
}
