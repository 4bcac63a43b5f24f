using System.Text.Json.Nodes;
using Clusterpedia.ApiServer.Security.Tests.Infrastructure;

namespace Clusterpedia.ApiServer.Security.Tests;

/// <summary>
/// A deployment made for upstream Clusterpedia gives no CA flags: the CAs and header names come from
/// kube-system/extension-apiserver-authentication in the authentication kubeconfig's cluster.
/// </summary>
public sealed class ConfigMapLookupTests : SecurityTestBase
{
    private SecurityOptions KubeconfigsOnly() => new()
    {
        AuthenticationKubeconfig = Peer.WriteKubeconfig(Pki),
        AuthorizationKubeconfig = Peer.WriteKubeconfig(Pki),
    };

    private void Publish() => Peer.PublishedAuthentication = new JsonObject
    {
        ["client-ca-file"] = File.ReadAllText(Pki.ClientCa.CertificatePath),
        ["requestheader-client-ca-file"] = File.ReadAllText(Pki.ProxyCa.CertificatePath),
        ["requestheader-allowed-names"] = """["front-proxy-client"]""",
        ["requestheader-username-headers"] = """["X-Remote-User"]""",
        ["requestheader-group-headers"] = """["X-Remote-Group"]""",
        ["requestheader-extra-headers-prefix"] = """["X-Remote-Extra-"]""",
    };

    [Fact]
    public async Task Client_and_front_proxy_CAs_come_from_the_ConfigMap()
    {
        Publish();
        var server = await StartAsync(KubeconfigsOnly());

        var alice = Pki.ClientCa.IssueClient("alice");
        Assert.Equal("alice", (string?)(await Track(server.Client(alice.Certificate)).GetJsonAsync("whoami")).AssertOk()["user"]);

        var proxy = Pki.ProxyCa.IssueClient("front-proxy-client");
        var me = (await RawHttps.GetAsync(server.Address, proxy.Certificate, "whoami", ("X-Remote-User", "carol"), ("X-Remote-Group", "sre"))).AssertOk();
        Assert.Equal("carol", (string?)me["user"]);
        Assert.Equal(["sre", "system:authenticated"], me["groups"].Strings());

        var rogue = Pki.ProxyCa.IssueClient("rogue-proxy");
        (await RawHttps.GetAsync(server.Address, rogue.Certificate, "whoami", ("X-Remote-User", "carol"))).AssertStatus(401, "Unauthorized");
    }

    [Fact]
    public async Task Flags_win_over_the_ConfigMap()
    {
        Publish();
        var other = new CertificateAuthority(Pki.Directory, "other-client-ca");
        var server = await StartAsync(KubeconfigsOnly() with { ClientCaFile = other.CertificatePath });
        var fromFlag = other.IssueClient("dave");
        Assert.Equal("dave", (string?)(await Track(server.Client(fromFlag.Certificate)).GetJsonAsync("whoami")).AssertOk()["user"]);
        var fromConfigMap = Pki.ClientCa.IssueClient("alice");
        (await Track(server.Client(fromConfigMap.Certificate)).GetJsonAsync("whoami")).AssertStatus(401, "Unauthorized");
    }

    [Fact]
    public async Task Skip_lookup_leaves_certificates_unverifiable()
    {
        Publish();
        var server = await StartAsync(KubeconfigsOnly() with { AuthenticationSkipLookup = true });
        var alice = Pki.ClientCa.IssueClient("alice");
        // No CA: the certificate is no credential; the token still is.
        (await Track(server.Client(alice.Certificate)).GetJsonAsync("whoami")).AssertStatus(401, "Unauthorized");
        (await Track(server.Client(token: "alice-token")).GetJsonAsync("whoami")).AssertOk();
    }

    [Fact]
    public async Task Missing_ConfigMap_is_tolerated_with_a_warning()
    {
        using var security = await ClusterpediaSecurity.CreateAsync(KubeconfigsOnly());
        Assert.Contains(security.Warnings, w => w.StartsWith("no kube-system/extension-apiserver-authentication ConfigMap", StringComparison.Ordinal));
        Assert.False(security.RequestsClientCertificates);
    }

    [Fact]
    public async Task Unreadable_ConfigMap_fails_the_start_unless_tolerated()
    {
        Publish();
        var refused = KubeconfigsOnly() with { AuthenticationKubeconfig = Peer.WriteKubeconfig(Pki, token: "wrong") };
        var e = await Assert.ThrowsAsync<SecurityConfigurationException>(() => ClusterpediaSecurity.CreateAsync(refused));
        Assert.StartsWith("cannot read configmap kube-system/extension-apiserver-authentication from https://127.0.0.1:", e.Message);

        using var tolerated = await ClusterpediaSecurity.CreateAsync(refused with { AuthenticationTolerateLookupFailure = true });
        Assert.Contains(tolerated.Warnings, w => w.EndsWith("; continuing without it", StringComparison.Ordinal));
    }
}
