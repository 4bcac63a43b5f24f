using Clusterpedia.Kube.Api;
using Microsoft.Extensions.Logging;

namespace Clusterpedia.Synchro.Host;

/// <summary>
/// List then watch one host-cluster resource of small objects, handing each to callbacks: upserts, deletions, and
/// after every (re)list the names it saw, so the owner can drop what vanished while nobody watched.
/// </summary>
internal sealed partial class HostInformer(
    KubeClient client,
    ApiResourcePath resource,
    Func<ReadOnlyMemory<byte>, CancellationToken, Task> onUpsert,
    Func<string, CancellationToken, Task> onDelete,
    Func<IReadOnlySet<string>, CancellationToken, Task> onListed,
    ILogger logger)
{
    public async Task RunAsync(CancellationToken ct)
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var rv = await ListAsync(ct).ConfigureAwait(false);
                while (true)
                {
                    await foreach (var e in client.WatchAsync(resource, rv, KubeClient.RandomWatchTimeoutSeconds(), ct).ConfigureAwait(false))
                    {
                        rv = e.Key.ResourceVersion;
                        if (e.Type == KubeWatchEventType.Bookmark) continue;
                        if (e.Type == KubeWatchEventType.Deleted) await onDelete(e.Key.Name, ct).ConfigureAwait(false);
                        else await onUpsert(e.Json, ct).ConfigureAwait(false);
                    }
                    backoff = TimeSpan.FromSeconds(1);
                }
            }
            catch (KubeApiException e) when (e.IsExpired)
            {
                // relist
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                LogFailed(logger, resource.ToString(), e.Message);
                await Task.Delay(backoff, ct).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
    }

    private async Task<string> ListAsync(CancellationToken ct)
    {
        var listed = new HashSet<string>(StringComparer.Ordinal);
        var rv = "";
        await foreach (var page in client.ListAsync(resource, 100, null, ct).ConfigureAwait(false))
        {
            foreach (var item in page.Items)
            {
                listed.Add(item.Key.Name);
                await onUpsert(item.Json, ct).ConfigureAwait(false);
            }
            rv = page.ResourceVersion;
        }
        await onListed(listed, ct).ConfigureAwait(false);
        return rv;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "host cluster: list/watch of {Resource} failed: {Error}")]
    private static partial void LogFailed(ILogger logger, string resource, string error);
}
