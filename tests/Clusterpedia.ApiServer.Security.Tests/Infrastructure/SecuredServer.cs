using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Clusterpedia.ApiServer.Clusters;
using Clusterpedia.Objects;
using Clusterpedia.Storage;
using Clusterpedia.Storage.Memory;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Clusterpedia.ApiServer.Security.Tests.Infrastructure;

/// <summary>
/// The search API behind the security middleware on Kestrel over HTTPS (served with a certificate of the test's
/// serving CA), with one cluster <c>c1</c> holding two pods, <c>/healthz</c>, and <c>/whoami</c> echoing the user.
/// </summary>
internal sealed class SecuredServer : IAsyncDisposable
{
    public const string PodsPath = "apis/clusterpedia.io/v1beta1/resources/api/v1/pods";
    private readonly WebApplication _app;
    private readonly TestPki _pki;
    private readonly ClusterpediaSecurity _security;

    private SecuredServer(WebApplication app, TestPki pki, ClusterpediaSecurity security, Uri address)
    {
        _app = app;
        _pki = pki;
        _security = security;
        Address = address;
    }

    public Uri Address { get; }
    public string ResourcesUrl => new Uri(Address, ClusterpediaApiServer.ResourcesPrefix).ToString();

    public static async Task<SecuredServer> StartAsync(TestPki pki, SecurityOptions options, IPAddress? bindAddress = null)
    {
        var security = await ClusterpediaSecurity.CreateAsync(options);
        var storage = new MemoryStorageFactory(new MemoryStorageOptions());
        var source = new InMemoryClusterResourceSource();
        var pods = SyncedResource.BuiltIn("v1/pods");
        source.Set("c1", ClusterHealth.Ready, [pods]);
        var rs = storage.GetResourceStorage(pods.StorageConfig);
        foreach (var name in new[] { "web-1", "web-2" })
            await rs.UpsertAsync("c1", ResourceObject.FromString(Pod(name)), CancellationToken.None);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(bindAddress ?? IPAddress.Loopback, 0, l => l.UseHttps(https =>
        {
            https.ServerCertificate = pki.Server.Certificate;
            security.ConfigureHttps(https);
        })));
        builder.Services.AddSingleton<IStorageFactory>(storage);
        builder.Services.AddSingleton<IClusterResourceSource>(source);
        builder.Services.AddClusterpediaApi();
        builder.Services.AddClusterpediaSecurity(security);
        var app = builder.Build();
        app.UseClusterpediaSecurity();
        app.MapGet("/healthz", () => "ok");
        app.MapGet("/whoami", (HttpContext c) =>
        {
            var user = c.Features.Get<UserInfo>()!;
            var extra = new JsonObject();
            foreach (var (k, v) in user.Extra) extra[k] = new JsonArray(v.Select(x => (JsonNode?)x).ToArray());
            var echo = new JsonObject
            {
                ["user"] = user.Name,
                ["groups"] = new JsonArray(user.Groups.Select(g => (JsonNode?)g).ToArray()),
                ["extra"] = extra,
                ["principal"] = c.User.Identity?.Name,
                // What a handler can still see of the identity headers and the credential.
                ["remoteUserHeader"] = c.Request.Headers["X-Remote-User"].ToString(),
                ["authorizationHeader"] = c.Request.Headers.Authorization.ToString(),
            };
            return Results.Text(echo.ToJsonString(), "application/json");
        });
        app.MapClusterpediaApi();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SecuredServer(app, pki, security, new Uri(address + "/"));
    }

    /// <summary>An HTTPS client trusting the serving CA, presenting <paramref name="certificate"/> and/or a bearer token.</summary>
    public HttpClient Client(X509Certificate2? certificate = null, string? token = null, Uri? address = null, bool ignoreName = false)
    {
        var ca = _pki.ServingCa.Certificate;
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, cert, _, errors) =>
        {
            if (!ignoreName && (errors & System.Net.Security.SslPolicyErrors.RemoteCertificateNameMismatch) != 0) return false;
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return cert is not null && chain.Build(new X509Certificate2(cert));
        };
        if (certificate is not null)
        {
            handler.SslOptions.ClientCertificates = [certificate];
            handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate;
        }
        var client = new HttpClient(handler) { BaseAddress = address ?? Address, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    private static string Pod(string name) => new JsonObject
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Pod",
        ["metadata"] = new JsonObject
        {
            ["name"] = name,
            ["namespace"] = "default",
            ["uid"] = $"uid-{name}",
            ["resourceVersion"] = "7",
            ["creationTimestamp"] = "2026-11-27T10:00:00Z",
            ["annotations"] = new JsonObject { [WellKnown.ClusterNameAnnotation] = "c1" },
        },
        ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = "nginx" }) },
        ["status"] = new JsonObject { ["phase"] = "Running" },
    }.ToJsonString();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _security.Dispose();
    }
}
