using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Clusterpedia.ApiServer.Security.Tests.Infrastructure;

/// <summary>
/// A small kube-apiserver stand-in over HTTPS serving the two review APIs: TokenReview with fixed tokens and
/// SubjectAccessReview with fixed rules. It insists on its own bearer token, as a real cluster would (or on none, as
/// behind an authenticating proxy, optionally over plain HTTP), and records every review and Authorization header.
/// </summary>
internal sealed class ReviewPeer : IAsyncDisposable
{
    public const string ReviewerToken = "reviewer-token";
    private readonly WebApplication _app;
    private readonly string? _requiredToken;

    private ReviewPeer(WebApplication app, Uri address, string? requiredToken)
    {
        _app = app;
        Address = address;
        _requiredToken = requiredToken;
    }

    public Uri Address { get; }

    /// <summary>token -> (user, groups). Unknown tokens are answered authenticated=false.</summary>
    public ConcurrentDictionary<string, (string User, string[] Groups)> Tokens { get; } = new()
    {
        ["alice-token"] = ("alice", ["developers"]),
        ["bob-token"] = ("bob", ["testers"]),
    };

    /// <summary>Users denied by SubjectAccessReview (with this reason); everyone else is allowed.</summary>
    public ConcurrentDictionary<string, string> DeniedUsers { get; } = new() { ["bob"] = "bob may not search" };

    /// <summary>The data of kube-system/extension-apiserver-authentication; null = the ConfigMap does not exist (404).</summary>
    public JsonObject? PublishedAuthentication { get; set; }

    public ConcurrentQueue<JsonNode> TokenReviews { get; } = new();
    public ConcurrentQueue<JsonNode> AccessReviews { get; } = new();

    /// <summary>The Authorization header of every request, <c>""</c> when it had none.</summary>
    public ConcurrentQueue<string> AuthorizationHeaders { get; } = new();

    /// <param name="requiredToken">The bearer token requests must carry; null: none is needed.</param>
    public static async Task<ReviewPeer> StartAsync(TestPki pki, string? requiredToken = ReviewerToken, bool plainHttp = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l =>
        {
            if (!plainHttp) l.UseHttps(pki.ReviewPeer.Certificate);
        }));
        var app = builder.Build();
        ReviewPeer? peer = null;
        app.MapPost("/apis/authentication.k8s.io/v1/tokenreviews", (HttpContext c) => peer!.HandleAsync(c, peer.TokenReview));
        app.MapPost("/apis/authorization.k8s.io/v1/subjectaccessreviews", (HttpContext c) => peer!.HandleAsync(c, peer.AccessReview));
        app.MapGet("/api/v1/namespaces/kube-system/configmaps/extension-apiserver-authentication", (HttpContext c) => peer!.ConfigMapAsync(c));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        peer = new ReviewPeer(app, new Uri(address), requiredToken);
        return peer;
    }

    /// <summary>A kubeconfig for this peer, trusting the serving CA and presenting the reviewer token.</summary>
    public string WriteKubeconfig(TestPki pki, string token = ReviewerToken) => pki.File($"review-{Guid.NewGuid():N}.kubeconfig", $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: hub
          cluster:
            server: {Address}
            certificate-authority: {pki.ServingCa.CertificatePath}
        users:
        - name: reviewer
          user:
            token: {token}
        contexts:
        - name: hub
          context:
            cluster: hub
            user: reviewer
        current-context: hub
        """);

    /// <summary>A kubeconfig for this peer whose user has no credentials (<c>user: {}</c>), trusting the serving CA over HTTPS.</summary>
    public string WriteKubeconfigWithoutCredentials(TestPki pki) => pki.File($"review-anonymous-{Guid.NewGuid():N}.kubeconfig", $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: hub
          cluster:
            server: {Address}{(Address.Scheme == "https" ? $"\n    certificate-authority: {pki.ServingCa.CertificatePath}" : "")}
        users:
        - name: proxied
          user: {"{}"}
        contexts:
        - name: hub
          context:
            cluster: hub
            user: proxied
        current-context: hub
        """);

    private bool Authorized(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        AuthorizationHeaders.Enqueue(header);
        return _requiredToken is null || header == $"Bearer {_requiredToken}";
    }

    private async Task HandleAsync(HttpContext context, Func<JsonNode, JsonObject> answer)
    {
        if (!Authorized(context))
        {
            context.Response.StatusCode = 401;
            await context.Response.WriteAsync("""{"kind":"Status","apiVersion":"v1","status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}""");
            return;
        }
        var review = (await JsonNode.ParseAsync(context.Request.Body))!;
        var status = answer(review);
        review["status"] = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(review.ToJsonString());
    }

    private async Task ConfigMapAsync(HttpContext context)
    {
        if (!Authorized(context))
        {
            context.Response.StatusCode = 401;
            return;
        }
        if (PublishedAuthentication is not { } data)
        {
            context.Response.StatusCode = 404;
            await context.Response.WriteAsync("""{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"NotFound","code":404}""");
            return;
        }
        var configMap = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject { ["name"] = "extension-apiserver-authentication", ["namespace"] = "kube-system" },
            ["data"] = data.DeepClone(),
        };
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(configMap.ToJsonString());
    }

    private JsonObject TokenReview(JsonNode review)
    {
        TokenReviews.Enqueue(review.DeepClone());
        var token = (string?)review["spec"]?["token"] ?? "";
        if (!Tokens.TryGetValue(token, out var user)) return new JsonObject { ["authenticated"] = false, ["user"] = new JsonObject() };
        return new JsonObject
        {
            ["authenticated"] = true,
            ["user"] = new JsonObject
            {
                ["username"] = user.User,
                ["uid"] = $"uid-{user.User}",
                ["groups"] = new JsonArray(user.Groups.Select(g => (JsonNode?)g).ToArray()),
                ["extra"] = new JsonObject { ["scopes.example.io"] = new JsonArray("read") },
            },
        };
    }

    private JsonObject AccessReview(JsonNode review)
    {
        AccessReviews.Enqueue(review.DeepClone());
        var user = (string?)review["spec"]?["user"] ?? "";
        return DeniedUsers.TryGetValue(user, out var reason)
            ? new JsonObject { ["allowed"] = false, ["reason"] = reason }
            : new JsonObject { ["allowed"] = true, ["reason"] = "allowed by the test peer" };
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
