namespace Clusterpedia.ApiServer.Security.Tests.Infrastructure;

/// <summary>
/// The certificates of one test: a serving CA (for the API server and the review peer), the client CA
/// (<c>--client-ca-file</c>) and the front-proxy CA (<c>--requestheader-client-ca-file</c>), in a temp directory.
/// </summary>
internal sealed class TestPki : IDisposable
{
    public TestPki()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("clusterpedia-pki-").FullName;
        ServingCa = new CertificateAuthority(Directory, "serving-ca");
        ClientCa = new CertificateAuthority(Directory, "client-ca");
        ProxyCa = new CertificateAuthority(Directory, "front-proxy-ca");
        Server = ServingCa.IssueServer("clusterpedia-apiserver");
        ReviewPeer = ServingCa.IssueServer("kube-apiserver");
    }

    public string Directory { get; }
    public CertificateAuthority ServingCa { get; }
    public CertificateAuthority ClientCa { get; }
    public CertificateAuthority ProxyCa { get; }
    public IssuedCertificate Server { get; }
    public IssuedCertificate ReviewPeer { get; }

    public string File(string name, string text)
    {
        var path = Path.Combine(Directory, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
