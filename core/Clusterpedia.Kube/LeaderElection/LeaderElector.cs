using System.Globalization;
using System.Text.Json;
using Clusterpedia.Kube.Api;

namespace Clusterpedia.Kube.LeaderElection;

/// <summary>
/// Lease-based leader election (client-go's algorithm on coordination.k8s.io/v1 Leases): acquire when the lease is
/// free or expired, renew every retry period, and stop leading when renewals fail for the renew deadline.
/// </summary>
public sealed class LeaderElector(KubeClient client, LeaderElectionOptions options)
{
    private static readonly ApiResourcePath Leases = new("coordination.k8s.io", "v1", "leases");

    public bool IsLeader { get; private set; }

    /// <summary>
    /// Waits for leadership, then runs <paramref name="lead"/> with a token that is cancelled when leadership is lost
    /// (or <paramref name="cancellationToken"/> ends). Returns after <paramref name="lead"/> returns.
    /// </summary>
    public async Task RunAsync(Func<CancellationToken, Task> lead, CancellationToken cancellationToken)
    {
        while (!await TryAcquireQuietlyAsync(cancellationToken).ConfigureAwait(false))
            await Task.Delay(options.RetryPeriod, cancellationToken).ConfigureAwait(false);
        IsLeader = true;
        using var leading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renew = RenewAsync(leading);
        try
        {
            await lead(leading.Token).ConfigureAwait(false);
        }
        finally
        {
            await leading.CancelAsync().ConfigureAwait(false);
            try
            {
                await renew.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
            IsLeader = false;
        }
    }

    private async Task RenewAsync(CancellationTokenSource leading)
    {
        var lastRenew = DateTimeOffset.UtcNow;
        while (!leading.IsCancellationRequested)
        {
            await Task.Delay(options.RetryPeriod, leading.Token).ConfigureAwait(false);
            var renewed = await TryAcquireQuietlyAsync(leading.Token).ConfigureAwait(false);
            if (renewed) lastRenew = DateTimeOffset.UtcNow;
            else if (DateTimeOffset.UtcNow - lastRenew > options.RenewDeadline)
            {
                await leading.CancelAsync().ConfigureAwait(false); // lost: whoever leads must stop now
                return;
            }
        }
    }

    /// <summary>An unreachable host only delays acquiring.</summary>
    private async Task<bool> TryAcquireQuietlyAsync(CancellationToken ct)
    {
        try
        {
            return await TryAcquireOrRenewAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is KubeApiException or HttpRequestException or IOException && !ct.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task<bool> TryAcquireOrRenewAsync(CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow;
        var path = Leases.ItemPath(options.Namespace, options.Name);
        Lease lease;
        try
        {
            lease = JsonSerializer.Deserialize(await client.GetObjectAsync(path, ct).ConfigureAwait(false), LeaseJsonContext.Default.Lease)!;
        }
        catch (KubeApiException e) when (e.StatusCode == 404)
        {
            var created = new Lease
            {
                Metadata = new LeaseMetadata { Name = options.Name, Namespace = options.Namespace },
                Spec = new LeaseSpec
                {
                    HolderIdentity = options.Identity, LeaseDurationSeconds = (int)options.LeaseDuration.TotalSeconds,
                    AcquireTime = MicroTime(now), RenewTime = MicroTime(now), LeaseTransitions = 0,
                },
            };
            return await TryWriteAsync(() => client.CreateObjectAsync(CollectionPath(), Serialize(created), ct)).ConfigureAwait(false);
        }

        var spec = lease.Spec;
        if (spec.HolderIdentity != options.Identity && !string.IsNullOrEmpty(spec.HolderIdentity))
        {
            var renewedAt = ParseMicroTime(spec.RenewTime);
            var duration = TimeSpan.FromSeconds(spec.LeaseDurationSeconds ?? (int)options.LeaseDuration.TotalSeconds);
            if (renewedAt is { } t && t + duration > now) return false; // held by someone else and not expired
        }
        if (spec.HolderIdentity != options.Identity)
        {
            spec.LeaseTransitions = (spec.LeaseTransitions ?? 0) + (string.IsNullOrEmpty(spec.HolderIdentity) ? 0 : 1);
            spec.AcquireTime = MicroTime(now);
            spec.HolderIdentity = options.Identity;
        }
        spec.LeaseDurationSeconds = (int)options.LeaseDuration.TotalSeconds;
        spec.RenewTime = MicroTime(now);
        return await TryWriteAsync(() => client.PutObjectAsync(path, Serialize(lease), ct)).ConfigureAwait(false);

        string CollectionPath() => $"apis/coordination.k8s.io/v1/namespaces/{Uri.EscapeDataString(options.Namespace)}/leases";
    }

    /// <summary>A lost race (409) means someone else wrote first: not leader this round.</summary>
    private static async Task<bool> TryWriteAsync(Func<Task<byte[]>> write)
    {
        try
        {
            await write().ConfigureAwait(false);
            return true;
        }
        catch (KubeApiException e) when (e.StatusCode == 409)
        {
            return false;
        }
    }

    private static byte[] Serialize(Lease lease) => JsonSerializer.SerializeToUtf8Bytes(lease, LeaseJsonContext.Default.Lease);

    private static string MicroTime(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset? ParseMicroTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
}
