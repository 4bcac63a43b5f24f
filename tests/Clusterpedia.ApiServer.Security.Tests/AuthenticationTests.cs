using Clusterpedia.ApiServer.Security.Tests.Infrastructure;

namespace Clusterpedia.ApiServer.Security.Tests;

/// <summary>Who a request is, over real TLS: x509 client certificates, bearer tokens through TokenReview, 401s.</summary>
public sealed class AuthenticationTests : SecurityTestBase
{
    [Fact]
    public async Task Unauthenticated_request_gets_401_Status()
    {
        var server = await StartAsync(FullOptions());
        var response = await Track(server.Client()).GetJsonAsync(SecuredServer.PodsPath);
        response.AssertStatus(401, "Unauthorized", "Unauthorized");
        Assert.Empty(Peer.AccessReviews);
    }

    [Fact]
    public async Task Client_certificate_signed_by_the_client_CA_is_the_user_CN_in_groups_O()
    {
        var server = await StartAsync(FullOptions());
        var alice = Pki.ClientCa.IssueClient("alice", "developers", "oncall");
        var client = Track(server.Client(alice.Certificate));

        var me = (await client.GetJsonAsync("whoami")).AssertOk();
        Assert.Equal("alice", (string?)me["user"]);
        Assert.Equal(["developers", "oncall", "system:authenticated"], me["groups"].Strings());
        Assert.Equal("alice", (string?)me["principal"]);

        var pods = (await client.GetJsonAsync(SecuredServer.PodsPath)).AssertOk();
        Assert.Equal(2, pods["items"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("unknown-ca")]
    [InlineData("expired")]
    [InlineData("server-usage")]
    public async Task Client_certificate_that_does_not_verify_gets_401(string kind)
    {
        var server = await StartAsync(FullOptions() with { AllowAnonymous = AnonymousAccess.Enabled });
        var stranger = new CertificateAuthority(Pki.Directory, "stranger-ca");
        var certificate = kind switch
        {
            "unknown-ca" => stranger.IssueClient("mallory"),
            "expired" => Pki.ClientCa.IssueExpiredClient("alice"),
            _ => Pki.ClientCa.IssueWithServerUsage("alice"),
        };
        // A presented credential that fails is a 401 even when anonymous access is on, as in kube.
        (await Track(server.Client(certificate.Certificate)).GetJsonAsync("whoami")).AssertStatus(401, "Unauthorized");
    }

    [Fact]
    public async Task Bearer_token_is_checked_with_TokenReview_and_cached()
    {
        var server = await StartAsync(FullOptions());
        var client = Track(server.Client(token: "alice-token"));

        var me = (await client.GetJsonAsync("whoami")).AssertOk();
        Assert.Equal("alice", (string?)me["user"]);
        Assert.Equal(["developers", "system:authenticated"], me["groups"].Strings());
        Assert.Equal(["read"], me["extra"]!["scopes.example.io"].Strings());
        // The credential is not passed on to the handlers.
        Assert.Equal("", (string?)me["authorizationHeader"]);
        (await client.GetJsonAsync(SecuredServer.PodsPath)).AssertOk();

        var review = Assert.Single(Peer.TokenReviews);
        Assert.Equal("authentication.k8s.io/v1", (string?)review["apiVersion"]);
        Assert.Equal("TokenReview", (string?)review["kind"]);
        Assert.Equal("alice-token", (string?)review["spec"]!["token"]);
    }

    [Fact]
    public async Task Rejected_token_gets_401_even_with_anonymous_access()
    {
        var server = await StartAsync(FullOptions() with { AllowAnonymous = AnonymousAccess.Enabled });
        (await Track(server.Client(token: "forged-token")).GetJsonAsync(SecuredServer.PodsPath)).AssertStatus(401, "Unauthorized", "Unauthorized");
        Assert.Single(Peer.TokenReviews);
    }

    [Fact]
    public async Task TokenReview_peer_refusing_our_credentials_gets_401_not_500()
    {
        var options = FullOptions() with { AuthenticationKubeconfig = Peer.WriteKubeconfig(Pki, token: "wrong-reviewer-token") };
        var server = await StartAsync(options);
        (await Track(server.Client(token: "alice-token")).GetJsonAsync(SecuredServer.PodsPath)).AssertStatus(401, "Unauthorized");
    }

    [Fact]
    public async Task Unreachable_TokenReview_peer_gets_401()
    {
        var server = await StartAsync(FullOptions() with { AuthenticationKubeconfig = UnreachableKubeconfig() });
        (await Track(server.Client(token: "alice-token")).GetJsonAsync(SecuredServer.PodsPath)).AssertStatus(401, "Unauthorized");
    }

    [Fact]
    public async Task A_client_certificate_wins_over_a_token()
    {
        var server = await StartAsync(FullOptions());
        var carol = Pki.ClientCa.IssueClient("carol");
        var me = (await Track(server.Client(carol.Certificate, token: "alice-token")).GetJsonAsync("whoami")).AssertOk();
        Assert.Equal("carol", (string?)me["user"]);
        Assert.Empty(Peer.TokenReviews);
    }

    [Fact]
    public async Task Without_TokenReview_a_token_is_no_credential()
    {
        var server = await StartAsync(new SecurityOptions { ClientCaFile = Pki.ClientCa.CertificatePath });
        (await Track(server.Client(token: "alice-token")).GetJsonAsync("whoami")).AssertStatus(401, "Unauthorized");
    }
}
