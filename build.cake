// Build entry point: `dotnet tool restore` once, then `dotnet cake --target=<Build|Test|Publish|Images>`.
// Built-in Cake aliases only (no addins).
//
//   --storages=memory,internal   storage layers compiled into the hosts (default: every in-tree storages/ layer)
//   --components=binding-apiserver,apiserver   hosts to publish/image (default: all three)
//   --runtime=linux-x64          --configuration=Release (Publish/Images) or Debug (Build/Test)

using System.Text.RegularExpressions;

var target = Argument("target", "Default");
var configurationArgument = Argument<string>("configuration", null);
var runtime = Argument("runtime", "linux-x64");
var storagesArgument = Argument("storages", "");
var componentsArgument = Argument("components", "apiserver,clustersynchro-manager,binding-apiserver");

var root = MakeAbsolute(Directory("."));
var artifacts = root.Combine("artifacts");
var knownComponents = new[] { "apiserver", "clustersynchro-manager", "binding-apiserver" };
var version = XmlPeek(root.CombineWithFilePath("Directory.Build.props"), "/Project/PropertyGroup/ClusterpediaVersion");

// storages/Clusterpedia.Storage.<Name>/ holds the in-tree layer <name>; hosts/Storages.props maps the same names.
IReadOnlyList<string> InTreeStorages() =>
    GetDirectories(root.FullPath + "/storages/Clusterpedia.Storage.*")
        .Select(d => d.GetDirectoryName().Substring("Clusterpedia.Storage.".Length).ToLowerInvariant())
        .OrderBy(n => n, StringComparer.Ordinal)
        .ToList();

IReadOnlyList<string> SplitList(string value) =>
    value.Split(new[] { ',', ';', ' ' }, StringSplitOptions.RemoveEmptyEntries)
        .Select(v => v.Trim().ToLowerInvariant())
        .Distinct()
        .ToList();

var storages = SplitList(storagesArgument);
if (storages.Count == 0) storages = InTreeStorages();
// The storage set names artifacts and image tags: sorted so memory,internal and internal,memory are one set.
var storageSet = string.Join("-", storages.OrderBy(n => n, StringComparer.Ordinal));

var components = SplitList(componentsArgument);
foreach (var component in components)
{
    if (!knownComponents.Contains(component))
        throw new CakeException($"--components: unknown component \"{component}\"; known: {string.Join(", ", knownComponents)}");
}

FilePath HostProject(string component) => root.CombineWithFilePath($"hosts/{component}/{component}.csproj");

Task("Build")
    .Description("Builds every host (with the selected storages) and every test project.")
    .Does(() =>
{
    var settings = new DotNetBuildSettings
    {
        Configuration = configurationArgument ?? "Debug",
        MSBuildSettings = new DotNetMSBuildSettings().WithProperty("ClusterpediaStorages", string.Join(",", storages)),
    };
    foreach (var component in knownComponents) DotNetBuild(HostProject(component).FullPath, settings);
    foreach (var project in GetFiles(root.FullPath + "/tests/**/*.Tests.csproj"))
        DotNetBuild(project.FullPath, new DotNetBuildSettings { Configuration = configurationArgument ?? "Debug" });
});

Task("Test")
    .Description("Runs every tests/**/*.Tests.csproj and prints the totals.")
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
    if (storages.Count == 0) throw new CakeException("--storages: no storage layer selected and none found under storages/");
    var logs = artifacts.Combine("logs");
    EnsureDirectoryExists(logs);
    foreach (var component in components)
    {
        var output = artifacts.Combine($"{component}-{storageSet}");
        var log = logs.CombineWithFilePath($"publish-{component}-{storageSet}.log");
        CleanDirectory(output);
        Information($"Publishing {component} with storage layers {string.Join(", ", storages)} for {runtime}");
        DotNetPublish(HostProject(component).FullPath, new DotNetPublishSettings
        {
            Configuration = configurationArgument ?? "Release",
            Runtime = runtime,
            OutputDirectory = output,
            // PublishAot is set in each host's csproj: as a global property it would reach the generator (NETSDK1207).
            MSBuildSettings = new DotNetMSBuildSettings()
                .WithProperty("ClusterpediaStorages", string.Join(",", storages))
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

Task("Images")
    .Description("One image per component for the storage set, from Dockerfile.aot, tagged <component>:<version>-<storage-set>.")
    .Does(() =>
{
    if (storages.Count == 0) throw new CakeException("--storages: no storage layer selected and none found under storages/");
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

    string engine = Works("docker", "info") ? "docker" : Works("buildah", "info") ? "buildah" : null;
    if (engine is null)
    {
        throw new CakeException(
            "Images: no container engine can build here: `docker info` failed (no docker daemon reachable) and buildah is not installed or not working. " +
            "Start a docker daemon or install buildah, or build elsewhere with: docker build -f Dockerfile.aot " +
            $"--build-arg COMPONENT=<component> --build-arg STORAGES={string.Join(",", storages)} --build-arg VERSION={version} -t <component>:{version}-{storageSet} .");
    }

    foreach (var component in components)
    {
        var tag = $"{component}:{version}-{storageSet}";
        Information($"{engine}: building {tag}");
        var arguments = new ProcessArgumentBuilder()
            .Append("build")
            .Append("-f").AppendQuoted(root.CombineWithFilePath("Dockerfile.aot").FullPath)
            .Append("--build-arg").AppendQuoted($"COMPONENT={component}")
            .Append("--build-arg").AppendQuoted($"STORAGES={string.Join(",", storages)}")
            .Append("--build-arg").AppendQuoted($"VERSION={version}")
            .Append("-t").AppendQuoted(tag)
            .AppendQuoted(root.FullPath);
        var exitCode = StartProcess(engine, new ProcessSettings { Arguments = arguments, WorkingDirectory = root });
        if (exitCode != 0) throw new CakeException($"{engine} build of {tag} failed with exit code {exitCode}");
    }
});

Task("Default").IsDependentOn("Build");

RunTarget(target);
