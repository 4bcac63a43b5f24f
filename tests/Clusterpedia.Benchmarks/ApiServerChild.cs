using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Clusterpedia.ApiServer;
using Clusterpedia.ApiServer.Clusters;
using Clusterpedia.Storage;
using Clusterpedia.Storage.Memory;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Clusterpedia.Benchmarks;

/// <summary>
/// The server side of <see cref="ApiBenchmark"/>, in a process of its own so that its CPU time is the server's alone:
/// the real API on Kestrel with HTTPS over the memory storage holding one cluster's generated pods, one listener per
/// gzip level sharing that storage. Prints "level port" per listener, then "ready", and serves until stdin closes.
/// </summary>
internal static class ApiServerChild
{
    public static readonly SyncedResource Pods = SyncedResource.BuiltIn("v1/pods");

    public static async Task<int> RunAsync(string[] args)
    {
        var levels = args[0].Split(',').Select(int.Parse).ToArray();
        await using var storage = new MemoryStorageFactory(new MemoryStorageOptions());
        await storage.GetResourceStorage(Pods.StorageConfig).UpsertManyAsync(Ingest.ClusterName(0), Ingest.Pods(0), default);
        var source = new InMemoryClusterResourceSource();
        source.Set(Ingest.ClusterName(0), ClusterHealth.Ready, [Pods]);
        using var certificate = SelfSigned();

        var apps = new List<WebApplication>();
        foreach (var level in levels)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
            // One storage behind every listener (an instance, so no host disposes it).
            builder.Services.AddSingleton<IStorageFactory>(storage);
            builder.Services.AddSingleton<IClusterResourceSource>(source);
            builder.Services.AddClusterpediaApi(o => o.GzipLevel = level);
            var app = builder.Build();
            app.MapClusterpediaApi();
            await app.StartAsync();
            apps.Add(app);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            Console.WriteLine($"{level} {new Uri(address).Port}");
        }
        Console.WriteLine("ready");
        await Console.In.ReadToEndAsync();
        foreach (var app in apps) await app.DisposeAsync();
        return 0;
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pkcs12), null);
    }
}
