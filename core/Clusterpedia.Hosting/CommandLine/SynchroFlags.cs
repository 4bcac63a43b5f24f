using System.Net;
using Clusterpedia.Synchro.Manager;

namespace Clusterpedia.Hosting.CommandLine;

/// <summary>The cluster synchro's flags (upstream names where upstream has them), for the executables that sync.</summary>
public static class SynchroFlags
{
    public const string PediaClusters = "pediaclusters";
    public const string Kubeconfig = "kubeconfig";
    public const string LeaderElect = "leader-elect";
    /// <summary>Defined by <see cref="FeatureGateFlags"/>, which also carries the storage layer's gates.</summary>
    public const string FeatureGates = FeatureGateFlags.Name;
    public const string PageSize = "page-size";
    public const string MetricsHost = "metrics-host";
    public const string MetricsPort = "metrics-port";

    /// <summary>The split apiserver only reads PediaClusters (with the manager's status) from the host cluster.</summary>
    public static FlagSet AddClusterSource(FlagSet flags) => flags
        .Add(new(Kubeconfig, "kubeconfig of the host cluster whose PediaCluster objects (status written by clustersynchro-manager) say what is synced", ValueName: "path"));

    public static FlagSet Add(FlagSet flags, HostComponent component) => flags
        .Add(new(PediaClusters, "a PediaCluster manifest file or a directory of them (YAML or JSON) to sync instead of watching a host cluster", ValueName: "path"))
        .Add(new(Kubeconfig, "kubeconfig of the host cluster whose PediaCluster and ClusterSyncResources objects drive the sync", ValueName: "path"))
        .Add(new(LeaderElect, "elect a leader through a Lease in the host cluster before syncing (needs --kubeconfig)",
            IsBoolean: true, DefaultValue: component.ServesApi ? "false" : "true"))
        .Add(new(PageSize, "objects per page of the initial list of each resource", DefaultValue: "500", ValueName: "int"))
        .Add(new(MetricsHost, "the IP address on which to serve Prometheus /metrics (plain HTTP)", DefaultValue: "::", ValueName: "ip"))
        .Add(new(MetricsPort, "the port on which to serve Prometheus /metrics; 0 disables it", DefaultValue: "8081", ValueName: "int"));

    /// <summary>Null when the synchro flags are not defined for this executable.</summary>
    /// <param name="featureGates">The synchro's share of <c>--feature-gates</c> (<see cref="FeatureGateFlags.Parse"/>); null = none given.</param>
    /// <exception cref="HostConfigurationException">Both or a missing source file, or an unknown feature gate.</exception>
    public static SynchroHostOptions? ToOptions(ParsedFlags flags, IReadOnlyDictionary<string, bool>? featureGates = null)
    {
        if (!flags.IsDefined(Kubeconfig)) return null;
        var kubeconfig = flags.GetNonEmptyString(Kubeconfig);
        if (kubeconfig is not null)
        {
            HostFlags.RequireFile(Kubeconfig, kubeconfig);
            kubeconfig = Path.GetFullPath(kubeconfig);
        }
        if (!flags.IsDefined(PediaClusters))
            return new SynchroHostOptions(null, kubeconfig, false, new ClusterSynchroManagerOptions());
        var pediaClusters = flags.GetNonEmptyString(PediaClusters);
        if (pediaClusters is not null && kubeconfig is not null)
            throw new HostConfigurationException($"--{PediaClusters} and --{Kubeconfig} are two sources of PediaClusters: give one");
        if (pediaClusters is not null && !File.Exists(pediaClusters) && !Directory.Exists(pediaClusters))
            throw new HostConfigurationException($"--{PediaClusters} \"{pediaClusters}\" does not exist");

        ClusterSynchroManagerOptions manager;
        try
        {
            manager = SynchroFeatureGates.ApplyParsed(new ClusterSynchroManagerOptions(), featureGates ?? new Dictionary<string, bool>());
        }
        catch (ArgumentException ex)
        {
            throw new HostConfigurationException(ex.Message);
        }
        var pageSize = flags.GetInt32(PageSize, 1, 100_000);
        manager = manager with
        {
            Synchro = manager.Synchro with { Resource = manager.Synchro.Resource with { PageSize = pageSize } },
        };
        return new SynchroHostOptions(
            pediaClusters is null ? null : Path.GetFullPath(pediaClusters),
            kubeconfig,
            flags.GetBool(LeaderElect),
            manager,
            ToMetricsOptions(flags));
    }

    private static MetricsEndpointOptions? ToMetricsOptions(ParsedFlags flags)
    {
        if (!flags.IsDefined(MetricsPort)) return null;
        var port = flags.GetInt32(MetricsPort, 0, 65535);
        var host = flags.GetString(MetricsHost) ?? "::";
        if (!IPAddress.TryParse(host, out var address))
            throw new UsageException($"invalid argument \"{host}\" for \"--{MetricsHost}\" flag: not an IP address");
        return port == 0 ? null : new MetricsEndpointOptions(address, port);
    }
}
