using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Clusterpedia.ClusterSimulator;
using Clusterpedia.Kube.Api;
using Clusterpedia.Kube.Connection;

namespace Clusterpedia.Synchro.Tests.Kube;

/// <summary>The credential forms a PediaCluster can carry, each against a simulator that insists on it.</summary>
public sealed class CredentialTests : IAsyncLifetime
{
    private readonly X509Certificate2 _clientCertificate = CreateClientCertificate();
    private ClusterSimulator.ClusterSimulator _cluster = null!;

    public async Task InitializeAsync() => _cluster = await ClusterSimulator.ClusterSimulator.StartAsync(new SimulatorOptions
    {
        RequiredToken = "exec-token",
        ClientCertificateThumbprint = _clientCertificate.Thumbprint,
    });

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        _clientCertificate.Dispose();
    }

    private static X509Certificate2 CreateClientCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=clusterpedia-synchro", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pkcs12), null);
    }

    private static async Task<int> StatusOfVersionAsync(KubeCredentials credentials)
    {
        using var client = new KubeClient(KubeConnection.Create(credentials));
        try
        {
            await client.GetVersionAsync(CancellationToken.None);
            return 200;
        }
        catch (KubeApiException e)
        {
            return e.StatusCode;
        }
    }

    [Fact]
    public async Task ClientCertificateAndKeyAuthenticate()
    {
        var certPem = Encoding.UTF8.GetBytes(_clientCertificate.ExportCertificatePem());
        var keyPem = Encoding.UTF8.GetBytes(_clientCertificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        Assert.Equal(200, await StatusOfVersionAsync(new KubeCredentials { Server = _cluster.Url.ToString(), CertData = certPem, KeyData = keyPem }));
        Assert.Equal(401, await StatusOfVersionAsync(new KubeCredentials { Server = _cluster.Url.ToString(), Token = "nope"u8.ToArray() }));
    }

    [Fact]
    public async Task ExecCredentialPluginsInAKubeconfigAuthenticate()
    {
        // KubernetesClient joins exec args with spaces, so the plugin is a script rather than "sh -c '...'".
        var plugin = Path.Combine(Path.GetTempPath(), $"exec-plugin-{Guid.NewGuid():N}.sh");
        File.WriteAllText(plugin, """
            #!/bin/sh
            echo '{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"exec-token"}}'
            """);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(plugin, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var kubeconfig = $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: sim
              cluster:
                server: {_cluster.Url.ToString().TrimEnd('/')}
                insecure-skip-tls-verify: true
            users:
            - name: exec-user
              user:
                exec:
                  apiVersion: client.authentication.k8s.io/v1beta1
                  command: {plugin}
                  interactiveMode: Never
            contexts:
            - name: sim
              context:
                cluster: sim
                user: exec-user
            current-context: sim
            """;
        try
        {
            Assert.Equal(200, await StatusOfVersionAsync(new KubeCredentials { Kubeconfig = Encoding.UTF8.GetBytes(kubeconfig) }));
        }
        finally
        {
            File.Delete(plugin);
        }
    }

    [Fact]
    public async Task KubeconfigClientCertificateDataAuthenticates()
    {
        var cert = Convert.ToBase64String(Encoding.UTF8.GetBytes(_clientCertificate.ExportCertificatePem()));
        var key = Convert.ToBase64String(Encoding.UTF8.GetBytes(_clientCertificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem()));
        var ca = Convert.ToBase64String(Encoding.UTF8.GetBytes(_cluster.Certificate.ExportCertificatePem()));
        var kubeconfig = $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: sim
              cluster:
                server: {_cluster.Url.ToString().TrimEnd('/')}
                certificate-authority-data: {ca}
            users:
            - name: cert-user
              user:
                client-certificate-data: {cert}
                client-key-data: {key}
            contexts:
            - name: sim
              context:
                cluster: sim
                user: cert-user
            current-context: sim
            """;
        Assert.Equal(200, await StatusOfVersionAsync(new KubeCredentials { Kubeconfig = Encoding.UTF8.GetBytes(kubeconfig) }));
    }
}
