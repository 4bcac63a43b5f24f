namespace Clusterpedia.Kube.Connection;

/// <summary>
/// client-go's client-side rate limit (<c>--kube-api-qps</c>, <c>--kube-api-burst</c>): a token bucket of
/// <c>burst</c> tokens refilled at <c>qps</c> per second. Each request takes a token, waiting for one when none is left.
/// </summary>
public sealed class RequestRateLimiter
{
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private double _tokens;
    private long _last;

    public RequestRateLimiter(double qps, int burst, TimeProvider? time = null)
    {
        if (!(qps > 0) || double.IsInfinity(qps)) throw new ArgumentOutOfRangeException(nameof(qps), qps, "qps must be a positive number");
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        Qps = qps;
        Burst = burst;
        _time = time ?? TimeProvider.System;
        _tokens = burst;
        _last = _time.GetTimestamp();
    }

    public double Qps { get; }
    public int Burst { get; }

    /// <summary>Takes a token now and returns how long the caller must wait before using it (zero when one was left).</summary>
    public TimeSpan Reserve()
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            _tokens = Math.Min(Burst, _tokens + _time.GetElapsedTime(_last, now).TotalSeconds * Qps);
            _last = now;
            _tokens -= 1; // a debt below zero is paid by waiting, so waiters are served in order
            return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / Qps);
        }
    }

    public Task WaitAsync(CancellationToken cancellationToken)
    {
        var delay = Reserve();
        return delay == TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, _time, cancellationToken);
    }
}
