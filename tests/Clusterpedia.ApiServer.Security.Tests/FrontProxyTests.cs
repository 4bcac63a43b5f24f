using Clusterpedia.ApiServer.Security.Tests.Infrastructure;

namespace Clusterpedia.ApiServer.Security.Tests;

/// <summary>The aggregator's front proxy: identity headers count only when a valid, allowed proxy certificate sends them.</summary>
public sealed class FrontProxyTests : SecurityTestBase
{
    private static readonly (string, string)[] CarolHeaders =
    [
        ("X-Remote-User", "carol"),
        ("X-Remote-Group", "platform"),
        ("X-Remote-Group", "sre"),
        ("X-Remote-Extra-Scopes", "search"),
        ("X-Remote-Extra-Acme.com%2Fproject", "blue"),
    ];

    [Fact]
    public async Task Valid_proxy_certificate_is_served_as_the_header_user_and_SAR_sees_that_user()
    {
        var server = await StartAsync(FullOptions());
        var proxy = Pki.ProxyCa.IssueClient("front-proxy-client");

        // Each group on its own header line, as the aggregator sends them.
        var me = (await RawHttps.GetAsync(server.Address, proxy.Certificate, "whoami", CarolHeaders)).AssertOk();
        Assert.Equal("carol", (string?)me["user"]);
        Assert.Equal(["platform", "sre", "system:authenticated"], me["groups"].Strings());
        Assert.Equal(["search"], me["extra"]!["scopes"].Strings());
        Assert.Equal(["blue"], me["extra"]!["acme.com/project"].Strings());
        // Handlers never see identity headers.
        Assert.Equal("", (string?)me["remoteUserHeader"]);

        var pods = (await RawHttps.GetAsync(server.Address, proxy.Certificate, SecuredServer.PodsPath, CarolHeaders)).AssertOk();
        Assert.Equal(2, pods["items"]!.AsArray().Count);
        var review = Peer.AccessReviews.Last()["spec"]!;
        Assert.Equal("carol", (string?)review["user"]);
        Assert.Equal(["platform", "sre", "system:authenticated"], review["groups"].Strings());
        Assert.Equal(["search"], review["extra"]!["scopes"].Strings());
    }

    [Fact]
    public async Task Header_user_without_a_proxy_certificate_is_not_trusted()
    {
        var server = await StartAsync(FullOptions());
        // No certificate: the headers are no credential.
        (await Track(server.Client()).GetJsonAsync("whoami", CarolHeaders)).AssertStatus(401, "Unauthorized");

        // A client certificate of the client CA: served as its own CN; the headers are ignored.
        var alice = Pki.ClientCa.IssueClient("alice");
        var me = (await Track(server.Client(alice.Certificate)).GetJsonAsync("whoami", CarolHeaders)).AssertOk();
        Assert.Equal("alice", (string?)me["user"]);
        Assert.Equal(["system:authenticated"], me["groups"].Strings());
        Assert.Equal("", (string?)me["remoteUserHeader"]);

        // A token user likewise.
        me = (await Track(server.Client(token: "alice-token")).GetJsonAsync("whoami", CarolHeaders)).AssertOk();
        Assert.Equal("alice", (string?)me["user"]);
    }

    [Fact]
    public async Task Proxy_certificate_whose_CN_is_not_allowed_is_rejected()
    {
        var server = await StartAsync(FullOptions() with { AllowAnonymous = AnonymousAccess.Enabled });
        var rogue = Pki.ProxyCa.IssueClient("rogue-proxy");
        (await Track(server.Client(rogue.Certificate)).GetJsonAsync("whoami", CarolHeaders)).AssertStatus(401, "Unauthorized");
    }

    [Fact]
    public async Task Empty_allowed_names_trust_any_CN_the_proxy_CA_signed()
    {
        var server = await StartAsync(FullOptions() with { RequestHeaderAllowedNames = [] });
        var proxy = Pki.ProxyCa.IssueClient("another-proxy");
        var me = (await Track(server.Client(proxy.Certificate)).GetJsonAsync("whoami", CarolHeaders)).AssertOk();
        Assert.Equal("carol", (string?)me["user"]);
    }

    [Fact]
    public async Task Proxy_certificate_from_the_client_CA_is_not_a_proxy()
    {
        var server = await StartAsync(FullOptions());
        var lookalike = Pki.ClientCa.IssueClient("front-proxy-client");
        var me = (await Track(server.Client(lookalike.Certificate)).GetJsonAsync("whoami", CarolHeaders)).AssertOk();
        Assert.Equal("front-proxy-client", (string?)me["user"]);
    }

    [Fact]
    public async Task Custom_header_names()
    {
        var options = FullOptions() with
        {
            RequestHeaderUsernameHeaders = ["X-Forwarded-User", "X-Remote-User"],
            RequestHeaderGroupHeaders = ["X-Forwarded-Groups"],
            RequestHeaderExtraHeadersPrefix = ["X-Forwarded-Extra-"],
        };
        var server = await StartAsync(options);
        var proxy = Pki.ProxyCa.IssueClient("front-proxy-client");
        var me = (await Track(server.Client(proxy.Certificate)).GetJsonAsync("whoami",
            ("X-Remote-User", "second"), ("X-Forwarded-User", "first"), ("X-Forwarded-Groups", "g1"), ("X-Remote-Group", "ignored"),
            ("X-Forwarded-Extra-Team", "a"))).AssertOk();
        Assert.Equal("first", (string?)me["user"]);
        Assert.Equal(["g1", "system:authenticated"], me["groups"].Strings());
        Assert.Equal(["a"], me["extra"]!["team"].Strings());
    }

    [Fact]
    public async Task Trusted_proxy_naming_no_user_falls_through_to_other_credentials()
    {
        var server = await StartAsync(FullOptions());
        var proxy = Pki.ProxyCa.IssueClient("front-proxy-client");
        (await Track(server.Client(proxy.Certificate)).GetJsonAsync("whoami")).AssertStatus(401, "Unauthorized");
        var me = (await Track(server.Client(proxy.Certificate, token: "alice-token")).GetJsonAsync("whoami")).AssertOk();
        Assert.Equal("alice", (string?)me["user"]);
    }
}
