// Build entry point: `dotnet tool restore` once, then `dotnet cake --target=<Build|Test|Publish|Images|Pack|Demo|Prerequisites>`.
// Built-in Cake aliases only (no addins).
//
//   --storages=memory,internal   storage layers compiled into the hosts (default: hosts/Storages.props' default set)
//   --storage-project=<path/to/My.Storage.csproj>   an out-of-tree storage layer to compile in too (repeatable)
//   --storage-context=<dir>      Images: the folder sent as Dockerfile.aot's "storage" context (default: found from the projects)
//   --components=binding-apiserver,apiserver   hosts to publish/image (default: all three)
//   --runtime=linux-x64          --configuration=Release (Publish/Images) or Debug (Build/Test)
//   --aot=false                  Publish a JIT (framework-dependent) build instead of NativeAOT, e.g. for quick tests
//   --artifacts=<dir>            where Publish and Pack write (default: ./artifacts)

#load "build/prerequisites.cake"

using System.Text.RegularExpressions;

var target = Argument("target", "Default");
var configurationArgument = Argument<string>("configuration", null);
var runtime = Argument("runtime", "linux-x64");
var storagesArgument = Argument("storages", "");
var componentsArgument = Argument("components", "apiserver,clustersynchro-manager,binding-apiserver");
var aot = Argument("aot", true);

var root = MakeAbsolute(Directory("."));
var artifacts = MakeAbsolute(Directory(Argument("artifacts", root.Combine("artifacts").FullPath)));

// Out-of-tree storage layers: project files anywhere on disk, compiled in through ClusterpediaStorageProjects.
var storageProjects = Arguments<string>("storage-project", new string[0])
    .SelectMany(v => v.Split(new[] { ',', ';' }, StringSplitOptions.RemoveEmptyEntries))
    .Select(p => MakeAbsolute(File(p.Trim())))
    .Distinct()
    .ToList();
foreach (var project in storageProjects)
{
    if (!FileExists(project) || project.GetExtension() != ".csproj")
        throw new CakeException($"--storage-project: \"{project}\" is not an existing .csproj file");
}
var knownComponents = new[] { "apiserver", "clustersynchro-manager", "binding-apiserver" };
var version = XmlPeek(root.CombineWithFilePath("Directory.Build.props"), "/Project/PropertyGroup/ClusterpediaVersion");

IReadOnlyList<string> SplitList(string value) =>
    value.Split(new[] { ',', ';', ' ' }, StringSplitOptions.RemoveEmptyEntries)
        .Select(v => v.Trim().ToLowerInvariant())
        .Distinct()
        .ToList();

FilePath HostProject(string component) => root.CombineWithFilePath($"hosts/{component}/{component}.csproj");

// Without --storages, the set is hosts/Storages.props' own default (its Default="true" layers whose project exists),
// asked from MSBuild so the name -> project table lives in one place.
IReadOnlyList<string> DefaultStorages()
{
    var arguments = new ProcessArgumentBuilder()
        .Append("msbuild").AppendQuoted(HostProject("binding-apiserver").FullPath)
        .Append("-getItem:ClusterpediaKnownStorage").Append("-nologo");
    var exitCode = StartProcess("dotnet", new ProcessSettings { Arguments = arguments, RedirectStandardOutput = true }, out IEnumerable<string> output);
    if (exitCode != 0) throw new CakeException($"could not read the storage layers from hosts/Storages.props:\n{string.Join("\n", output)}");
    using var json = System.Text.Json.JsonDocument.Parse(string.Join("\n", output));
    return json.RootElement.GetProperty("Items").GetProperty("ClusterpediaKnownStorage").EnumerateArray()
        .Where(item => item.GetProperty("Default").GetString() == "true")
        .Select(item => item.GetProperty("Identity").GetString())
        .ToList();
}

IReadOnlyList<string> selectedStorages = null;
IReadOnlyList<string> Storages()
{
    if (selectedStorages is null)
    {
        var given = SplitList(storagesArgument);
        selectedStorages = (given.Count > 0 ? given : DefaultStorages()).OrderBy(n => n, StringComparer.Ordinal).ToList();
        if (selectedStorages.Count == 0) throw new CakeException("--storages: no storage layer selected, and hosts/Storages.props has no default one");
    }
    return selectedStorages;
}

// The storage set names artifacts and image tags: sorted, so memory,internal and internal,memory are one set.
// Out-of-tree layers add their project names (their storage names are only known to the generator).
string StorageSet() => string.Join("-", Storages().Concat(storageProjects.Select(p => p.GetFilenameWithoutExtension().FullPath.ToLowerInvariant())));
string StorageList() => string.Join(",", Storages());
string StorageProjectList() => string.Join(";", storageProjects.Select(p => p.FullPath));

// The MSBuild properties that choose the storage layers of a host build.
DotNetMSBuildSettings StorageProperties()
{
    var settings = new DotNetMSBuildSettings().WithProperty("ClusterpediaStorages", StorageList());
    if (storageProjects.Count == 0) return settings;
    // A layer made from the clusterpedia-storage template then builds against this checkout, not a package,
    // so host and layer share one Clusterpedia.Core.
    return settings.WithProperty("ClusterpediaStorageProjects", StorageProjectList()).WithProperty("ClusterpediaCheckout", root.FullPath);
}

var components = SplitList(componentsArgument);
foreach (var component in components)
{
    if (!knownComponents.Contains(component))
        throw new CakeException($"--components: unknown component \"{component}\"; known: {string.Join(", ", knownComponents)}");
}

Task("Build")
    .Description("Builds every host (with the selected storages) and every test project.")
    .Does(() =>
{
    var settings = new DotNetBuildSettings
    {
        Configuration = configurationArgument ?? "Debug",
        MSBuildSettings = StorageProperties(),
    };
    foreach (var component in knownComponents) DotNetBuild(HostProject(component).FullPath, settings);
    foreach (var project in GetFiles(root.FullPath + "/tests/**/*.Tests.csproj"))
        DotNetBuild(project.FullPath, new DotNetBuildSettings { Configuration = configurationArgument ?? "Debug" });
});

Task("Prerequisites")
    .Description("Checks the Debian packages the tests, the AOT publish and the demo need; as root installs the missing ones with apt-get, otherwise names them and the command.")
    .Does(() => EnsurePrerequisites(artifacts.Combine("logs")));

Task("Test")
    .Description("Runs every tests/**/*.Tests.csproj and prints the totals.")
    .IsDependentOn("Prerequisites")
    .Does(() =>
{
    var results = artifacts.Combine("test-results");
    CleanDirectory(results);
    var failedProjects = new List<string>();
    long passed = 0, failed = 0, skipped = 0;
    var namespaces = new XmlPeekSettings
    {
        Namespaces = new Dictionary<string, string> { ["t"] = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010" },
        SuppressWarning = true,
    };
    foreach (var project in GetFiles(root.FullPath + "/tests/**/*.Tests.csproj").OrderBy(p => p.FullPath))
    {
        var name = project.GetFilenameWithoutExtension().FullPath;
        var trx = results.CombineWithFilePath(name + ".trx");
        try
        {
            DotNetTest(project.FullPath, new DotNetTestSettings
            {
                Configuration = configurationArgument ?? "Debug",
                Loggers = new[] { $"trx;LogFileName={trx.GetFilename()}" },
                ResultsDirectory = results,
            });
        }
        catch (Exception ex)
        {
            // Keep going so one broken project does not hide the others' results.
            Error($"{name}: {ex.Message}");
            failedProjects.Add(name);
        }
        if (!FileExists(trx))
        {
            if (!failedProjects.Contains(name)) failedProjects.Add(name);
            continue;
        }
        long Counter(string attribute) =>
            long.TryParse(XmlPeek(trx, $"/t:TestRun/t:ResultSummary/t:Counters/@{attribute}", namespaces), out var n) ? n : 0;
        passed += Counter("passed");
        failed += Counter("failed") + Counter("error") + Counter("timeout") + Counter("aborted");
        skipped += Counter("notExecuted");
    }
    Information($"Test totals: {passed} passed, {failed} failed, {skipped} skipped");
    if (failed > 0 || failedProjects.Count > 0)
        throw new CakeException($"tests failed ({failed} failed test(s); projects with failures: {string.Join(", ", failedProjects)})");
});

Task("Publish")
    .Description("NativeAOT executables under artifacts/<component>-<storage-set>/, with no trimming or AOT warning.")
    .Does(() =>
{
    var logs = artifacts.Combine("logs");
    EnsureDirectoryExists(logs);
    foreach (var component in components)
    {
        var output = artifacts.Combine($"{component}-{StorageSet()}");
        var log = logs.CombineWithFilePath($"publish-{component}-{StorageSet()}.log");
        CleanDirectory(output);
        Information($"Publishing {component} with storage layers {string.Join(", ", Storages())} for {runtime}");
        DotNetPublish(HostProject(component).FullPath, new DotNetPublishSettings
        {
            Configuration = configurationArgument ?? "Release",
            Runtime = runtime,
            OutputDirectory = output,
            // PublishAot is set in each host's csproj: as a global property it would reach the generator (NETSDK1207).
            MSBuildSettings = (aot ? StorageProperties() : StorageProperties().WithProperty("PublishAot", "false"))
                .WithProperty("TreatWarningsAsErrors", "true")
                .AddFileLogger(new MSBuildFileLoggerSettings { LogFile = log.FullPath, Verbosity = DotNetVerbosity.Normal }),
        });

        // ILC warnings do not always become errors; the log is the last word.
        var ilWarnings = System.IO.File.ReadLines(log.FullPath).Where(l => Regex.IsMatch(l, @"warning IL\d{4}")).Distinct().ToList();
        if (ilWarnings.Count > 0)
            throw new CakeException($"{component}: {ilWarnings.Count} trimming/AOT warning(s):\n{string.Join("\n", ilWarnings)}");

        var binary = output.CombineWithFilePath(component);
        if (!FileExists(binary)) throw new CakeException($"{component}: publish produced no {binary}");
        Information($"{binary}: {new System.IO.FileInfo(binary.FullPath).Length / 1024.0 / 1024.0:F1} MiB");
    }
});

// The "storage" build context of Dockerfile.aot: --storage-context, or the out-of-tree projects' common folder,
// widened to the enclosing folders that hold their build settings (Directory.Build.props, nuget.config, a .sln),
// as a template-made layer has one level up.
DirectoryPath StorageContext()
{
    var given = Argument("storage-context", "");
    if (given.Length > 0) return MakeAbsolute(Directory(given));
    var folders = storageProjects.Select(p => p.GetDirectory().FullPath.TrimEnd('/') + "/").ToList();
    var common = folders[0];
    while (!folders.All(f => f.StartsWith(common, StringComparison.Ordinal)))
        common = common.Substring(0, common.TrimEnd('/').LastIndexOf('/') + 1);
    DirectoryPath context = Directory(common);
    bool HasBuildSettings(DirectoryPath folder) =>
        FileExists(folder.CombineWithFilePath("Directory.Build.props")) || FileExists(folder.CombineWithFilePath("Directory.Packages.props"))
        || FileExists(folder.CombineWithFilePath("nuget.config")) || GetFiles(folder.FullPath + "/*.sln").Count > 0;
    while (context.GetParent() is { } parent && parent.FullPath != "/" && HasBuildSettings(parent)) context = parent;
    return context;
}

// An MSBuild property of a project (e.g. an out-of-tree layer's Version), as MSBuild evaluates it.
string ProjectProperty(FilePath project, string property)
{
    var arguments = new ProcessArgumentBuilder().Append("msbuild").AppendQuoted(project.FullPath).Append($"-getProperty:{property}").Append("-nologo");
    var exitCode = StartProcess("dotnet", new ProcessSettings { Arguments = arguments, RedirectStandardOutput = true }, out IEnumerable<string> output);
    if (exitCode != 0) throw new CakeException($"could not read {property} of {project}:\n{string.Join("\n", output)}");
    return string.Join("", output).Trim();
}

// In-tree sets: <component>:<version>-<storage-set>. With out-of-tree layers, upstream's plugin-image convention
// <component>:<storage-version>-<clusterpedia-version>, the storage version being each project's Version.
string ImageTag(string component) => storageProjects.Count == 0
    ? $"{component}:{version}-{StorageSet()}"
    : $"{component}:{string.Join("-", storageProjects.Select(p => ProjectProperty(p, "Version")))}-{version}";

Task("Images")
    .Description("One image per component from Dockerfile.aot: <component>:<version>-<storage-set>, or <component>:<storage-version>-<version> with --storage-project.")
    .Does(() =>
{
    bool Works(string tool, string arguments)
    {
        try
        {
            return StartProcess(tool, new ProcessSettings { Arguments = arguments, RedirectStandardOutput = true, RedirectStandardError = true }) == 0;
        }
        catch (Exception)
        {
            return false; // not installed
        }
    }

    // Out-of-tree projects travel in a second build context, "storage", with paths relative to it.
    var context = storageProjects.Count == 0 ? null : StorageContext();
    var projectsInContext = context is null ? "" : string.Join(";", storageProjects.Select(p => context.GetRelativePath(p).FullPath));

    string engine = Works("docker", "info") ? "docker" : Works("buildah", "info") ? "buildah" : null;
    if (engine is null)
    {
        var storageArguments = context is null ? "" : $"--build-context storage={context.FullPath} --build-arg STORAGE_PROJECTS={projectsInContext} ";
        throw new CakeException(
            "Images: no container engine can build here: `docker info` failed (no docker daemon reachable) and buildah is not installed or not working. " +
            "Start a docker daemon or install buildah, or build elsewhere with: docker buildx build -f Dockerfile.aot " +
            $"--build-arg COMPONENT=<component> --build-arg STORAGES={StorageList()} {storageArguments}--build-arg VERSION={version} -t {ImageTag("<component>")} .");
    }

    foreach (var component in components)
    {
        var tag = ImageTag(component);
        Information($"{engine}: building {tag}");
        var arguments = new ProcessArgumentBuilder()
            .Append("build")
            .Append("-f").AppendQuoted(root.CombineWithFilePath("Dockerfile.aot").FullPath)
            .Append("--build-arg").AppendQuoted($"COMPONENT={component}")
            .Append("--build-arg").AppendQuoted($"STORAGES={StorageList()}")
            .Append("--build-arg").AppendQuoted($"VERSION={version}");
        if (context is not null)
        {
            // docker: a named build context (BuildKit); buildah: the same flag since 1.32.
            arguments.Append("--build-context").AppendQuoted($"storage={context.FullPath}")
                .Append("--build-arg").AppendQuoted($"STORAGE_PROJECTS={projectsInContext}");
        }
        arguments.Append("-t").AppendQuoted(tag).AppendQuoted(root.FullPath);
        var exitCode = StartProcess(engine, new ProcessSettings { Arguments = arguments, WorkingDirectory = root });
        if (exitCode != 0) throw new CakeException($"{engine} build of {tag} failed with exit code {exitCode}");
    }
});

Task("Pack")
    .Description("NuGet packages for storage-layer authors in <artifacts>/packages: the core contract, the generator, the conformance suite and the host library.")
    .Does(() =>
{
    var packages = artifacts.Combine("packages");
    CleanDirectory(packages);
    foreach (var project in new[]
    {
        "core/Clusterpedia.Core/Clusterpedia.Core.csproj",
        "generators/Clusterpedia.Generators/Clusterpedia.Generators.csproj",
        "tests/Clusterpedia.Storage.Conformance/Clusterpedia.Storage.Conformance.csproj",
        "core/Clusterpedia.Hosting/Clusterpedia.Hosting.csproj",
        // What the host library references, so an author's host restores from these packages alone.
        "core/Clusterpedia.ApiServer/Clusterpedia.ApiServer.csproj",
        "core/Clusterpedia.ApiServer.Security/Clusterpedia.ApiServer.Security.csproj",
        "core/Clusterpedia.Kube/Clusterpedia.Kube.csproj",
        "core/Clusterpedia.Synchro/Clusterpedia.Synchro.csproj",
    })
    {
        DotNetPack(root.CombineWithFilePath(project).FullPath, new DotNetPackSettings
        {
            Configuration = configurationArgument ?? "Release",
            OutputDirectory = packages,
        });
    }
    foreach (var package in GetFiles(packages.FullPath + "/*.nupkg")) Information(package.GetFilename().FullPath);
});

Task("Demo")
    .Description("The product end to end without Kubernetes: three simulated clusters synced by binding-apiserver (memory); prints the kubectl command. --check lists once and stops.")
    .Does(() =>
{
    var info = new System.Diagnostics.ProcessStartInfo("bash") { UseShellExecute = false };
    info.ArgumentList.Add(root.CombineWithFilePath("deploy/demo/run.sh").FullPath);
    if (HasArgument("check")) info.ArgumentList.Add("--check");
    using var demo = System.Diagnostics.Process.Start(info);
    // The demo's trap stops every process it started, so Cake waits for it instead of dying first: a SIGINT or
    // SIGTERM sent to Cake alone is passed on (Ctrl+C in a terminal reaches the demo too; it ignores the second one).
    void PassOn(System.Runtime.InteropServices.PosixSignalContext signal)
    {
        signal.Cancel = true;
        var name = signal.Signal == System.Runtime.InteropServices.PosixSignal.SIGINT ? "INT" : "TERM";
        System.Diagnostics.Process.Start("kill", $"-{name} {demo.Id}")?.WaitForExit();
    }
    using var interrupt = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, PassOn);
    using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, PassOn);
    demo.WaitForExit();
    // 130 and 143: stopped by Ctrl+C or SIGTERM, as asked.
    if (demo.ExitCode is 130 or 143) Information("the demo stopped");
    else if (demo.ExitCode != 0) throw new CakeException($"the demo failed (exit code {demo.ExitCode}); its message is above");
});

Task("Default").IsDependentOn("Build");

RunTarget(target);
