using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Clusterpedia.Hosting.Serving;

/// <summary>
/// <c>/healthz</c>, <c>/livez</c> and <c>/readyz</c> answer "ok" as Kubernetes components do. They run the registered
/// health checks: one tagged <see cref="LiveTag"/> also counts for <c>/livez</c>, one tagged <see cref="ReadyOnlyTag"/>
/// only for <c>/readyz</c>, any other for <c>/healthz</c> and <c>/readyz</c>. As in kube-apiserver, a failure lists the
/// checks with "reason withheld" unless <c>?verbose</c> asks for the reasons; <c>?verbose</c> lists them when all pass too.
/// </summary>
public static class HealthEndpoints
{
    public const string LiveTag = "live";

    /// <summary>A check that says the process cannot serve what it should (not that it is broken): /readyz only.</summary>
    public const string ReadyOnlyTag = "ready-only";

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz", Options("healthz", static check => !check.Tags.Contains(ReadyOnlyTag)));
        endpoints.MapHealthChecks("/readyz", Options("readyz", static _ => true));
        endpoints.MapHealthChecks("/livez", Options("livez", static check => check.Tags.Contains(LiveTag)));
        return endpoints;
    }

    private static HealthCheckOptions Options(string name, Func<HealthCheckRegistration, bool> predicate) => new()
    {
        Predicate = predicate,
        ResponseWriter = (context, report) => WriteAsync(context, report, name),
    };

    private static Task WriteAsync(HttpContext context, HealthReport report, string name)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        var healthy = report.Status == HealthStatus.Healthy;
        var verbose = context.Request.Query.ContainsKey("verbose");
        if (healthy && !verbose) return context.Response.WriteAsync("ok");
        var text = new StringBuilder();
        foreach (var (check, entry) in report.Entries)
        {
            if (entry.Status == HealthStatus.Healthy) text.Append("[+]").Append(check).Append(" ok\n");
            else text.Append("[-]").Append(check).Append(" failed: ").Append(verbose ? entry.Description : "reason withheld").Append('\n');
        }
        text.Append(name).Append(healthy ? " check passed" : " check failed");
        return context.Response.WriteAsync(text.ToString());
    }
}
