using System.Net;
using Clusterpedia.ApiServer;
using Clusterpedia.Hosting.CommandLine;
using Clusterpedia.Hosting.Synchro;
using Clusterpedia.ApiServer.Security;
using Clusterpedia.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace Clusterpedia.Hosting.Serving;

/// <summary>Builds the Kestrel HTTPS application every host runs: health, version, and (later) the component's features.</summary>
public static class HostServer
{
    /// <param name="security">Authentication and authorization in front of every endpoint; null serves them open (executables without the API).</param>
    public static WebApplication Build(
        HostComponent component, HostOptions options, ServingCertificate certificate, IStorageFactory storage, VersionInfo version,
        ClusterpediaSecurity? security = null)
    {
        // Our flags are parsed already; ASP.NET must not read them again as configuration.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ApplicationName = component.Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.SetMinimumLevel(options.MinimumLogLevel);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            RequestLimits.Apply(kestrel.Limits);
            var https = new HttpsConnectionAdapterOptions
            {
                ServerCertificate = certificate.Certificate,
                ServerCertificateChain = certificate.Chain.Count == 0 ? null : certificate.Chain,
            };
            security?.ConfigureHttps(https);
            var address = options.Serving.BindAddress;
            if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
                kestrel.ListenAnyIP(options.Serving.SecurePort, listen => listen.UseHttps(https));
            else
                kestrel.Listen(address, options.Serving.SecurePort, listen => listen.UseHttps(https));
            if (Metrics(options) is { } metrics) MetricsEndpoint.Listen(kestrel, metrics);
        });

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(storage);
        builder.Services.AddSingleton(version);
        var missingSource = ClusterSourceCheck.MissingSource(component, options);
        var health = builder.Services.AddHealthChecks();
        if (missingSource is not null)
            health.AddCheck(ClusterSourceCheck.Name, () => HealthCheckResult.Unhealthy(missingSource), tags: [HealthEndpoints.ReadyOnlyTag]);
        if (security is not null) builder.Services.AddClusterpediaSecurity(security);
        if (component.ServesApi)
            builder.Services.AddClusterpediaApi(api => api.RemainingItemCountByDefault =
                options.ApiFeatureGates.TryGetValue(ApiServerFeatureGates.RemainingItemCount, out var count) && count);
        if (options.Synchro is { HasSource: true } synchro) builder.Services.AddClusterSynchro(synchro, component);

        var app = builder.Build();
        if (missingSource is not null)
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Clusterpedia.Hosting").LogWarning("{Reason}", missingSource);
        if (Metrics(options) is { } metricsPort) app.UseMetricsPort(metricsPort, version);
        // Before every endpoint: health paths pass through --authorization-always-allow-paths.
        if (security is not null) app.UseClusterpediaSecurity();
        app.MapHealthEndpoints();
        app.MapVersionEndpoint(version);
        if (component.ServesApi) app.MapClusterpediaApi();
        app.Services.StartClusterFeed();
        return app;
    }

    /// <summary>The /metrics listener, only for executables that run the synchro from a source.</summary>
    private static MetricsEndpointOptions? Metrics(HostOptions options) =>
        options.Synchro is { HasSource: true, Metrics: { } metrics } ? metrics : null;
}
