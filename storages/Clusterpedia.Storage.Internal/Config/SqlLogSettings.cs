namespace Clusterpedia.Storage.Internal.Config;

/// <summary>GORM's log levels, in GORM's order: each level logs what the ones before it log.</summary>
public enum SqlLogLevel
{
    Silent = 1,
    Error = 2,
    Warn = 3,
    Info = 4,
}

/// <summary>
/// The <c>log</c> key resolved: GORM's logger settings and where lines go (standard output, or a lumberjack file when
/// <see cref="File"/> is set).
/// </summary>
/// <param name="SlowThresholdNanoseconds">Statements slower than this are logged at Warn (<c>SLOW SQL &gt;= ...</c>); nanoseconds as Go's durations.</param>
public sealed record SqlLogSettings(
    SqlLogLevel Level,
    long SlowThresholdNanoseconds,
    bool IgnoreRecordNotFoundError,
    bool Colorful,
    LogFileSettings? File)
{
    public const string DefaultFilename = "/var/log/clusterpedia/internalstorage.log";

    /// <summary>Upstream's <c>default:"200ms"</c>; configor also puts it in place of an explicit 0.</summary>
    public const long DefaultSlowThresholdNanoseconds = 200_000_000;

    /// <summary>Resolves the <c>log</c> key; null when it is absent (upstream discards the log then).</summary>
    /// <exception cref="StorageConfigException">A bad level, duration or size, naming the key and <paramref name="source"/>.</exception>
    public static SqlLogSettings? From(LogConfig? log, string source)
    {
        if (log is null) return null;
        // Upstream compares "Silent", "Error", "Warn", "Info" exactly; any case is accepted here, and empty is Warn.
        var level = log.Level?.Trim().ToLowerInvariant() switch
        {
            null or "" or "warn" => SqlLogLevel.Warn,
            "silent" => SqlLogLevel.Silent,
            "error" => SqlLogLevel.Error,
            "info" => SqlLogLevel.Info,
            _ => throw new StorageConfigException($"storage config {source}: log.level must be Silent, Error, Warn or Info, got '{log.Level}'"),
        };
        var slow = 0L;
        if (!string.IsNullOrWhiteSpace(log.SlowThreshold) && !GoDuration.TryParseNanoseconds(log.SlowThreshold, out slow))
            throw new StorageConfigException($"storage config {source}: key 'log.slowThreshold' is not a duration (like 200ms, 1s): '{log.SlowThreshold}'");
        if (slow == 0) slow = DefaultSlowThresholdNanoseconds;
        var file = log.Stdout == true ? null : LogFileSettings.From(log.Logger, source);
        return new SqlLogSettings(level, slow, log.IgnoreRecordNotFoundError ?? false, log.Colorful ?? false, file);
    }
}

/// <summary>lumberjack.Logger's settings: the file, and when its backups rotate, expire and are compressed.</summary>
/// <param name="MaxSizeBytes">Rotate before a write would take the file past this size (<c>maxsize</c> MB; 0 means 100).</param>
/// <param name="MaxAgeDays">Delete backups older than this many days; 0 keeps them.</param>
/// <param name="MaxBackups">Keep at most this many backups; 0 keeps them all.</param>
/// <param name="LocalTime">Backup names carry local time instead of UTC.</param>
public sealed record LogFileSettings(string Filename, long MaxSizeBytes, int MaxAgeDays, int MaxBackups, bool LocalTime, bool Compress)
{
    private const long Megabyte = 1024 * 1024;

    internal static LogFileSettings From(LumberjackConfig? logger, string source)
    {
        logger ??= new LumberjackConfig();
        if (logger.Maxsize < 0 || logger.Maxage < 0 || logger.Maxbackups < 0)
            throw new StorageConfigException($"storage config {source}: log.logger.maxsize, maxage and maxbackups must not be negative");
        var size = logger.Maxsize is { } mb and > 0 ? mb : 100;
        return new LogFileSettings(
            string.IsNullOrWhiteSpace(logger.Filename) ? SqlLogSettings.DefaultFilename : logger.Filename,
            size * Megabyte, logger.Maxage ?? 0, logger.Maxbackups ?? 0, logger.Localtime ?? false, logger.Compress ?? false);
    }
}
