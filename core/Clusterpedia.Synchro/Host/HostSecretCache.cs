using System.Collections.Concurrent;
using System.Text.Json;
using Clusterpedia.Kube.Api;
using Clusterpedia.Synchro.Api;
using Clusterpedia.Synchro.Manager;
using Microsoft.Extensions.Logging;

namespace Clusterpedia.Synchro.Host;

/// <summary>
/// The Secrets of the manager's namespace, kept by a list/watch (upstream's gated Secret informer). A Secret whose data
/// changes, appears or vanishes re-reconciles the clusters whose authenticationFrom names it.
/// </summary>
internal sealed class HostSecretCache(KubeClient host, string @namespace, ClusterSynchroManager manager, ILogger logger) : IClusterSecrets
{
    private readonly ConcurrentDictionary<string, Dictionary<string, byte[]>> _secrets = new(StringComparer.Ordinal);

    public string Namespace => @namespace;

    public IReadOnlyDictionary<string, byte[]>? Get(string name) => _secrets.GetValueOrDefault(name);

    public Task RunAsync(CancellationToken ct) =>
        new HostInformer(host, new ApiResourcePath("", "v1", "secrets") { Namespace = @namespace }, UpsertAsync, RemoveAsync, async (listed, c) =>
        {
            foreach (var name in _secrets.Keys.Where(n => !listed.Contains(n)).ToList()) await RemoveAsync(name, c).ConfigureAwait(false);
        }, logger).RunAsync(ct);

    private async Task UpsertAsync(ReadOnlyMemory<byte> json, CancellationToken ct)
    {
        var secret = JsonSerializer.Deserialize(json.Span, SynchroJsonContext.Default.Secret)!;
        var data = secret.Data ?? [];
        var name = secret.Metadata.Name;
        if (_secrets.TryGetValue(name, out var old) && SameData(old, data)) return;
        _secrets[name] = data;
        await manager.SecretChangedAsync(name, ct).ConfigureAwait(false);
    }

    private async Task RemoveAsync(string name, CancellationToken ct)
    {
        if (_secrets.TryRemove(name, out _)) await manager.SecretChangedAsync(name, ct).ConfigureAwait(false);
    }

    private static bool SameData(Dictionary<string, byte[]> a, Dictionary<string, byte[]> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v.AsSpan().SequenceEqual(kv.Value));
}
