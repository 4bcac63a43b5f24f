using System.Net;
using Clusterpedia.ApiServer.Clusters;
using Clusterpedia.Storage;
using Clusterpedia.Storage.Memory;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Clusterpedia.ApiServer.Tests.Infrastructure;

/// <summary>The real API server on Kestrel at 127.0.0.1 on an ephemeral port, with the memory storage and an in-process cluster source.</summary>
public sealed class ApiServerHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ApiServerHost(WebApplication app, IStorageFactory storage, InMemoryClusterResourceSource source, Uri baseAddress, HttpClient client)
    {
        _app = app;
        Storage = storage;
        Source = source;
        BaseAddress = baseAddress;
        Client = client;
    }

    public IStorageFactory Storage { get; }
    public InMemoryClusterResourceSource Source { get; }

    /// <summary>The server root, e.g. https://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    /// <summary>The kube-compatible root kubectl is pointed at.</summary>
    public string ResourcesUrl => new Uri(BaseAddress, ClusterpediaApiServer.ResourcesPrefix).ToString();

    public static async Task<ApiServerHost> StartAsync(
        IStorageFactory? storage = null, bool https = false, Action<ClusterpediaApiOptions>? configure = null, TimeProvider? time = null)
    {
        storage ??= new MemoryStorageFactory(new MemoryStorageOptions());
        var source = new InMemoryClusterResourceSource();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (https) listen.UseHttps(TestCertificate.Instance);
        }));
        builder.Services.AddSingleton(storage);
        builder.Services.AddSingleton<IClusterResourceSource>(source);
        if (time is not null) builder.Services.AddSingleton(time);
        builder.Services.AddClusterpediaApi(configure);
        var app = builder.Build();
        app.MapClusterpediaApi();
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var baseAddress = new Uri(address.Replace("[::]", "127.0.0.1") + "/");
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert?.Thumbprint == TestCertificate.Instance.Thumbprint,
        };
        var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        return new ApiServerHost(app, storage, source, baseAddress, client);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Storage.DisposeAsync();
    }
}
