using Clusterpedia.Storage;

namespace Clusterpedia.Hosting;

/// <summary>
/// Starting a storage layer whose database is not up yet (a chart starts both at once): a start that fails
/// recoverably (unreachable, timed out) is retried with backoff, each attempt logged, until
/// <c>--storage-start-timeout</c>; a fatal failure (bad config, a refused schema) stops at once.
/// </summary>
public static class StorageStart
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(10);

    /// <summary>Runs <paramref name="start"/> until it succeeds, fails unrecoverably, or the timeout has passed.</summary>
    public static async ValueTask<IStorageFactory> WithRetriesAsync(Func<ValueTask<IStorageFactory>> start, string name, TimeSpan timeout,
        TextWriter log, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        time ??= TimeProvider.System;
        var deadline = time.GetTimestamp() + (long)(timeout.TotalSeconds * time.TimestampFrequency);
        var delay = FirstDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await start().ConfigureAwait(false);
            }
            catch (StorageException e) when (e.IsRecoverable && !cancellationToken.IsCancellationRequested)
            {
                var left = time.GetElapsedTime(time.GetTimestamp(), deadline);
                if (timeout <= TimeSpan.Zero || left <= TimeSpan.Zero) throw;
                var wait = delay < left ? delay : left;
                await log.WriteLineAsync(
                    $"storage layer \"{name}\" is not reachable yet (attempt {attempt}): {e.Message}; retrying in {wait.TotalSeconds:0.#}s " +
                    $"(--storage-start-timeout, {left.TotalSeconds:0}s left)").ConfigureAwait(false);
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
                delay = delay * 2 < MaxDelay ? delay * 2 : MaxDelay;
            }
        }
    }
}
