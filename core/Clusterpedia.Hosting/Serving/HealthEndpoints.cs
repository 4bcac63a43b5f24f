using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Clusterpedia.Hosting.Serving;

/// <summary>
/// <c>/healthz</c>, <c>/livez</c> and <c>/readyz</c> answer "ok" as Kubernetes components do. They run the registered
/// health checks (none yet); a check tagged <see cref="LiveTag"/> also counts for <c>/livez</c>, every check for the others.
/// </summary>
public static class HealthEndpoints
{
    public const string LiveTag = "live";

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz", Options(static _ => true));
        endpoints.MapHealthChecks("/readyz", Options(static _ => true));
        endpoints.MapHealthChecks("/livez", Options(static check => check.Tags.Contains(LiveTag)));
        return endpoints;
    }

    private static HealthCheckOptions Options(Func<HealthCheckRegistration, bool> predicate) => new()
    {
        Predicate = predicate,
        ResponseWriter = WriteAsync,
    };

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        if (report.Status == HealthStatus.Healthy) return context.Response.WriteAsync("ok");
        var failed = report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).Select(e => $"[-]{e.Key} failed");
        return context.Response.WriteAsync(string.Join("\n", failed) + "\nhealthz check failed");
    }
}
