using System.Net;
using Clusterpedia.Storage;

namespace Clusterpedia.Hosting.CommandLine;

/// <summary>The flags every host accepts, with upstream Clusterpedia's names, and their conversion to <see cref="HostOptions"/>.</summary>
public static class HostFlags
{
    public const string StorageName = "storage-name";
    public const string StorageConfig = "storage-config";
    public const string StorageStartTimeout = "storage-start-timeout";
    public const string BindAddress = "bind-address";
    public const string SecurePort = "secure-port";
    public const string CertDir = "cert-dir";
    public const string TlsCertFile = "tls-cert-file";
    public const string TlsPrivateKeyFile = "tls-private-key-file";
    public const string Version = "version";
    public const string Help = "help";

    /// <param name="registry">The compiled-in storage layers, whose feature gates <c>--feature-gates</c> lists; null lists none.</param>
    public static FlagSet Create(HostComponent component, HostDefaults defaults, IStorageLayerRegistry? registry = null)
    {
        var flags = CreateCommon(component, defaults);
        // Only executables serving the API authenticate and authorize requests; only those that sync take synchro flags.
        if (component.ServesApi) flags = SecurityFlags.Add(flags);
        if (component.RunsSynchro) flags = SynchroFlags.Add(flags, component);
        else if (component.ServesApi) flags = SynchroFlags.AddClusterSource(flags);
        return UpstreamFlags.Add(FeatureGateFlags.Add(flags, component, registry), component);
    }

    private static FlagSet CreateCommon(HostComponent component, HostDefaults defaults) => new FlagSet(component.Name)
        .Add(new(StorageName, "the storage layer to use; it must be compiled into this binary", DefaultValue: defaults.StorageName))
        .Add(new(StorageConfig, "the storage layer's config file"))
        .Add(new(StorageStartTimeout, "how long to wait for a storage that cannot be reached yet (a database still starting), retrying with backoff; 0 tries once",
            DefaultValue: "2m", ValueName: "duration"))
        .Add(new(BindAddress, "the IP address on which to serve --secure-port", DefaultValue: "0.0.0.0", ValueName: "ip"))
        .Add(new(SecurePort, "the port on which to serve HTTPS", DefaultValue: defaults.SecurePort.ToString(System.Globalization.CultureInfo.InvariantCulture), ValueName: "int"))
        .Add(new(CertDir, "where a generated self-signed certificate is kept when --tls-cert-file is not given; empty keeps it in memory"))
        .Add(new(TlsCertFile, "the serving certificate (PEM, leaf first, then intermediates)"))
        .Add(new(TlsPrivateKeyFile, "the private key of --tls-cert-file (PEM)"))
        .Add(new(Version, "print the version, the core contract version and the compiled-in storage layers, then exit", IsBoolean: true))
        .Add(new(Help, "print this help and exit", IsBoolean: true, Shorthand: 'h'));

    /// <exception cref="UsageException">A malformed number or address.</exception>
    /// <exception cref="HostConfigurationException">A missing file, a directory given as a file, or a half-given TLS pair.</exception>
    /// <param name="registry">The compiled-in storage layers: the selected one's feature gates are accepted; null accepts none.</param>
    public static HostOptions ToOptions(ParsedFlags flags, IStorageLayerRegistry? registry = null)
    {
        var storageName = flags.GetNonEmptyString(StorageName)
            ?? throw new HostConfigurationException($"--{StorageName} must not be empty");
        var storageConfig = flags.GetNonEmptyString(StorageConfig);
        if (storageConfig is not null) RequireFile(StorageConfig, storageConfig);
        var storageStartTimeout = SecurityFlags.ParseDuration(StorageStartTimeout, flags.GetString(StorageStartTimeout) ?? "2m");

        var address = flags.GetString(BindAddress) ?? "0.0.0.0";
        if (!IPAddress.TryParse(address, out var bindAddress))
            throw new UsageException($"invalid argument \"{address}\" for \"--{BindAddress}\" flag: not an IP address");
        var securePort = flags.GetInt32(SecurePort, 1, 65535);

        var certDir = flags.GetNonEmptyString(CertDir);
        if (certDir is not null && File.Exists(certDir))
            throw new HostConfigurationException($"--{CertDir} \"{certDir}\" is a file, not a directory");

        var certFile = flags.GetNonEmptyString(TlsCertFile);
        var keyFile = flags.GetNonEmptyString(TlsPrivateKeyFile);
        if ((certFile is null) != (keyFile is null))
            throw new HostConfigurationException($"--{TlsCertFile} and --{TlsPrivateKeyFile} must be given together");
        if (certFile is not null) RequireFile(TlsCertFile, certFile);
        if (keyFile is not null) RequireFile(TlsPrivateKeyFile, keyFile);

        var security = SecurityFlags.ToOptions(flags);
        var gates = FeatureGateFlags.Parse(flags.GetNonEmptyString(FeatureGateFlags.Name), storageName,
            runsSynchro: flags.IsDefined(SynchroFlags.PediaClusters), servesApi: security is not null, registry);
        var synchro = SynchroFlags.ToOptions(flags, gates.Synchro);
        if (synchro?.Metrics?.Port == securePort)
            throw new HostConfigurationException($"--{SynchroFlags.MetricsPort} and --{SecurePort} are both {securePort}: give the metrics their own port (or 0)");
        return UpstreamFlags.Apply(flags, new HostOptions(
            new StorageOptions(storageName, storageConfig is null ? null : Path.GetFullPath(storageConfig))
            {
                FeatureGates = gates.Storage, StartTimeout = storageStartTimeout,
            },
            new ServingOptions(bindAddress, securePort, certDir, certFile, keyFile),
            security,
            synchro) { ApiFeatureGates = gates.Api });
    }

    internal static void RequireFile(string flag, string path)
    {
        if (Directory.Exists(path))
            throw new HostConfigurationException($"--{flag} \"{path}\" is a directory, not a file");
        if (!File.Exists(path))
            throw new HostConfigurationException($"--{flag} \"{path}\" does not exist");
    }
}
