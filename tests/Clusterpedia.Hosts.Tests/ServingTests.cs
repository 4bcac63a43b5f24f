using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace Clusterpedia.Hosts.Tests;

/// <summary>The HTTPS endpoints every host serves, over real TLS with the certificate the host should present.</summary>
[Collection(HostBuildsCollection.Name)]
[Trait("Category", "Slow")]
public sealed class ServingTests(HostBuilds builds)
{
    [Fact]
    public async Task Generated_certificate_is_kept_in_cert_dir_and_health_endpoints_answer_ok()
    {
        var host = await builds.GetAsync("binding-apiserver", "memory");
        var certDir = Path.Combine(builds.OutputRoot, "certs-binding-memory");
        await using var running = RunningHost.Start(host, $"--cert-dir={certDir}");
        using var client = running.CreateClient(Path.Combine(certDir, "apiserver.crt"));

        using var healthz = await running.WaitForHealthzAsync(client);

        Assert.Equal(HttpStatusCode.OK, healthz.StatusCode);
        Assert.Equal("ok", await healthz.Content.ReadAsStringAsync());
        foreach (var path in new[] { "/readyz", "/livez" })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("ok", await response.Content.ReadAsStringAsync());
        }
        Assert.True(File.Exists(Path.Combine(certDir, "apiserver.key")));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(certDir, "apiserver.key")));
    }

    [Fact]
    public async Task Version_endpoint_returns_kubernetes_version_info_with_the_storage_layers()
    {
        var host = await builds.GetAsync("binding-apiserver", "memory,fixture");
        await using var running = RunningHost.Start(host);
        // No --cert-dir: the certificate lives in memory only; it must still be a self-signed serving certificate for 127.0.0.1.
        using var client = running.CreateClient(presented =>
            presented.SubjectName.RawData.AsSpan().SequenceEqual(presented.IssuerName.RawData)
            && presented.MatchesHostname("127.0.0.1"));
        (await running.WaitForHealthzAsync(client)).Dispose();

        using var response = await client.GetAsync("/version");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal("0", root.GetProperty("major").GetString());
        Assert.StartsWith("v0.", root.GetProperty("gitVersion").GetString());
        Assert.Equal("binding-apiserver", root.GetProperty("component").GetString());
        Assert.Equal("1.0", root.GetProperty("contractVersion").GetString());
        Assert.Equal(["fixture", "memory"], root.GetProperty("storageLayers").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Given_tls_files_are_served_instead_of_a_generated_certificate()
    {
        var host = await builds.GetAsync("binding-apiserver", "memory");
        var (certFile, keyFile) = WriteServingCertificate("given");
        await using var running = RunningHost.Start(host, $"--tls-cert-file={certFile}", $"--tls-private-key-file={keyFile}");
        using var client = running.CreateClient(certFile);

        using var healthz = await running.WaitForHealthzAsync(client);

        Assert.Equal("ok", await healthz.Content.ReadAsStringAsync());
        Assert.Equal("CN=given", running.PresentedCertificate?.Subject);
    }

    [Fact]
    public async Task Unreadable_tls_files_are_a_clear_error()
    {
        var host = await builds.GetAsync("binding-apiserver", "memory");
        var certFile = Path.Combine(builds.OutputRoot, "garbage.crt");
        var keyFile = Path.Combine(builds.OutputRoot, "garbage.key");
        await File.WriteAllTextAsync(certFile, "not a certificate");
        await File.WriteAllTextAsync(keyFile, "not a key");

        var result = await ProcessRunner.RunAsync(host, [$"--tls-cert-file={certFile}", $"--tls-private-key-file={keyFile}"], TimeSpan.FromSeconds(60));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"--tls-cert-file/--tls-private-key-file: cannot load certificate \"{certFile}\"", result.StandardError);
    }

    private (string CertFile, string KeyFile) WriteServingCertificate(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var certFile = Path.Combine(builds.OutputRoot, name + ".crt");
        var keyFile = Path.Combine(builds.OutputRoot, name + ".key");
        File.WriteAllText(certFile, certificate.ExportCertificatePem());
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
        return (certFile, keyFile);
    }
}
