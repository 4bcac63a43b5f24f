using System.Text.Json.Serialization;

namespace Clusterpedia.Hosting;

/// <summary>Source-generated JSON for the host's own endpoints (no reflection under NativeAOT).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(VersionInfo))]
internal sealed partial class HostingJsonContext : JsonSerializerContext;
