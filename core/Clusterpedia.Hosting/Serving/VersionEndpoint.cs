using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Clusterpedia.Hosting.Serving;

/// <summary><c>GET /version</c>: the <see cref="VersionInfo"/> as JSON, written with the source-generated context.</summary>
public static class VersionEndpoint
{
    public static IEndpointRouteBuilder MapVersionEndpoint(this IEndpointRouteBuilder endpoints, VersionInfo version)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(version, HostingJsonContext.Default.VersionInfo);
        endpoints.MapGet("/version", new RequestDelegate(context =>
        {
            context.Response.ContentType = "application/json";
            return context.Response.Body.WriteAsync(json).AsTask();
        }));
        return endpoints;
    }
}
