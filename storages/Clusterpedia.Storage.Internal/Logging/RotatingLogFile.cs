using System.Globalization;
using System.IO.Compression;
using System.Text;
using Clusterpedia.Storage.Internal.Config;

namespace Clusterpedia.Storage.Internal.Logging;

/// <summary>
/// lumberjack's rotating file: before a write would take the file past the maximum size it is renamed to
/// <c>name-2006-01-02T15-04-05.000.ext</c> (UTC, or local time) and a new file is started; then, off the writing
/// thread, backups beyond <c>maxbackups</c> or older than <c>maxage</c> days are deleted and the rest gzipped when
/// <c>compress</c> is set.
/// </summary>
internal sealed class RotatingLogFile : ILogOutput
{
    private const string TimestampFormat = "yyyy-MM-dd'T'HH-mm-ss.fff";

    private readonly LogFileSettings _settings;
    private readonly string _directory;
    private readonly string _prefix;
    private readonly string _extension;
    private FileStream _file;
    private long _size;
    private Task _mill = Task.CompletedTask;

    private RotatingLogFile(LogFileSettings settings, string path)
    {
        _settings = settings;
        Path = path;
        _directory = System.IO.Path.GetDirectoryName(path)!;
        _extension = System.IO.Path.GetExtension(path);
        _prefix = System.IO.Path.GetFileNameWithoutExtension(path) + "-";
        _file = OpenAppend(path);
        _size = _file.Length;
    }

    /// <summary>The file's full path.</summary>
    public string Path { get; }

    /// <summary>Creates the directory and opens (or creates) the file for appending.</summary>
    /// <exception cref="IOException">The file cannot be opened for writing.</exception>
    /// <exception cref="UnauthorizedAccessException">The file or its directory is not writable.</exception>
    public static RotatingLogFile Open(LogFileSettings settings)
    {
        var path = System.IO.Path.GetFullPath(settings.Filename);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        return new RotatingLogFile(settings, path);
    }

    private static FileStream OpenAppend(string path) =>
        new(path, FileMode.Append, FileAccess.Write, FileShare.Read | FileShare.Delete, 64 * 1024);

    public void Write(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        // A line bigger than the limit still gets written, alone in a fresh file.
        if (_size > 0 && _size + bytes.Length > _settings.MaxSizeBytes) Rotate();
        _file.Write(bytes);
        _size += bytes.Length;
    }

    public void Flush() => _file.Flush();

    private void Rotate()
    {
        // Renamed while open (allowed by FileShare.Delete); the old handle is closed only once the new file is open,
        // so a failure leaves a working file behind.
        _file.Flush();
        File.Move(Path, BackupName());
        var next = OpenAppend(Path);
        _file.Dispose();
        _file = next;
        _size = 0;
        var previous = _mill;
        _mill = Task.Run(async () =>
        {
            await previous.ConfigureAwait(false);
            Mill();
        });
    }

    /// <summary>lumberjack's name for a backup made now; a later millisecond when two rotations share one.</summary>
    private string BackupName()
    {
        var time = _settings.LocalTime ? DateTime.Now : DateTime.UtcNow;
        while (true)
        {
            var name = System.IO.Path.Combine(_directory, _prefix + time.ToString(TimestampFormat, CultureInfo.InvariantCulture) + _extension);
            if (!File.Exists(name) && !File.Exists(name + ".gz")) return name;
            time = time.AddMilliseconds(1);
        }
    }

    /// <summary>Deletes backups over the count or age limits and compresses the others, as lumberjack's millRunOnce.</summary>
    private void Mill()
    {
        if (_settings.MaxBackups == 0 && _settings.MaxAgeDays == 0 && !_settings.Compress) return;
        var backups = Backups();
        var remove = new List<string>();
        if (_settings.MaxBackups > 0 && _settings.MaxBackups < backups.Count)
        {
            // A backup and its .gz (a compression cut short) count once.
            var kept = new HashSet<string>(StringComparer.Ordinal);
            var remaining = new List<(string File, DateTime Time)>();
            foreach (var backup in backups)
            {
                kept.Add(backup.File.EndsWith(".gz", StringComparison.Ordinal) ? backup.File[..^3] : backup.File);
                if (kept.Count > _settings.MaxBackups) remove.Add(backup.File);
                else remaining.Add(backup);
            }
            backups = remaining;
        }
        if (_settings.MaxAgeDays > 0)
        {
            var cutoff = DateTime.UtcNow.AddDays(-_settings.MaxAgeDays);
            remove.AddRange(backups.Where(b => b.Time < cutoff).Select(b => b.File));
            backups = backups.Where(b => b.Time >= cutoff).ToList();
        }
        foreach (var file in remove) Try(() => File.Delete(file));
        if (!_settings.Compress) return;
        foreach (var (file, _) in backups.Where(b => !b.File.EndsWith(".gz", StringComparison.Ordinal)))
            Try(() => Compress(file));
    }

    /// <summary>Backups in the log's directory, newest first, with the time their name carries (as UTC).</summary>
    internal List<(string File, DateTime Time)> Backups()
    {
        var styles = _settings.LocalTime ? DateTimeStyles.AssumeLocal | DateTimeStyles.AdjustToUniversal
            : DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        var backups = new List<(string, DateTime)>();
        foreach (var file in Directory.EnumerateFiles(_directory, _prefix + "*"))
        {
            var name = System.IO.Path.GetFileName(file);
            var stamp = name.EndsWith(_extension + ".gz", StringComparison.Ordinal) ? name[_prefix.Length..^(_extension.Length + 3)]
                : name.EndsWith(_extension, StringComparison.Ordinal) ? name[_prefix.Length..^_extension.Length]
                : null;
            if (stamp is not null && DateTime.TryParseExact(stamp, TimestampFormat, CultureInfo.InvariantCulture, styles, out var time))
                backups.Add((file, time));
        }
        return [.. backups.OrderByDescending(b => b.Item2)];
    }

    private static void Compress(string file)
    {
        using (var source = new FileStream(file, FileMode.Open, FileAccess.Read))
        using (var target = new FileStream(file + ".gz", FileMode.Create, FileAccess.Write))
        using (var gzip = new GZipStream(target, CompressionLevel.Optimal))
            source.CopyTo(gzip);
        File.Delete(file);
    }

    // Like lumberjack, housekeeping failures do not stop logging; the next rotation tries again.
    private static void Try(Action action)
    {
        try
        {
            action();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _file.DisposeAsync().ConfigureAwait(false);
        await _mill.ConfigureAwait(false);
    }
}
