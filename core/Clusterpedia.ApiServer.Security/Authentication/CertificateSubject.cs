using System.Security.Cryptography.X509Certificates;

namespace Clusterpedia.ApiServer.Security.Authentication;

/// <summary>The common name and organizations of a certificate subject, which Kubernetes reads as user and groups.</summary>
internal static class CertificateSubject
{
    private const string CommonNameOid = "2.5.4.3";
    private const string OrganizationOid = "2.5.4.10";

    public static string? CommonName(X509Certificate2 certificate) => Values(certificate, CommonNameOid).LastOrDefault();

    public static IReadOnlyList<string> Organizations(X509Certificate2 certificate) => Values(certificate, OrganizationOid).ToList();

    private static IEnumerable<string> Values(X509Certificate2 certificate, string oid)
    {
        foreach (var rdn in certificate.SubjectName.EnumerateRelativeDistinguishedNames())
        {
            if (rdn.HasMultipleElements) continue;
            if (rdn.GetSingleElementType().Value == oid && rdn.GetSingleElementValue() is { Length: > 0 } value) yield return value;
        }
    }
}
