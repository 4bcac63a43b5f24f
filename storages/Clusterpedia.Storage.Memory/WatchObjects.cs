using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Clusterpedia.Storage.Memory;

/// <summary>The objects of events this layer makes itself: BOOKMARK objects and ERROR Status objects.</summary>
internal static class WatchObjects
{
    /// <summary><c>{"kind":K,"apiVersion":V,"metadata":{"resourceVersion":"seq"}}</c>, as Kubernetes sends bookmarks.</summary>
    public static ReadOnlyMemory<byte> Bookmark(string kind, string apiVersion, long sequence) => Write(w =>
    {
        w.WriteString("kind"u8, kind);
        w.WriteString("apiVersion"u8, apiVersion);
        w.WriteStartObject("metadata"u8);
        w.WriteString("resourceVersion"u8, sequence.ToString(CultureInfo.InvariantCulture));
        w.WriteEndObject();
    });

    /// <summary>A 410 Expired Status: the client must list again.</summary>
    public static ReadOnlyMemory<byte> ExpiredStatus(string message) => Write(w =>
    {
        w.WriteString("kind"u8, "Status");
        w.WriteString("apiVersion"u8, "v1");
        w.WriteStartObject("metadata"u8);
        w.WriteEndObject();
        w.WriteString("status"u8, "Failure");
        w.WriteString("message"u8, message);
        w.WriteString("reason"u8, "Expired");
        w.WriteNumber("code"u8, 410);
    });

    private static ReadOnlyMemory<byte> Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }
        return buffer.WrittenMemory;
    }
}
