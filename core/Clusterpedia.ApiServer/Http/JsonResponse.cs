using System.Buffers;
using System.Text.Json;
using Clusterpedia.ApiServer.Serialization;
using Microsoft.AspNetCore.Http;

namespace Clusterpedia.ApiServer.Http;

/// <summary>Writes small, fully built responses (Status, discovery, single objects) as JSON or YAML.</summary>
public static class JsonResponse
{
    public static async Task WriteAsync(HttpContext context, int statusCode, OutputFormat format, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            write(writer);
        }
        await WriteBytesAsync(context, statusCode, format, buffer.WrittenMemory).ConfigureAwait(false);
    }

    /// <summary>Writes JSON bytes as they are, or converted to YAML; gzip-compressed past 128 KiB when the client accepts it.</summary>
    public static async Task WriteBytesAsync(HttpContext context, int statusCode, OutputFormat format, ReadOnlyMemory<byte> json)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        if (format == OutputFormat.Yaml)
        {
            response.ContentType = "application/yaml";
            var yaml = new ArrayBufferWriter<byte>(json.Length + json.Length / 2);
            YamlConverter.Convert(json.Span, yaml);
            await ResponseCompression.WriteAsync(context, yaml.WrittenMemory).ConfigureAwait(false);
            return;
        }
        response.ContentType = "application/json";
        await ResponseCompression.WriteAsync(context, json).ConfigureAwait(false);
    }
}
