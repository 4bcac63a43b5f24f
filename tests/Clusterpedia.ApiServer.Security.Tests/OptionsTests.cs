using Clusterpedia.ApiServer.Security.Tests.Infrastructure;

namespace Clusterpedia.ApiServer.Security.Tests;

/// <summary>Bad security flags fail the start with a message naming the flag.</summary>
public sealed class OptionsTests : IDisposable
{
    private readonly TestPki _pki = new();

    [Theory]
    [InlineData("client-ca-file")]
    [InlineData("requestheader-client-ca-file")]
    [InlineData("authentication-kubeconfig")]
    [InlineData("authorization-kubeconfig")]
    public async Task Missing_file_names_the_flag(string flag)
    {
        var missing = Path.Combine(_pki.Directory, "missing");
        var options = flag switch
        {
            "client-ca-file" => new SecurityOptions { ClientCaFile = missing },
            "requestheader-client-ca-file" => new SecurityOptions { RequestHeaderClientCaFile = missing },
            "authentication-kubeconfig" => new SecurityOptions { AuthenticationKubeconfig = missing },
            _ => new SecurityOptions { AuthorizationKubeconfig = missing },
        };
        var e = await Assert.ThrowsAsync<SecurityConfigurationException>(() => ClusterpediaSecurity.CreateAsync(options));
        Assert.Equal($"--{flag} \"{missing}\" does not exist", e.Message);
    }

    [Fact]
    public async Task CA_file_without_certificates_names_the_flag()
    {
        var empty = _pki.File("empty.crt", "not a certificate");
        var e = await Assert.ThrowsAsync<SecurityConfigurationException>(() => ClusterpediaSecurity.CreateAsync(new SecurityOptions { ClientCaFile = empty }));
        Assert.Contains("--client-ca-file", e.Message);
        Assert.Contains("no PEM certificate", e.Message);
    }

    [Fact]
    public async Task Kubeconfig_that_does_not_parse_names_the_flag()
    {
        var bad = _pki.File("bad.kubeconfig", "apiVersion: v1\nkind: Config\nclusters: 12\n");
        var e = await Assert.ThrowsAsync<SecurityConfigurationException>(() => ClusterpediaSecurity.CreateAsync(new SecurityOptions { AuthorizationKubeconfig = bad }));
        Assert.StartsWith("--authorization-kubeconfig", e.Message);
    }

    [Fact]
    public void Other_bad_values_are_named()
    {
        var problems = new SecurityOptions
        {
            AuthorizationAlwaysAllowPaths = ["/a*b"],
            RequestHeaderAllowedNames = ["proxy"],
            RequestHeaderGroupHeaders = ["Bad Header"],
            TokenReviewCacheTtl = TimeSpan.FromSeconds(-1),
        }.Validate();
        Assert.Contains("--authorization-always-allow-paths: only a trailing * is allowed in \"/a*b\"", problems);
        Assert.Contains("--requestheader-allowed-names needs --requestheader-client-ca-file", problems);
        Assert.Contains("--requestheader-*: \"Bad Header\" is not a valid HTTP header name", problems);
        Assert.Contains(problems, p => p.StartsWith("--authentication-token-webhook-cache-ttl must not be negative", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Warnings_say_when_access_is_open()
    {
        using var open = await ClusterpediaSecurity.CreateAsync(new SecurityOptions { AllowAnonymous = AnonymousAccess.LoopbackOnly });
        Assert.Contains(open.Warnings, w => w.Contains("loopback", StringComparison.Ordinal));
        Assert.Contains(open.Warnings, w => w.Contains("--authorization-kubeconfig", StringComparison.Ordinal));
        Assert.False(open.RequestsClientCertificates);
    }

    public void Dispose() => _pki.Dispose();
}
