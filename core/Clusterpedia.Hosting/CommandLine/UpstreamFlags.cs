namespace Clusterpedia.Hosting.CommandLine;

/// <summary>
/// The flags upstream's Helm charts and deployments pass that are not storage, serving, security or synchro source flags:
/// verbosity everywhere; worker number, leader election timings and the host client where the synchro runs; and the
/// flags of unsupported features, so that a deployment switching to these hosts keeps its arguments.
/// </summary>
public static class UpstreamFlags
{
    public static FlagSet Add(FlagSet flags, HostComponent component)
    {
        flags = VerbosityFlag.Add(flags);
        if (component.ServesApi) flags = UnsupportedUpstreamFlags.AddApiServer(flags);
        if (component.RunsSynchro)
        {
            flags = WorkerNumberFlag.Add(flags);
            flags = LeaderElectionFlags.Add(flags);
            flags = KubeClientFlags.Add(flags);
            flags = UnsupportedUpstreamFlags.AddSynchro(flags);
        }
        return flags;
    }

    /// <summary>Adds what these flags say to <paramref name="options"/>, with a warning for each flag that is accepted but has no effect.</summary>
    /// <exception cref="UsageException">A malformed value.</exception>
    /// <exception cref="HostConfigurationException">An unsupported feature, or a flag that needs another.</exception>
    public static HostOptions Apply(ParsedFlags flags, HostOptions options)
    {
        UnsupportedUpstreamFlags.Check(flags);
        var warnings = new List<string>();
        options = options with { MinimumLogLevel = VerbosityFlag.ToOptions(flags) };
        if (options.Synchro is { } synchro && flags.IsDefined(WorkerNumberFlag.Name))
        {
            var election = LeaderElectionFlags.ToOptions(flags);
            var client = KubeClientFlags.ToOptions(flags, warnings) ?? KubeClientSettings.Default;
            if (synchro.Kubeconfig is null)
            {
                // --pediaclusters (or no source): there is no host cluster to elect in or to talk to.
                if (client.Master is not null)
                    throw new HostConfigurationException($"--{KubeClientFlags.Master} overrides the server of --{SynchroFlags.Kubeconfig}: give --{SynchroFlags.Kubeconfig} too");
                if (!client.IsDefault || flags.IsSet(KubeClientFlags.KubeApiQps) || flags.IsSet(KubeClientFlags.KubeApiBurst))
                    warnings.Add($"--{KubeClientFlags.KubeApiQps}/--{KubeClientFlags.KubeApiBurst} have no effect without --{SynchroFlags.Kubeconfig}");
            }
            if (!synchro.LeaderElect && IsAnySet(flags, LeaderElectionFlags.LeaseDuration, LeaderElectionFlags.RenewDeadline,
                    LeaderElectionFlags.RetryPeriod, LeaderElectionFlags.ResourceName, LeaderElectionFlags.ResourceNamespace))
                warnings.Add($"the --leader-elect-* settings have no effect without --{SynchroFlags.LeaderElect}");
            synchro = synchro with
            {
                Manager = synchro.Manager with { WorkerNumber = WorkerNumberFlag.ToOptions(flags) },
                LeaderElection = election,
                HostClient = client,
            };
            options = options with { Synchro = synchro };
        }
        return warnings.Count == 0 ? options : options with { Warnings = [.. options.Warnings, .. warnings] };
    }

    private static bool IsAnySet(ParsedFlags flags, params string[] names) => names.Any(flags.IsSet);
}
