using System.Text.Json;
using Clusterpedia.ApiServer.Clusters;
using Clusterpedia.Storage;

namespace Clusterpedia.ApiServer.Discovery;

/// <summary>The legacy (unaggregated) discovery documents, in the shapes of k8s.io/apimachinery's meta/v1.</summary>
internal static class DiscoveryWriter
{
    public static void WriteApiVersions(Utf8JsonWriter w, IReadOnlyList<string> versions)
    {
        w.WriteStartObject();
        w.WriteString("kind", "APIVersions");
        w.WriteStartArray("versions");
        foreach (var v in versions) w.WriteStringValue(v);
        w.WriteEndArray();
        w.WriteStartArray("serverAddressByClientCIDRs");
        w.WriteStartObject();
        w.WriteString("clientCIDR", "0.0.0.0/0");
        w.WriteString("serverAddress", "");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void WriteGroupList(Utf8JsonWriter w, ResourceIndex index)
    {
        w.WriteStartObject();
        w.WriteString("kind", "APIGroupList");
        w.WriteString("apiVersion", "v1");
        w.WriteStartArray("groups");
        foreach (var group in index.Groups) WriteGroupBody(w, group, index.VersionsOf(group), withKind: false);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void WriteGroup(Utf8JsonWriter w, string group, IReadOnlyList<string> versions) =>
        WriteGroupBody(w, group, versions, withKind: true);

    private static void WriteGroupBody(Utf8JsonWriter w, string group, IReadOnlyList<string> versions, bool withKind)
    {
        w.WriteStartObject();
        if (withKind)
        {
            w.WriteString("kind", "APIGroup");
            w.WriteString("apiVersion", "v1");
        }
        w.WriteString("name", group);
        w.WriteStartArray("versions");
        foreach (var v in versions) WriteGroupVersion(w, null, group, v);
        w.WriteEndArray();
        if (versions.Count > 0) WriteGroupVersion(w, "preferredVersion", group, versions[0]);
        w.WriteEndObject();
    }

    private static void WriteGroupVersion(Utf8JsonWriter w, string? property, string group, string version)
    {
        if (property is null) w.WriteStartObject();
        else w.WriteStartObject(property);
        w.WriteString("groupVersion", group.Length == 0 ? version : $"{group}/{version}");
        w.WriteString("version", version);
        w.WriteEndObject();
    }

    public static void WriteResourceList(Utf8JsonWriter w, string group, string version, IReadOnlyList<SyncedResource> resources, StorageVerbs verbs)
    {
        var discoveryVerbs = verbs.ToDiscoveryVerbs();
        w.WriteStartObject();
        w.WriteString("kind", "APIResourceList");
        w.WriteString("apiVersion", "v1");
        w.WriteString("groupVersion", group.Length == 0 ? version : $"{group}/{version}");
        w.WriteStartArray("resources");
        foreach (var r in resources)
            WriteResource(w, r.Resource.Resource, r.SingularName, r.Namespaced, r.Kind, discoveryVerbs, r.ShortNames, r.Categories);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void WriteResource(Utf8JsonWriter w, string name, string singular, bool namespaced, string kind,
        IReadOnlyList<string> verbs, IReadOnlyList<string> shortNames, IReadOnlyList<string> categories)
    {
        w.WriteStartObject();
        w.WriteString("name", name);
        w.WriteString("singularName", singular);
        w.WriteBoolean("namespaced", namespaced);
        w.WriteString("kind", kind);
        WriteStrings(w, "verbs", verbs);
        if (shortNames.Count > 0) WriteStrings(w, "shortNames", shortNames);
        if (categories.Count > 0) WriteStrings(w, "categories", categories);
        w.WriteEndObject();
    }

    public static void WriteVersion(Utf8JsonWriter w, string gitVersion)
    {
        var core = gitVersion.TrimStart('v').Split('-', '+')[0].Split('.');
        w.WriteStartObject();
        w.WriteString("major", core[0]);
        w.WriteString("minor", core.Length > 1 ? core[1] : "0");
        w.WriteString("gitVersion", gitVersion);
        w.WriteString("gitCommit", "");
        w.WriteString("gitTreeState", "clean");
        w.WriteString("buildDate", "1970-01-01T00:00:00Z");
        w.WriteString("goVersion", "");
        w.WriteString("compiler", "dotnet");
        w.WriteString("platform", Platform());
        w.WriteEndObject();
    }

    // Spelled as Go's GOOS/GOARCH, which is what clients expect in /version.
    private static string Platform()
    {
        var os = OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "darwin" : "linux";
        var arch = System.Runtime.InteropServices.RuntimeInformation.OSArchitecture switch
        {
            System.Runtime.InteropServices.Architecture.X64 => "amd64",
            System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
            System.Runtime.InteropServices.Architecture.X86 => "386",
            System.Runtime.InteropServices.Architecture.Arm => "arm",
            var other => other.ToString().ToLowerInvariant(),
        };
        return $"{os}/{arch}";
    }

    private static void WriteStrings(Utf8JsonWriter w, string property, IReadOnlyList<string> values)
    {
        w.WriteStartArray(property);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }
}
