using System.Data.Common;
using System.Diagnostics;

namespace Clusterpedia.Storage.Internal.Logging;

/// <summary>
/// Times one statement for the SQL log. Without a log it is an empty struct: no clock is read and nothing is built,
/// so the storage pays nothing for logging it does not do.
/// </summary>
internal struct SqlTrace
{
    private readonly SqlLog? _log;
    private readonly long _started;
    private long _outside;

    private SqlTrace(SqlLog log)
    {
        _log = log;
        _started = Stopwatch.GetTimestamp();
    }

    public static SqlTrace Start(SqlLog? log) => log is null ? default : new SqlTrace(log);

    /// <summary>Marks the start of time that is not the statement's (a list's rows going to the client); 0 without a log.</summary>
    public readonly long Pause() => _log is null ? 0 : Stopwatch.GetTimestamp();

    /// <summary>Ends time spent outside since <paramref name="paused"/>; it does not count towards the duration.</summary>
    public void Resume(long paused)
    {
        if (_log is not null) _outside += Stopwatch.GetTimestamp() - paused;
    }

    public readonly void Done(DbCommand command, long rows) => _log?.Trace(Nanoseconds(), command, rows, null);

    public readonly void Failed(DbCommand command, long rows, Exception error) => _log?.Trace(Nanoseconds(), command, rows, error);

    public readonly void NotFound(DbCommand command) => _log?.TraceNotFound(Nanoseconds(), command);

    private readonly long Nanoseconds() =>
        (long)((Stopwatch.GetTimestamp() - _started - _outside) * (1e9 / Stopwatch.Frequency));
}
