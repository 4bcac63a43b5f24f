using System.Text.Json.Nodes;
using Clusterpedia.ApiServer.Security.Tests.Infrastructure;

namespace Clusterpedia.ApiServer.Security.Tests;

/// <summary>What a user may do: SubjectAccessReview with kube's request attributes, 403 Status, always-allow paths and groups.</summary>
public sealed class AuthorizationTests : SecurityTestBase
{
    [Fact]
    public async Task Denied_user_gets_403_with_kube_message()
    {
        var server = await StartAsync(FullOptions());
        var status = (await Track(server.Client(token: "bob-token")).GetJsonAsync("apis/clusterpedia.io/v1beta1/resources/apis/apps/v1/namespaces/prod/deployments"))
            .AssertStatus(403, "Forbidden",
                "resources.clusterpedia.io \"apis\" is forbidden: User \"bob\" cannot get resource \"resources/apps\" in API group \"clusterpedia.io\" at the cluster scope: bob may not search");
        Assert.Equal("apis", (string?)status["details"]!["name"]);
        Assert.Equal("clusterpedia.io", (string?)status["details"]!["group"]);
        Assert.Equal("resources", (string?)status["details"]!["kind"]);
    }

    [Fact]
    public async Task Denied_non_resource_path_and_collection_list_messages()
    {
        var server = await StartAsync(FullOptions());
        var client = Track(server.Client(token: "bob-token"));
        (await client.GetJsonAsync("whoami")).AssertStatus(403, "Forbidden",
            "forbidden: User \"bob\" cannot get path \"/whoami\": bob may not search");
        (await client.GetJsonAsync("apis/clusterpedia.io/v1beta1/collectionresources")).AssertStatus(403, "Forbidden",
            "collectionresources.clusterpedia.io is forbidden: User \"bob\" cannot list resource \"collectionresources\" in API group \"clusterpedia.io\" at the cluster scope: bob may not search");
    }

    [Fact]
    public async Task SubjectAccessReview_carries_the_attributes_kube_apiserver_would_compute()
    {
        var server = await StartAsync(FullOptions());
        var client = Track(server.Client(token: "alice-token"));
        (await client.GetJsonAsync(SecuredServer.PodsPath)).AssertOk();
        var review = Peer.AccessReviews.Last();
        Assert.Equal("authorization.k8s.io/v1", (string?)review["apiVersion"]);
        Assert.Equal("SubjectAccessReview", (string?)review["kind"]);
        var spec = review["spec"]!;
        Assert.Equal("alice", (string?)spec["user"]);
        Assert.Equal("uid-alice", (string?)spec["uid"]);
        Assert.Equal(["developers", "system:authenticated"], spec["groups"].Strings());
        Assert.Equal(["read"], spec["extra"]!["scopes.example.io"].Strings());
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"verb":"get","group":"clusterpedia.io","version":"v1beta1","resource":"resources","subresource":"v1","name":"api"}"""),
            spec["resourceAttributes"]), spec.ToJsonString());

        (await client.GetJsonAsync("apis/clusterpedia.io/v1beta1/collectionresources")).AssertOk();
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"verb":"list","group":"clusterpedia.io","version":"v1beta1","resource":"collectionresources"}"""),
            Peer.AccessReviews.Last()["spec"]!["resourceAttributes"]));

        (await client.GetJsonAsync("whoami")).AssertOk();
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"path":"/whoami","verb":"get"}"""), Peer.AccessReviews.Last()["spec"]!["nonResourceAttributes"]));
    }

    [Fact]
    public async Task Decisions_are_cached()
    {
        var server = await StartAsync(FullOptions());
        var client = Track(server.Client(token: "bob-token"));
        for (var i = 0; i < 3; i++) (await client.GetJsonAsync(SecuredServer.PodsPath)).AssertStatus(403, "Forbidden");
        Assert.Single(Peer.AccessReviews);
        Assert.Single(Peer.TokenReviews);
    }

    [Fact]
    public async Task Zero_cache_ttl_asks_every_time()
    {
        var server = await StartAsync(FullOptions() with { UnauthorizedCacheTtl = TimeSpan.Zero, TokenReviewCacheTtl = TimeSpan.Zero });
        var client = Track(server.Client(token: "bob-token"));
        for (var i = 0; i < 3; i++) (await client.GetJsonAsync(SecuredServer.PodsPath)).AssertStatus(403, "Forbidden");
        Assert.Equal(3, Peer.AccessReviews.Count);
        Assert.Equal(3, Peer.TokenReviews.Count);
    }

    [Fact]
    public async Task Always_allow_paths_are_reachable_unauthenticated()
    {
        var server = await StartAsync(FullOptions() with { AuthorizationAlwaysAllowPaths = ["/healthz", "/who*"] });
        var anonymous = Track(server.Client());
        var health = await anonymous.GetJsonAsync("healthz");
        Assert.Equal(200, health.Code);
        var me = (await anonymous.GetJsonAsync("whoami")).AssertOk();
        Assert.Equal("system:anonymous", (string?)me["user"]);
        (await anonymous.GetJsonAsync(SecuredServer.PodsPath)).AssertStatus(401, "Unauthorized");

        // An always-allowed path skips SubjectAccessReview even for a denied user.
        var bob = Track(server.Client(token: "bob-token"));
        Assert.Equal(200, (await bob.GetJsonAsync("healthz")).Code);
        Assert.Empty(Peer.AccessReviews);
    }

    [Fact]
    public async Task Default_always_allow_paths_cover_health_only()
    {
        var server = await StartAsync(FullOptions());
        var anonymous = Track(server.Client());
        Assert.Equal(200, (await anonymous.GetJsonAsync("healthz")).Code);
        (await anonymous.GetJsonAsync("whoami")).AssertStatus(401, "Unauthorized");
    }

    [Fact]
    public async Task System_masters_skip_SubjectAccessReview()
    {
        var server = await StartAsync(FullOptions());
        Peer.DeniedUsers["admin"] = "would be denied";
        var admin = Pki.ClientCa.IssueClient("admin", "system:masters");
        (await Track(server.Client(admin.Certificate)).GetJsonAsync(SecuredServer.PodsPath)).AssertOk();
        Assert.Empty(Peer.AccessReviews);
    }

    [Fact]
    public async Task Unreachable_SubjectAccessReview_is_a_500_Status_without_details()
    {
        var server = await StartAsync(FullOptions() with { AuthorizationKubeconfig = UnreachableKubeconfig() });
        var status = (await Track(server.Client(token: "alice-token")).GetJsonAsync(SecuredServer.PodsPath)).AssertStatus(500, "InternalError");
        Assert.DoesNotContain("   at ", (string?)status["message"]);
    }

    [Fact]
    public async Task Without_authorization_kubeconfig_every_authenticated_user_is_allowed()
    {
        var server = await StartAsync(FullOptions() with { AuthorizationKubeconfig = null });
        (await Track(server.Client(token: "bob-token")).GetJsonAsync(SecuredServer.PodsPath)).AssertOk();
        (await Track(server.Client()).GetJsonAsync(SecuredServer.PodsPath)).AssertStatus(401, "Unauthorized");
    }
}
