using Clusterpedia.ApiServer.Security.Tests.Infrastructure;

namespace Clusterpedia.ApiServer.Security.Tests;

/// <summary>
/// The webhook kubeconfigs are read as every other kubeconfig: a user without credentials (<c>user: {}</c>, a reviewer
/// behind an authenticating proxy or on plain HTTP) sends no Authorization header; a broken one fails the start naming it.
/// </summary>
public sealed class WebhookKubeconfigTests : SecurityTestBase
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Webhook_kubeconfigs_whose_user_has_no_credentials_review_tokens_and_access(bool plainHttp)
    {
        await using var open = await ReviewPeer.StartAsync(Pki, requiredToken: null, plainHttp);
        Assert.Equal(plainHttp ? "http" : "https", open.Address.Scheme);
        var server = await StartAsync(FullOptions() with
        {
            AuthenticationKubeconfig = open.WriteKubeconfigWithoutCredentials(Pki),
            AuthorizationKubeconfig = open.WriteKubeconfigWithoutCredentials(Pki),
        });

        var me = (await Track(server.Client(token: "alice-token")).GetJsonAsync("whoami")).AssertOk();
        Assert.Equal("alice", (string?)me["user"]);
        (await Track(server.Client(token: "bob-token")).GetJsonAsync(SecuredServer.PodsPath)).AssertStatus(403, "Forbidden");

        Assert.Equal(2, open.TokenReviews.Count);
        Assert.NotEmpty(open.AccessReviews);
        Assert.All(open.AuthorizationHeaders, header => Assert.Equal("", header));
        Assert.Empty(Peer.TokenReviews);
    }

    [Fact]
    public async Task Webhook_kubeconfig_naming_a_missing_user_fails_the_start_naming_the_flag_the_file_and_the_user()
    {
        var kubeconfig = Pki.File("typo.kubeconfig",
            File.ReadAllText(Peer.WriteKubeconfig(Pki)).Replace("    user: reviewer", "    user: reviewr", StringComparison.Ordinal));
        var e = await Assert.ThrowsAsync<SecurityConfigurationException>(() =>
            ClusterpediaSecurity.CreateAsync(new SecurityOptions { AuthorizationKubeconfig = kubeconfig }));
        Assert.Equal($"--authorization-kubeconfig \"{kubeconfig}\": context \"hub\" names user \"reviewr\", which is not in the kubeconfig's users", e.Message);
    }
}
