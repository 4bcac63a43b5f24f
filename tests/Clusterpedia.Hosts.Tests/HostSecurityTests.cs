using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace Clusterpedia.Hosts.Tests;

/// <summary>The security flags on the real binding-apiserver: 401 Status without a credential, client certificates, the local default.</summary>
[Collection(HostBuildsCollection.Name)]
[Trait("Category", "Slow")]
public sealed class HostSecurityTests(HostBuilds builds)
{
    [Fact]
    public async Task Client_ca_file_requires_a_certificate_except_on_health_paths()
    {
        var host = await builds.GetAsync("binding-apiserver", "memory");
        var (caFile, ca) = WriteCa("host-client-ca");
        await using var running = RunningHost.Start(host, $"--client-ca-file={caFile}");
        using var anonymous = running.CreateClient(_ => true);
        (await running.WaitForHealthzAsync(anonymous)).Dispose();

        using var denied = await anonymous.GetAsync("/version");
        Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);
        using (var status = JsonDocument.Parse(await denied.Content.ReadAsStringAsync()))
        {
            Assert.Equal("Status", status.RootElement.GetProperty("kind").GetString());
            Assert.Equal("Unauthorized", status.RootElement.GetProperty("reason").GetString());
        }

        using var api = await anonymous.GetAsync("/apis/clusterpedia.io/v1beta1/resources/api");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);

        using var clientCertificate = Issue(ca, "alice");
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        handler.SslOptions.ClientCertificates = [clientCertificate];
        handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate;
        using var alice = new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{running.Port}") };
        using var served = await alice.GetAsync("/version");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        using var discovery = await alice.GetAsync("/apis/clusterpedia.io/v1beta1/resources/api");
        Assert.Equal(HttpStatusCode.OK, discovery.StatusCode);
        Assert.Contains("no --authorization-kubeconfig", running.Output);
    }

    [Fact]
    public async Task Without_authentication_flags_loopback_is_served_anonymously_with_a_warning()
    {
        var host = await builds.GetAsync("binding-apiserver", "memory");
        await using var running = RunningHost.Start(host);
        using var client = running.CreateClient(_ => true);
        (await running.WaitForHealthzAsync(client)).Dispose();
        using var response = await client.GetAsync("/version");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no authentication is configured", running.Output);
    }

    [Fact]
    public async Task Missing_client_ca_file_is_a_clear_error()
    {
        var missing = Path.Combine(builds.OutputRoot, "no-such-ca.crt");
        var result = await ProcessRunner.RunAsync(await builds.GetAsync("binding-apiserver", "memory"), [$"--client-ca-file={missing}"], TimeSpan.FromSeconds(60));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"--client-ca-file \"{missing}\" does not exist", result.StandardError);
    }

    private (string File, X509Certificate2 Ca) WriteCa(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        var ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-2), DateTimeOffset.UtcNow.AddDays(2));
        var file = Path.Combine(builds.OutputRoot, name + ".crt");
        File.WriteAllText(file, ca.ExportCertificatePem());
        return (file, ca);
    }

    private static X509Certificate2 Issue(X509Certificate2 ca, string user)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={user}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        // CreateSelfSigned leaves the CA's key attached, so it can sign.
        using var issued = request.Create(ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1), [1, 2, 3, 4]);
        using var withKey = issued.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }
}
