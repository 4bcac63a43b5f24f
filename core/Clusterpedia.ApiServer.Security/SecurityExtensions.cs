using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Clusterpedia.ApiServer.Security;

/// <summary>Mounting the security in a host: <c>services.AddClusterpediaSecurity(security)</c>, then <c>app.UseClusterpediaSecurity()</c> before the endpoints.</summary>
public static class SecurityExtensions
{
    public static IServiceCollection AddClusterpediaSecurity(this IServiceCollection services, ClusterpediaSecurity security) =>
        services.AddSingleton(security);

    /// <summary>Authenticates and authorizes every request that reaches the middlewares after it; logs the start-up warnings once.</summary>
    public static IApplicationBuilder UseClusterpediaSecurity(this IApplicationBuilder app)
    {
        var security = app.ApplicationServices.GetRequiredService<ClusterpediaSecurity>();
        var loggers = app.ApplicationServices.GetRequiredService<ILoggerFactory>();
        var logger = loggers.CreateLogger("Clusterpedia.ApiServer.Security");
        foreach (var warning in security.Warnings) logger.LogWarning("{Warning}", warning);
        return app.Use(next => new SecurityMiddleware(next, security.Authenticator, security.Authorizer, security.Options, loggers).InvokeAsync);
    }
}
