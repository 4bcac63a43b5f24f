// What the tests, the NativeAOT publish and the demo need from the machine besides the .NET SDK: Debian (bookworm)
// packages, each with what proves it is installed. `dotnet cake --target=Prerequisites` (a dependency of Test, and
// the first step of .ci/run, so the two cannot drift) installs what is missing with apt-get when run as root, and
// otherwise stops before anything is built, naming each missing package and the command that installs it.

sealed record Prerequisite(string Package, string Purpose, string[] Programs, string[] Files, string[] Users);

var machinePrerequisites = new Prerequisite[]
{
    new("postgresql-15", "PostgreSQL 15 server, started by the database tests",
        new string[0], new[] { "/usr/lib/postgresql/15/bin/initdb", "/usr/lib/postgresql/15/bin/pg_ctl", "/usr/lib/postgresql/15/bin/postgres" }, new[] { "postgres" }),
    new("mariadb-server", "MariaDB server, started by the database tests", new[] { "mariadbd", "mariadb-install-db" }, new string[0], new[] { "mysql" }),
    new("clang", "the NativeAOT linker", new[] { "clang" }, new string[0], new string[0]),
    new("zlib1g-dev", "zlib for the NativeAOT link", new string[0], new[] { "/usr/include/zlib.h" }, new string[0]),
    // Any kubectl on PATH will do (e.g. from pkgs.k8s.io); Debian's package is the fallback.
    new("kubernetes-client", "kubectl, the client of the end-to-end tests and the demo", new[] { "kubectl" }, new string[0], new string[0]),
    new("curl", "used by the demo's --check and CI", new[] { "curl" }, new string[0], new string[0]),
};

// A non-root PATH often lacks the sbin folders, where mariadbd lives.
var systemFolders = new[] { "/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin" };

string FindProgram(string name) =>
    (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Concat(systemFolders)
        .Select(folder => System.IO.Path.Combine(folder, name)).FirstOrDefault(System.IO.File.Exists);

// Null when installed, else what is missing.
string MissingPart(Prerequisite p)
{
    var users = System.IO.File.Exists("/etc/passwd") ? System.IO.File.ReadAllLines("/etc/passwd").Select(l => l.Split(':')[0]).ToHashSet() : new HashSet<string>();
    var missing = p.Programs.Where(program => FindProgram(program) is null).Select(program => $"no {program} on PATH")
        .Concat(p.Files.Where(file => !System.IO.File.Exists(file)).Select(file => $"no {file}"))
        .Concat(p.Users.Where(user => !users.Contains(user)).Select(user => $"no user {user}"))
        .ToList();
    return missing.Count == 0 ? null : string.Join(", ", missing);
}

List<(Prerequisite Prerequisite, string Missing)> MissingPrerequisites() =>
    machinePrerequisites.Select(p => (p, MissingPart(p))).Where(m => m.Item2 is not null).ToList();

string DescribeMissing(IEnumerable<(Prerequisite Prerequisite, string Missing)> missing) =>
    string.Join("\n", missing.Select(m => $"  {m.Prerequisite.Package,-18} {m.Prerequisite.Purpose}: {m.Missing}"));

// Runs apt-get with its output in the log; on failure, the log's tail goes into the error.
void AptGet(string arguments, FilePath log)
{
    var settings = new ProcessSettings
    {
        Arguments = arguments,
        RedirectStandardOutput = true,
        RedirectStandardError = true,
        EnvironmentVariables = new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" },
    };
    var exitCode = StartProcess("apt-get", settings, out IEnumerable<string> stdout, out IEnumerable<string> stderr);
    var lines = stdout.Concat(stderr).ToList();
    System.IO.File.AppendAllLines(log.FullPath, new[] { $"$ apt-get {arguments}" }.Concat(lines));
    if (exitCode != 0)
        throw new CakeException($"apt-get {arguments} failed with exit code {exitCode} (all of it in {log}):\n{string.Join("\n", lines.TakeLast(20))}");
}

// The Prerequisites task: nothing when all is installed; as root with apt-get, installs what is missing (output in
// <logs>/prerequisites-apt.log); otherwise throws naming each missing package and the command that installs it.
void EnsurePrerequisites(DirectoryPath logs)
{
    var missing = MissingPrerequisites();
    if (missing.Count == 0)
    {
        Information($"Prerequisites: installed ({string.Join(", ", machinePrerequisites.Select(p => p.Package))})");
        return;
    }
    var packages = string.Join(" ", missing.Select(m => m.Prerequisite.Package));
    var root = Environment.UserName == "root";
    var apt = FindProgram("apt-get") is not null;
    if (!root || !apt)
    {
        var how = apt
            ? $"Install them as root:\n  sudo apt-get update && sudo apt-get install -y --no-install-recommends {packages}\n" +
              "(run as root, `dotnet cake --target=Prerequisites` or `--target=Test` installs them itself)"
            : $"There is no apt-get here: install the equivalents of these Debian packages with this system's package manager: {packages}";
        throw new CakeException($"missing prerequisites:\n{DescribeMissing(missing)}\n{how}");
    }

    var log = logs.CombineWithFilePath("prerequisites-apt.log");
    EnsureDirectoryExists(logs);
    Information($"Prerequisites: installing {packages} (apt-get, output in {log})\n{DescribeMissing(missing)}");
    AptGet("update -qq", log);
    AptGet($"install -y -qq --no-install-recommends {packages}", log);
    var still = MissingPrerequisites();
    if (still.Count > 0) throw new CakeException($"still missing after apt-get install (see {log}):\n{DescribeMissing(still)}");
    Information("Prerequisites: installed");
}
