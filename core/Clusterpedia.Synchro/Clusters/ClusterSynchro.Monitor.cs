using Clusterpedia.Kube.Api;
using Clusterpedia.Synchro.Api;
using Microsoft.Extensions.Logging;

namespace Clusterpedia.Synchro.Clusters;

// The health monitor (§6.5): /readyz every few seconds; pause the resource synchros when the cluster is not
// ready twice in a row (at once if it never was), resume them on recovery.
public sealed partial class ClusterSynchro
{
    private async Task MonitorAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var result = await _client.CheckHealthAsync(ct).ConfigureAwait(false);
                if (result.IsHealthy) await OnHealthyAsync(ct).ConfigureAwait(false);
                else await OnNotHealthyAsync(result).ConfigureAwait(false);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                LogMonitorFailed(_logger, Name, e);
            }
            var interval = _options.HealthCheckInterval;
            var jitter = interval * (Random.Shared.NextDouble() * 0.5);
            await Task.Delay(interval + jitter, ct).ConfigureAwait(false);
        }
    }

    private async Task OnHealthyAsync(CancellationToken ct)
    {
        var message = "cluster health responded with ok";
        var recovered = _lastCheckHealthy != true;
        if (recovered || DateTimeOffset.UtcNow - _lastDiscovery > _options.DiscoveryRefreshInterval)
        {
            try
            {
                if (recovered) Version = (await _client.GetVersionAsync(ct).ConfigureAwait(false)).GitVersion ?? Version;
                await RefreshDiscoveryAsync(ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is KubeApiException or HttpRequestException or IOException)
            {
                message += $", failed to refresh server version and discovery: {e.Message}";
            }
            if (recovered) LogHealthy(_logger, Name);
        }
        _lastCheckHealthy = true;
        SetHealth(ConditionStatus.True, ConditionReasons.Healthy, message);
        if (!_runnerActive)
        {
            _runnerActive = true;
            foreach (var s in ResourceSynchros) s.Start();
            _statusChanged();
        }
    }

    /// <summary>
    /// Re-reads discovery; when the served resources changed (a CRD was added or removed), negotiates again, which
    /// starts new resource synchros and stops and cleans the ones whose resource is gone.
    /// </summary>
    private async Task RefreshDiscoveryAsync(CancellationToken ct)
    {
        var discovery = await _client.DiscoverAsync(ct).ConfigureAwait(false);
        _lastDiscovery = DateTimeOffset.UtcNow;
        var changed = !discovery.Resources.Select(Describe).SequenceEqual(_discovery.Resources.Select(Describe));
        _discovery = discovery;
        if (changed && _wanted is { } wanted) await SetResourcesAsync(wanted.Resources, wanted.All, ct).ConfigureAwait(false);

        static string Describe(Kube.Discovery.DiscoveredResource r) => $"{r.Group}/{r.Version}/{r.Resource}/{r.Kind}/{r.Namespaced}/{string.Join(',', r.Verbs)}";
    }

    private async Task OnNotHealthyAsync(HealthCheckResult result)
    {
        var reason = result.State == ClusterHealthState.NotReachable ? ConditionReasons.NotReachable : ConditionReasons.Unhealthy;
        SetHealth(ConditionStatus.False, reason, result.Message);
        var stop = _lastCheckHealthy != true;
        _lastCheckHealthy = false;
        if (stop && _runnerActive)
        {
            LogPaused(_logger, Name, result.Message);
            _runnerActive = false;
            foreach (var s in ResourceSynchros) await s.PauseAsync().ConfigureAwait(false);
            _statusChanged();
        }
        else if (stop && !_runnerActive)
        {
            // Never healthy: synchros were never started; report them paused.
            foreach (var s in ResourceSynchros) await s.PauseAsync().ConfigureAwait(false);
        }
    }

    private void SetHealth(string status, string reason, string message)
    {
        lock (_gate)
        {
            if (_health.Status == status && _health.Reason == reason && _health.Message == message) return;
            if (_health.Status != status) _health.LastTransitionTime = DateTimeOffset.UtcNow;
            _health.Status = status;
            _health.Reason = reason;
            _health.Message = message;
        }
        _statusChanged();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "cluster {Cluster}: health monitor step failed")]
    private static partial void LogMonitorFailed(ILogger logger, string cluster, Exception error);

    [LoggerMessage(Level = LogLevel.Information, Message = "cluster {Cluster} is healthy")]
    private static partial void LogHealthy(ILogger logger, string cluster);

    [LoggerMessage(Level = LogLevel.Warning, Message = "cluster {Cluster} is not healthy, pausing its resource synchros: {Reason}")]
    private static partial void LogPaused(ILogger logger, string cluster, string reason);
}
