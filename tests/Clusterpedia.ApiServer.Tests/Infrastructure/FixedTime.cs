namespace Clusterpedia.ApiServer.Tests.Infrastructure;

/// <summary>A clock standing still, so table ages are predictable.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
