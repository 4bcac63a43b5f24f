using System.Data.Common;
using System.Globalization;
using System.Text;
using Clusterpedia.Storage.Internal.Config;

namespace Clusterpedia.Storage.Internal.Logging;

/// <summary>
/// The SQL log (upstream's GORM logger): at Info every statement with its duration and rows; at Warn statements slower
/// than the threshold (<c>SLOW SQL &gt;= 200ms</c>); at Error failed statements with their error. One line each:
/// <c>2006/01/02 15:04:05 [1.234ms] [rows:3] SELECT ...</c>. Exists only when the config has a <c>log</c> key
/// above Silent; otherwise the storage holds null and neither times nor formats anything.
/// </summary>
internal sealed class SqlLog : IAsyncDisposable
{
    /// <summary>Go's <c>log.LstdFlags</c> prefix, local time.</summary>
    public const string TimeFormat = "yyyy'/'MM'/'dd HH':'mm':'ss";

    /// <summary>GORM's <c>ErrRecordNotFound</c> text, for a get that finds no row.</summary>
    public const string RecordNotFound = "record not found";

    // GORM's colours (logger.go).
    private const string Reset = "\u001b[0m";
    private const string Yellow = "\u001b[33m";
    private const string Magenta = "\u001b[35m";
    private const string BlueBold = "\u001b[34;1m";
    private const string MagentaBold = "\u001b[35;1m";
    private const string RedBold = "\u001b[31;1m";

    private readonly SqlLogSettings _settings;
    private readonly LogLineWriter _writer;
    private readonly string _slow;

    internal SqlLog(SqlLogSettings settings, LogLineWriter writer)
    {
        _settings = settings;
        _writer = writer;
        _slow = "SLOW SQL >= " + GoDuration.Format(settings.SlowThresholdNanoseconds);
    }

    /// <summary>The log for <paramref name="settings"/>; null when there is nothing to log (no <c>log</c> key, or Silent).</summary>
    /// <exception cref="StorageConfigException">The log file cannot be opened for writing (the message names it).</exception>
    public static SqlLog? Create(SqlLogSettings? settings, string source)
    {
        if (settings is null || settings.Level == SqlLogLevel.Silent) return null;
        ILogOutput output = settings.File is { } file ? OpenFile(file, source) : new ConsoleLogOutput(Console.Out);
        return new SqlLog(settings, new LogLineWriter(output));
    }

    private static RotatingLogFile OpenFile(LogFileSettings file, string source)
    {
        try
        {
            return RotatingLogFile.Open(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new StorageConfigException(
                $"storage config {source}: log.logger.filename: cannot write the SQL log file {file.Filename}: {e.Message}", e);
        }
    }

    /// <summary>Logs a finished statement as GORM's <c>Trace</c>: an error first, else slowness, else (at Info) the statement.</summary>
    /// <param name="rows">Rows returned or affected; -1 when unknown (shown as <c>-</c>).</param>
    public void Trace(long nanoseconds, DbCommand command, long rows, Exception? error) =>
        Trace(nanoseconds, command, rows, error is null ? null : OneLine(error.Message), notFound: false);

    /// <summary>A get that found no row: GORM's <c>record not found</c> error, unless <c>ignoreRecordNotFoundError</c>.</summary>
    public void TraceNotFound(long nanoseconds, DbCommand command) => Trace(nanoseconds, command, 0, RecordNotFound, notFound: true);

    private void Trace(long nanoseconds, DbCommand command, long rows, string? error, bool notFound)
    {
        var level = _settings.Level;
        var slow = _settings.SlowThresholdNanoseconds;
        if (error is not null && level >= SqlLogLevel.Error && !(notFound && _settings.IgnoreRecordNotFoundError))
            Write(nanoseconds, command, rows, error, _settings.Colorful ? (MagentaBold, Reset + Yellow, BlueBold, Reset, "") : default);
        else if (slow != 0 && nanoseconds > slow && level >= SqlLogLevel.Warn)
            Write(nanoseconds, command, rows, _slow, _settings.Colorful ? (Yellow, Reset + RedBold, Yellow, Magenta, Reset) : default);
        else if (level == SqlLogLevel.Info)
            Write(nanoseconds, command, rows, null, _settings.Colorful ? ("", Yellow, BlueBold, Reset, "") : default);
    }

    /// <summary>
    /// <c>time [label ][1.234ms] [rows:n] sql</c>; the colours go before the label, the duration, the rows and the
    /// statement, and at the end (GORM's trace, trace-warn and trace-error formats on one line).
    /// </summary>
    private void Write(long nanoseconds, DbCommand command, long rows, string? label,
        (string Label, string Duration, string Rows, string Sql, string End) colors)
    {
        var sb = new StringBuilder(256);
        sb.Append(DateTime.Now.ToString(TimeFormat, CultureInfo.InvariantCulture)).Append(' ');
        if (label is not null) sb.Append(colors.Label).Append(label).Append(' ');
        sb.Append(colors.Duration).Append(CultureInfo.InvariantCulture, $"[{nanoseconds / 1e6:0.000}ms] ")
            .Append(colors.Rows).Append("[rows:").Append(rows < 0 ? "-" : rows.ToString(CultureInfo.InvariantCulture)).Append(']')
            .Append(colors.Sql).Append(' ').Append(SqlStatementText.Render(command.CommandText, command.Parameters))
            .Append(colors.End).Append('\n');
        _writer.Write(sb.ToString());
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");

    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}
