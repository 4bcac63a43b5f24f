using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using Clusterpedia.Storage;

namespace Clusterpedia.Hosting;

/// <summary>
/// What <c>--version</c> prints and <c>/version</c> returns. The first fields have the shape of Kubernetes'
/// version.Info, so <c>kubectl version</c> can read them; the rest are ours.
/// </summary>
public sealed record VersionInfo(
    string Major,
    string Minor,
    string GitVersion,
    string GitCommit,
    string GitTreeState,
    string BuildDate,
    string GoVersion,
    string Compiler,
    string Platform,
    string Component,
    string ContractVersion,
    IReadOnlyList<string> StorageLayers)
{
    public static VersionInfo Create(HostComponent component, IStorageLayerRegistry registry)
    {
        // The SDK stamps "<Version>+<commit>" into the informational version of every assembly it builds.
        var informational = typeof(VersionInfo).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = informational.IndexOf('+');
        var version = plus < 0 ? informational : informational[..plus];
        var commit = plus < 0 ? "" : informational[(plus + 1)..];
        var parts = version.Split('.', '-');
        return new VersionInfo(
            Major: parts[0],
            Minor: parts.Length > 1 ? parts[1] : "0",
            GitVersion: "v" + version,
            GitCommit: commit,
            GitTreeState: "",
            BuildDate: "",
            GoVersion: RuntimeInformation.FrameworkDescription,
            Compiler: "dotnet",
            Platform: $"{OperatingSystem()}/{RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()}",
            Component: component.Name,
            ContractVersion: ContractVersionOf(typeof(IStorageFactory).Assembly),
            StorageLayers: registry.Names);
    }

    /// <summary>The major.minor of Clusterpedia.Core's assembly version: what storage layers are built against.</summary>
    public static string ContractVersionOf(Assembly contract)
    {
        var v = contract.GetName().Version ?? new Version(0, 0);
        return $"{v.Major}.{v.Minor}";
    }

    /// <summary>The <c>--version</c> text: one fact per line, so scripts can grep for <c>storage layers:</c>.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        text.Append(Component).Append(' ').Append(GitVersion);
        if (GitCommit.Length > 0) text.Append(" (").Append(GitCommit).Append(')');
        text.Append('\n');
        text.Append("core contract: ").Append(ContractVersion).Append('\n');
        text.Append("storage layers: ").Append(StorageLayers.Count == 0 ? "none" : string.Join(", ", StorageLayers)).Append('\n');
        text.Append("runtime: ").Append(GoVersion).Append(", ").Append(Platform).Append('\n');
        return text.ToString();
    }

    private static string OperatingSystem() =>
        System.OperatingSystem.IsLinux() ? "linux"
        : System.OperatingSystem.IsMacOS() ? "darwin"
        : System.OperatingSystem.IsWindows() ? "windows"
        : "unknown";
}
