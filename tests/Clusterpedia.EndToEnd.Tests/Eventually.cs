namespace Clusterpedia.EndToEnd.Tests;

/// <summary>Bounded polling: tests wait for a state, never for a time.</summary>
public static class Eventually
{
    /// <summary>Reads until <paramref name="done"/> holds or <paramref name="deadline"/> passes; returns the last value either way.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan deadline, TimeSpan? interval = null)
    {
        var until = DateTime.UtcNow + deadline;
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > until) return value;
            await Task.Delay(interval ?? TimeSpan.FromMilliseconds(200));
        }
    }
}
