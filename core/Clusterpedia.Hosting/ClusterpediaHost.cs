using Clusterpedia.ApiServer.Security;
using Clusterpedia.Hosting.CommandLine;
using Clusterpedia.Hosting.Serving;
using Clusterpedia.Hosting.Storage;
using Clusterpedia.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace Clusterpedia.Hosting;

/// <summary>
/// The entry point every executable calls: parse the flags, select the storage layer, then serve until stopped.
/// </summary>
public static class ClusterpediaHost
{
    /// <returns>The process exit code (<see cref="ExitCodes"/>).</returns>
    public static Task<int> RunAsync(string component, string[] args, IStorageLayerRegistry registry, HostDefaults defaults) =>
        RunAsync(component, args, registry, defaults, Console.Out, Console.Error, CancellationToken.None);

    public static async Task<int> RunAsync(
        string component,
        IReadOnlyList<string> args,
        IStorageLayerRegistry registry,
        HostDefaults defaults,
        TextWriter stdout,
        TextWriter stderr,
        CancellationToken cancellationToken)
    {
        var host = HostComponent.FromName(component);
        var flags = HostFlags.Create(host, defaults, registry);
        HostOptions options;
        try
        {
            var parsed = flags.Parse(args);
            if (parsed.GetBool(HostFlags.Help))
            {
                await stdout.WriteAsync(flags.Usage()).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            if (parsed.GetBool(HostFlags.Version))
            {
                await stdout.WriteAsync(VersionInfo.Create(host, registry).ToText()).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            options = HostFlags.ToOptions(parsed, registry);
            foreach (var warning in options.Warnings) await stderr.WriteLineAsync($"Warning: {warning}").ConfigureAwait(false);
        }
        catch (UsageException ex)
        {
            await stderr.WriteLineAsync($"Error: {ex.Message}\nRun '{component} --help' for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (HostConfigurationException ex)
        {
            await stderr.WriteLineAsync($"Error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        ServingCertificate certificate;
        IStorageFactory storage;
        ClusterpediaSecurity? security = null;
        try
        {
            StorageLayerSelection.Validate(host, options.Storage, registry);
            certificate = ServingCertificate.Load(options.Serving);
            if (options.Security is { } securityOptions) security = await ClusterpediaSecurity.CreateAsync(securityOptions, cancellationToken: cancellationToken).ConfigureAwait(false);
            storage = await StorageLayerSelection.CreateAsync(options.Storage, registry, cancellationToken, stderr).ConfigureAwait(false);
        }
        catch (HostConfigurationException ex)
        {
            security?.Dispose();
            await stderr.WriteLineAsync($"Error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (SecurityConfigurationException ex)
        {
            await stderr.WriteLineAsync($"Error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        using (security)
        await using (storage.ConfigureAwait(false))
        {
            try
            {
                return await ServeAsync(host, options, certificate, storage, registry, security, stderr, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await storage.ShutdownAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private static async Task<int> ServeAsync(
        HostComponent host,
        HostOptions options,
        ServingCertificate certificate,
        IStorageFactory storage,
        IStorageLayerRegistry registry,
        ClusterpediaSecurity? security,
        TextWriter stderr,
        CancellationToken cancellationToken)
    {
        WebApplication built;
        try
        {
            built = HostServer.Build(host, options, certificate, storage, VersionInfo.Create(host, registry), security);
        }
        catch (HostConfigurationException ex)
        {
            // The host cluster's --kubeconfig is read while the services are registered.
            await stderr.WriteLineAsync($"Error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        await using var app = built;
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            // Kestrel reports a taken port or a privileged one (443 without the capability) this way.
            await stderr.WriteLineAsync(
                $"Error: cannot serve HTTPS on {options.Serving.BindAddress}:{options.Serving.SecurePort} " +
                $"(--bind-address/--secure-port): {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
