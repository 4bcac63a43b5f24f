using System.Globalization;
using System.Threading.Channels;

namespace Clusterpedia.Storage.Internal.Logging;

/// <summary>
/// Hands log lines to a background task that writes them to the output, so a request never waits on the disk. The
/// queue is bounded: when it is full a line is dropped and counted, and the log says how many it lost.
/// </summary>
internal sealed class LogLineWriter : IAsyncDisposable
{
    public const int DefaultCapacity = 4096;

    private readonly Channel<string> _lines;
    private readonly ILogOutput _output;
    private readonly Task _loop;
    private long _dropped;
    private long _failed;
    private string _lastFailure = "";

    public LogLineWriter(ILogOutput output, int capacity = DefaultCapacity)
    {
        _output = output;
        _lines = Channel.CreateBounded<string>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _loop = Task.Run(WriteLoopAsync);
    }

    /// <summary>Lines dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Lines the output refused (disk full, file removed).</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Queues a line (ending in a newline); never waits.</summary>
    public void Write(string line)
    {
        if (!_lines.Writer.TryWrite(line)) Interlocked.Increment(ref _dropped);
    }

    private async Task WriteLoopAsync()
    {
        var reader = _lines.Reader;
        long droppedReported = 0, failedReported = 0;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var line)) Emit(line);
            // A drop needs a full queue, which this loop then drains: the count is seen right after.
            var dropped = Dropped;
            if (dropped != droppedReported)
            {
                Emit(Notice($"{dropped - droppedReported} lines dropped: the writer could not keep up"));
                droppedReported = dropped;
            }
            var failed = Failed;
            if (failed != failedReported && Emit(Notice($"{failed - failedReported} lines could not be written: {_lastFailure}"), count: false))
                failedReported = failed;
            try
            {
                _output.Flush();
            }
            catch (Exception e) when (IsOutputFailure(e))
            {
                _lastFailure = e.Message;
            }
        }
    }

    private bool Emit(string line, bool count = true)
    {
        try
        {
            _output.Write(line);
            return true;
        }
        catch (Exception e) when (IsOutputFailure(e))
        {
            _lastFailure = e.Message;
            if (count) Interlocked.Increment(ref _failed);
            return false;
        }
    }

    private static bool IsOutputFailure(Exception e) => e is IOException or UnauthorizedAccessException or ObjectDisposedException;

    private static string Notice(string text) =>
        $"{DateTime.Now.ToString(SqlLog.TimeFormat, CultureInfo.InvariantCulture)} SQL log: {text}\n";

    /// <summary>Writes what is queued, then closes the output.</summary>
    public async ValueTask DisposeAsync()
    {
        _lines.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        await _output.DisposeAsync().ConfigureAwait(false);
    }
}
