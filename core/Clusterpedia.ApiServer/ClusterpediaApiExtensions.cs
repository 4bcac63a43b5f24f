using Clusterpedia.ApiServer.Clusters;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Clusterpedia.ApiServer;

/// <summary>Mounting the search API in a host: <c>services.AddClusterpediaApi()</c>, then <c>app.MapClusterpediaApi()</c>.</summary>
public static class ClusterpediaApiExtensions
{
    /// <summary>
    /// Registers the API server. The host registers the selected <see cref="Storage.IStorageFactory"/>; an
    /// <see cref="InMemoryClusterResourceSource"/> is registered as the <see cref="IClusterResourceSource"/> unless
    /// the host registered another one.
    /// </summary>
    public static IServiceCollection AddClusterpediaApi(this IServiceCollection services, Action<ClusterpediaApiOptions>? configure = null)
    {
        services.AddRouting();
        if (configure is not null) services.Configure(configure);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<InMemoryClusterResourceSource>();
        services.TryAddSingleton<IClusterResourceSource>(sp => sp.GetRequiredService<InMemoryClusterResourceSource>());
        services.TryAddSingleton(sp => new ClusterpediaApiServer(
            sp.GetRequiredService<Storage.IStorageFactory>(),
            sp.GetRequiredService<IClusterResourceSource>(),
            sp.GetRequiredService<IOptions<ClusterpediaApiOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>()));
        return services;
    }

    /// <summary>
    /// Maps <c>/apis/clusterpedia.io</c> and everything below it, for every HTTP method (unsupported verbs get a 405
    /// Status). Returns the endpoint conventions so the host can add authorization or other metadata.
    /// </summary>
    public static IEndpointConventionBuilder MapClusterpediaApi(this IEndpointRouteBuilder endpoints)
    {
        var server = endpoints.ServiceProvider.GetRequiredService<ClusterpediaApiServer>();
        var group = endpoints.MapGroup(ClusterpediaApiServer.GroupPrefix);
        RequestDelegate handler = server.HandleAsync;
        group.Map("", handler);
        group.Map("{**path}", handler);
        return group;
    }
}
