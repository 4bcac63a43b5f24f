namespace Clusterpedia.Storage.Internal.Tests.Servers;

/// <summary>
/// Finds the programs of a database server before a fixture starts one. A missing program (or, as root, the server's
/// service user) fails with one sentence naming the Debian package and the command that installs it: the fixture's
/// collection then fails with that sentence instead of a stack trace from deep inside a failed <c>chown</c>.
/// </summary>
internal static class ServerPrograms
{
    // PATH of a non-root user often lacks the sbin folders, where mariadbd lives.
    private static readonly string[] SystemFolders = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"];

    /// <summary>The full path of <paramref name="program"/>: an absolute path that must exist, or a name looked up in PATH and the system folders.</summary>
    /// <exception cref="MissingServerException">The program is not there.</exception>
    public static string Find(string program, string server, string package)
    {
        if (Path.IsPathRooted(program))
            return File.Exists(program) ? program : throw Missing(server, package, $"{program} does not exist");
        var path = Environment.GetEnvironmentVariable("PATH")?.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries) ?? [];
        return path.Concat(SystemFolders).Select(folder => Path.Combine(folder, program)).FirstOrDefault(File.Exists)
            ?? throw Missing(server, package, $"{program} is not in PATH or {string.Join(", ", SystemFolders)}");
    }

    /// <summary>As root the fixtures run the server as its own user (initdb and mariadbd refuse root), which the package creates.</summary>
    /// <exception cref="MissingServerException">Root, and the user does not exist.</exception>
    public static void RequireServiceUser(string user, string server, string package)
    {
        if (!ProcessRunner.IsRoot) return;
        var known = File.ReadLines("/etc/passwd").Any(line => line.StartsWith(user + ":", StringComparison.Ordinal));
        if (!known) throw Missing(server, package, $"there is no user {user}, which the package creates");
    }

    private static MissingServerException Missing(string server, string package, string what) =>
        new($"{server} is not installed: {what}. Install it as root with `apt-get install -y --no-install-recommends {package}`, " +
            "or run `dotnet cake --target=Prerequisites`, which checks (and as root installs) everything the tests need.");
}

/// <summary>A database server the tests need is not installed. The message is the whole story, so it carries no stack trace.</summary>
public sealed class MissingServerException(string message) : Exception(message)
{
    public override string? StackTrace => null;
}
