using Clusterpedia.ApiServer.Clusters;
using Clusterpedia.Kube.Connection;
using Clusterpedia.Kube.LeaderElection;
using Clusterpedia.Storage;
using Clusterpedia.Synchro.Host;
using Clusterpedia.Synchro.Local;
using Clusterpedia.Synchro.Manager;
using Clusterpedia.Synchro.Metrics;
using Clusterpedia.Hosting.Serving;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Clusterpedia.Hosting.Synchro;

/// <summary>Starts the cluster synchro inside a host and, when the host also serves the API, feeds the API's cluster source from it.</summary>
public static class SynchroRegistration
{
    public static IServiceCollection AddClusterSynchro(this IServiceCollection services, SynchroHostOptions options, HostComponent component)
    {
        if (!component.RunsSynchro && options.Kubeconfig is { } hostKubeconfig)
        {
            // The split apiserver: read the manager's PediaCluster status from the host cluster, write nothing.
            services.AddSingleton(OpenKubeconfig(hostKubeconfig));
            services.AddSingleton(sp => new HostPediaClusterReader(sp.GetRequiredService<KubeConnection>(), sp.GetRequiredService<ILoggerFactory>()));
            services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<HostPediaClusterReader>());
            services.AddSingleton<IPediaClusterStatusSource>(sp => sp.GetRequiredService<HostPediaClusterReader>());
        }
        else if (options.PediaClustersPath is { } path)
        {
            services.AddSingleton(sp => new ClusterSynchroService(
                sp.GetRequiredService<IStorageFactory>(), path, options.Manager, sp.GetRequiredService<ILoggerFactory>()));
            services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<ClusterSynchroService>());
            services.AddSingleton<IPediaClusterStatusSource>(sp => sp.GetRequiredService<ClusterSynchroService>().Clusters);
            services.AddSingleton<ISynchroMetricsSource>(sp => sp.GetRequiredService<ClusterSynchroService>().Manager);
        }
        else if (options.Kubeconfig is { } kubeconfig)
        {
            var connection = HostConnection(kubeconfig, options.HostClient);
            LeaderElectionOptions? election = options.LeaderElect
                ? options.LeaderElection ?? new LeaderElectionOptions(LeaderElectionOptions.DefaultNamespace(), "clusterpedia-clustersynchro-manager", LeaderElectionOptions.DefaultIdentity())
                : null;
            services.AddSingleton(connection);
            services.AddSingleton(sp => new HostClusterSynchroService(
                connection, sp.GetRequiredService<IStorageFactory>(), options.Manager, election, sp.GetRequiredService<ILoggerFactory>()));
            services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<HostClusterSynchroService>());
            services.AddSingleton<IPediaClusterStatusSource>(sp => sp.GetRequiredService<HostClusterSynchroService>().Clusters);
            services.AddSingleton<ISynchroMetricsSource>(sp =>
            {
                var synchro = sp.GetRequiredService<HostClusterSynchroService>();
                return new ManagerMetricsSource(() => synchro.Manager);
            });
        }
        else
        {
            return services;
        }

        if (component.ServesApi)
        {
            // AddClusterpediaApi registers the InMemoryClusterResourceSource that the API reads.
            services.AddSingleton(sp => new PediaClusterResourceFeed(
                sp.GetRequiredService<IPediaClusterStatusSource>(), sp.GetRequiredService<InMemoryClusterResourceSource>()));
        }
        return services;
    }

    /// <summary>The host cluster: <c>--kubeconfig</c>, its server replaced by <c>--master</c>, rate-limited by <c>--kube-api-qps</c>/<c>--kube-api-burst</c>.</summary>
    /// <exception cref="HostConfigurationException">When the kubeconfig is not usable: the message names the flag, the file and the problem.</exception>
    public static KubeConnection HostConnection(string kubeconfig, CommandLine.KubeClientSettings client)
    {
        var connection = OpenKubeconfig(kubeconfig);
        if (client.Master is { } master) connection = connection.WithServer(master);
        if (client.Qps is { } qps) connection = connection.WithRateLimit(new RequestRateLimiter(qps, client.Burst));
        return connection;
    }

    private static KubeConnection OpenKubeconfig(string kubeconfig)
    {
        try
        {
            return KubeConnection.FromKubeconfigFile(kubeconfig);
        }
        catch (KubeConfigException e)
        {
            throw new HostConfigurationException($"--{CommandLine.SynchroFlags.Kubeconfig} \"{kubeconfig}\": {e.Message}", e);
        }
    }

    /// <summary>Creates the feed at start-up, so the API sees clusters from the first request on.</summary>
    public static void StartClusterFeed(this IServiceProvider services) => services.GetService<PediaClusterResourceFeed>();
}
