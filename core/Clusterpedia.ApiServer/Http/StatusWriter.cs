using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Clusterpedia.ApiServer.Http;

/// <summary>Writes a failure as a Kubernetes <c>Status</c> object.</summary>
public static class StatusWriter
{
    public static Task WriteAsync(HttpContext context, ApiException error, OutputFormat format)
    {
        if (error.Details?.RetryAfterSeconds is { } seconds)
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return JsonResponse.WriteAsync(context, error.Code, format, w => Write(w, error));
    }

    public static void Write(Utf8JsonWriter w, ApiException error)
    {
        w.WriteStartObject();
        w.WriteString("kind", "Status");
        w.WriteString("apiVersion", "v1");
        w.WriteStartObject("metadata");
        w.WriteEndObject();
        w.WriteString("status", "Failure");
        w.WriteString("message", error.Message);
        w.WriteString("reason", error.Reason);
        if (error.Details is { } d)
        {
            w.WriteStartObject("details");
            if (d.Name is not null) w.WriteString("name", d.Name);
            if (!string.IsNullOrEmpty(d.Group)) w.WriteString("group", d.Group);
            if (d.Kind is not null) w.WriteString("kind", d.Kind);
            if (d.CorrelationId is not null)
            {
                w.WriteStartArray("causes");
                w.WriteStartObject();
                w.WriteString("reason", "CorrelationID");
                w.WriteString("message", d.CorrelationId);
                w.WriteEndObject();
                w.WriteEndArray();
            }
            if (d.RetryAfterSeconds is { } retry) w.WriteNumber("retryAfterSeconds", retry);
            w.WriteEndObject();
        }
        w.WriteNumber("code", error.Code);
        w.WriteEndObject();
    }

    /// <summary>A Status as standalone JSON bytes, e.g. the object of a watch ERROR event.</summary>
    public static byte[] ToJson(ApiException error)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer)) Write(w, error);
        return buffer.WrittenSpan.ToArray();
    }
}
