using System.Net;
using Clusterpedia.Synchro.Manager;
using Clusterpedia.Synchro.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Clusterpedia.Hosting.Serving;

/// <summary>
/// The synchro's Prometheus endpoint (upstream's manager metrics server, §6.11): a separate plain-HTTP listener that
/// answers only <c>GET /metrics</c>, ahead of authentication, so the HTTPS port's security is untouched.
/// </summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static void Listen(KestrelServerOptions kestrel, MetricsEndpointOptions metrics)
    {
        if (metrics.Host.Equals(IPAddress.Any) || metrics.Host.Equals(IPAddress.IPv6Any))
            kestrel.ListenAnyIP(metrics.Port); // "::" falls back to IPv4 where IPv6 is off
        else
            kestrel.Listen(metrics.Host, metrics.Port);
    }

    /// <summary>Branches requests that arrived on the metrics port; call before the security middleware.</summary>
    public static void UseMetricsPort(this WebApplication app, MetricsEndpointOptions metrics, VersionInfo version)
    {
        app.MapWhen(context => context.Connection.LocalPort == metrics.Port, branch => branch.Run(async context =>
        {
            if (context.Request.Path != Path)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
            {
                context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                return;
            }
            var source = context.RequestServices.GetService<ISynchroMetricsSource>();
            var text = PrometheusText.Render(source?.GetMetrics() ?? SynchroMetrics.Empty, version.GitVersion);
            context.Response.ContentType = PrometheusText.ContentType;
            await context.Response.WriteAsync(text, context.RequestAborted).ConfigureAwait(false);
        }));
    }
}

/// <summary>Reads the manager lazily: in host-cluster mode it exists only once this replica leads.</summary>
internal sealed class ManagerMetricsSource(Func<ClusterSynchroManager?> manager) : ISynchroMetricsSource
{
    public SynchroMetrics GetMetrics() => manager()?.GetMetrics() ?? SynchroMetrics.Empty;
}
