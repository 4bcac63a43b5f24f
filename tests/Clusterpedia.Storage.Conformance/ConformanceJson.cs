using System.Text.Json.Serialization;

namespace Clusterpedia.Storage.Conformance;

/// <summary>Source-generated JSON for the few plain values the suite serializes.</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class ConformanceJson : JsonSerializerContext;
