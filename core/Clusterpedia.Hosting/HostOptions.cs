using System.Net;

namespace Clusterpedia.Hosting;

/// <summary>Everything a host was told on its command line, validated once at start-up.</summary>
/// <param name="Security">Authentication and authorization of the API; null for executables that do not serve it.</param>
/// <param name="Synchro">The cluster synchro's source and options; null for executables that do not sync.</param>
public sealed record HostOptions(
    StorageOptions Storage,
    ServingOptions Serving,
    Clusterpedia.ApiServer.Security.SecurityOptions? Security = null,
    SynchroHostOptions? Synchro = null)
{
    /// <summary><c>-v</c>: the minimum level logged.</summary>
    public Microsoft.Extensions.Logging.LogLevel MinimumLogLevel { get; init; } = Microsoft.Extensions.Logging.LogLevel.Information;

    /// <summary>The API server's gates given in <c>--feature-gates</c> (<see cref="CommandLine.ApiServerFeatureGates"/>).</summary>
    public IReadOnlyDictionary<string, bool> ApiFeatureGates { get; init; } = new Dictionary<string, bool>(StringComparer.Ordinal);

    /// <summary>Flags accepted but without (full) effect in this build; printed to stderr at start-up.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary><c>--storage-name</c> and <c>--storage-config</c>; the config file is known to exist.</summary>
public sealed record StorageOptions(string Name, string? ConfigPath)
{
    /// <summary>The selected layer's gates given in <c>--feature-gates</c>, all declared by that layer.</summary>
    public IReadOnlyDictionary<string, bool> FeatureGates { get; init; } = new Dictionary<string, bool>(StringComparer.Ordinal);

    /// <summary>How long to keep retrying a layer whose start fails recoverably (its database not up yet); zero: once.</summary>
    public TimeSpan StartTimeout { get; init; } = StorageStart.DefaultTimeout;
}

/// <summary>Where and how the HTTPS server listens.</summary>
/// <param name="CertDir">Where a generated self-signed certificate is kept; null keeps it in memory.</param>
/// <param name="TlsCertFile">The serving certificate (PEM, leaf first); null means generate one.</param>
/// <param name="TlsPrivateKeyFile">Its private key (PEM); set exactly when <paramref name="TlsCertFile"/> is.</param>
public sealed record ServingOptions(
    IPAddress BindAddress,
    int SecurePort,
    string? CertDir,
    string? TlsCertFile,
    string? TlsPrivateKeyFile);
