using System.Text.Json;

namespace Clusterpedia.Storage.Conformance;

/// <summary>JSON comparison that ignores formatting and member order, since some storages normalize stored JSON.</summary>
public static class JsonAssert
{
    public static bool SameJson(ReadOnlyMemory<byte> expected, ReadOnlyMemory<byte> actual)
    {
        using var a = JsonDocument.Parse(expected);
        using var b = JsonDocument.Parse(actual);
        return JsonElement.DeepEquals(a.RootElement, b.RootElement);
    }
}
