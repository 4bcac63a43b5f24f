using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Clusterpedia.Storage.Internal.Config;
using Clusterpedia.Storage.Internal.Logging;

namespace Clusterpedia.Storage.Internal.Tests;

/// <summary>The lumberjack file on the real file system: rotation, backup names, pruning by count and age, gzip.</summary>
public sealed partial class LogFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cp-logfile-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string LogPath => Path.Combine(_dir, "internalstorage.log");

    // maxsize is in MB; the tests set bytes directly so a rotation takes a few lines, not 100 MB.
    private LogFileSettings Settings(long maxBytes = 1000, int maxAge = 0, int maxBackups = 0, bool compress = false) =>
        new(LogPath, maxBytes, maxAge, maxBackups, LocalTime: false, compress);

    private static string Line(int i) => $"line {i:D4} ".PadRight(99, '.') + "\n";

    /// <summary>Writes lines 0..count-1 of 100 bytes each and closes the file (which waits for its housekeeping).</summary>
    private static async Task WriteLines(LogFileSettings settings, int count, int from = 0)
    {
        var file = RotatingLogFile.Open(settings);
        for (var i = from; i < from + count; i++) file.Write(Line(i));
        await file.DisposeAsync();
    }

    private string[] Backups() => [.. Directory.GetFiles(_dir, "internalstorage-*").Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    private static string ReadBackup(string path)
    {
        if (!path.EndsWith(".gz", StringComparison.Ordinal)) return File.ReadAllText(path);
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"^internalstorage-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}\.log(\.gz)?$")]
    private static partial Regex BackupName();

    [Fact]
    public async Task A_write_past_maxsize_rotates_into_timestamped_backups_and_no_line_is_lost()
    {
        await WriteLines(Settings(), 35);
        var backups = Backups();
        Assert.Equal(3, backups.Length);
        Assert.All(backups, name => Assert.Matches(BackupName(), name));
        Assert.All(backups, name => Assert.Equal(1000, new FileInfo(Path.Combine(_dir, name)).Length));
        var all = string.Concat(backups.Select(b => ReadBackup(Path.Combine(_dir, b)))) + File.ReadAllText(LogPath);
        Assert.Equal(string.Concat(Enumerable.Range(0, 35).Select(Line)), all);
    }

    [Fact]
    public async Task An_existing_file_is_appended_to_and_counts_towards_maxsize()
    {
        await WriteLines(Settings(maxBytes: 10_000), 9);
        await WriteLines(Settings(), 2, from: 9);
        var backup = Assert.Single(Backups());
        Assert.Equal(string.Concat(Enumerable.Range(0, 10).Select(Line)), File.ReadAllText(Path.Combine(_dir, backup)));
        Assert.Equal(Line(10), File.ReadAllText(LogPath));
    }

    [Fact]
    public async Task Maxbackups_keeps_the_newest_backups()
    {
        await WriteLines(Settings(maxBackups: 2), 55);
        var backups = Backups();
        Assert.Equal(2, backups.Length);
        // Lines 30..49 are in the two newest backups; 50..54 in the file.
        Assert.Equal(string.Concat(Enumerable.Range(30, 20).Select(Line)), string.Concat(backups.Select(b => ReadBackup(Path.Combine(_dir, b)))));
    }

    [Fact]
    public async Task Maxage_deletes_old_backups_only()
    {
        var old = Path.Combine(_dir, "internalstorage-2000-01-01T00-00-00.000.log");
        var oldGz = Path.Combine(_dir, "internalstorage-2000-01-02T00-00-00.000.log.gz");
        var unrelated = Path.Combine(_dir, "internalstorage-notes.log");
        foreach (var f in new[] { old, oldGz, unrelated }) File.WriteAllText(f, "x");
        await WriteLines(Settings(maxAge: 7), 15);
        Assert.False(File.Exists(old));
        Assert.False(File.Exists(oldGz));
        Assert.True(File.Exists(unrelated));
        Assert.Single(Backups(), name => BackupName().IsMatch(name));
    }

    [Fact]
    public async Task Compress_gzips_backups()
    {
        await WriteLines(Settings(compress: true), 25);
        var backups = Backups();
        Assert.Equal(2, backups.Length);
        Assert.All(backups, name => Assert.EndsWith(".log.gz", name));
        Assert.Equal(string.Concat(Enumerable.Range(0, 20).Select(Line)), string.Concat(backups.Select(b => ReadBackup(Path.Combine(_dir, b)))));
    }

    [Fact]
    public async Task The_directory_is_created()
    {
        var nested = Path.Combine(_dir, "a", "b", "sql.log");
        var file = RotatingLogFile.Open(new LogFileSettings(nested, 1000, 0, 0, false, false));
        file.Write("hello\n");
        await file.DisposeAsync();
        Assert.Equal("hello\n", File.ReadAllText(nested));
    }

    [Fact]
    public async Task An_unwritable_log_file_fails_start_up_naming_it()
    {
        // A regular file where the directory should be: the log cannot be created (tests run as root, so no chmod).
        File.WriteAllText(Path.Combine(_dir, "blocker"), "");
        var path = Path.Combine(_dir, "blocker", "internalstorage.log");
        var config = Path.Combine(_dir, "config.yaml");
        File.WriteAllText(config, $"type: postgres\nhost: 127.0.0.1\nport: 1\ndatabase: d\nlog:\n  logger:\n    filename: {path}\n");
        var e = await Assert.ThrowsAsync<StorageConfigException>(() =>
            InternalStorageFactory.CreateAsync(new StorageLayerOptions("internal", config, _ => null), default).AsTask());
        Assert.Contains(path, e.Message);
        Assert.Contains(config, e.Message);
    }

    /// <summary>An output that holds the writer inside its first write until released.</summary>
    private sealed class StuckOutput : ILogOutput
    {
        public readonly List<string> Written = [];
        public readonly TaskCompletionSource Entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public readonly ManualResetEventSlim Release = new();

        public void Write(string text)
        {
            Entered.TrySetResult();
            Release.Wait();
            Written.Add(text);
        }

        public void Flush()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    [Fact]
    public async Task A_full_queue_drops_lines_without_waiting_and_says_how_many()
    {
        var output = new StuckOutput();
        var writer = new LogLineWriter(output, capacity: 2);
        writer.Write("0\n");
        await output.Entered.Task;
        for (var i = 1; i < 10; i++) writer.Write($"{i}\n");
        Assert.Equal(7, writer.Dropped);
        output.Release.Set();
        await writer.DisposeAsync();
        Assert.Equal(["0\n", "1\n", "2\n"], output.Written.Take(3));
        Assert.Matches(@"^\d{4}/\d\d/\d\d \d\d:\d\d:\d\d SQL log: 7 lines dropped: the writer could not keep up\n$", Assert.Single(output.Written.Skip(3)));
    }
}
