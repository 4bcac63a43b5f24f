using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Clusterpedia.Kube.Connection;

/// <summary>The CA certificates a cluster's server is verified against: every certificate of a PEM bundle, as client-go reads them.</summary>
internal static class CaBundle
{
    /// <param name="source">What the bytes are, for the error message (<c>caData</c>, <c>cluster "x": certificate-authority-data</c>).</param>
    /// <exception cref="KubeConfigException">When the bytes hold no certificate.</exception>
    public static X509Certificate2Collection Parse(byte[] data, string source)
    {
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPem(Encoding.UTF8.GetString(data));
        }
        catch (CryptographicException e)
        {
            throw new KubeConfigException($"{source} holds a PEM certificate that does not parse: {e.Message}", e);
        }
        if (certificates.Count == 0) throw new KubeConfigException($"{source} holds no PEM certificate");
        return certificates;
    }
}
