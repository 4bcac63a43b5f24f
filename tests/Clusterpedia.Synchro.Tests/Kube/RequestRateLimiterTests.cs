using Clusterpedia.Kube.Connection;

namespace Clusterpedia.Synchro.Tests.Kube;

/// <summary>--kube-api-qps/--kube-api-burst's token bucket, on a clock the test moves (no waiting).</summary>
public sealed class RequestRateLimiterTests
{
    private sealed class ManualClock : TimeProvider
    {
        private long _ticks;
        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
        public override long GetTimestamp() => _ticks;
        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }

    [Fact]
    public void A_burst_passes_at_once_then_requests_wait_one_token_each()
    {
        var clock = new ManualClock();
        var limiter = new RequestRateLimiter(qps: 2, burst: 3, clock);

        Assert.Equal([TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero], [limiter.Reserve(), limiter.Reserve(), limiter.Reserve()]);
        Assert.Equal(TimeSpan.FromSeconds(0.5), limiter.Reserve());
        Assert.Equal(TimeSpan.FromSeconds(1), limiter.Reserve()); // queued behind the previous waiter

        clock.Advance(TimeSpan.FromSeconds(1)); // pays the two debts
        Assert.Equal(TimeSpan.FromSeconds(0.5), limiter.Reserve());
    }

    [Fact]
    public void An_idle_bucket_refills_only_up_to_the_burst()
    {
        var clock = new ManualClock();
        var limiter = new RequestRateLimiter(qps: 10, burst: 2, clock);
        limiter.Reserve();
        limiter.Reserve();

        clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal([TimeSpan.Zero, TimeSpan.Zero], [limiter.Reserve(), limiter.Reserve()]);
        Assert.Equal(TimeSpan.FromSeconds(0.1), limiter.Reserve());
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-1, 1)]
    [InlineData(1, 0)]
    public void Non_positive_settings_are_refused(double qps, int burst) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RequestRateLimiter(qps, burst));
}
