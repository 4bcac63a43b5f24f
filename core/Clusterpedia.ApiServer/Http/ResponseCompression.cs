using System.IO.Compression;
using Microsoft.AspNetCore.Http;

namespace Clusterpedia.ApiServer.Http;

/// <summary>
/// gzip for responses over 128 KiB when the request accepts it, as kube-apiserver does (its threshold; the level is
/// <see cref="ClusterpediaApiOptions.GzipLevel"/>). Negotiated once per request and kept as a request feature, so every
/// writer of a response body finds it.
/// </summary>
internal sealed class ResponseCompression
{
    /// <summary>kube-apiserver's defaultGzipThresholdBytes: smaller responses are not worth the CPU.</summary>
    public const int Threshold = 128 * 1024;

    private readonly ZLibCompressionOptions _options;

    private ResponseCompression(int level) => _options = new ZLibCompressionOptions { CompressionLevel = level };

    /// <summary>Remembers gzip at <paramref name="level"/> (0: never) for this request when its Accept-Encoding allows it.</summary>
    public static void Negotiate(HttpContext context, int level)
    {
        if (level > 0 && AcceptEncoding.AllowsGzip(context.Request.Headers.AcceptEncoding.ToString()))
            context.Features.Set(new ResponseCompression(level));
    }

    /// <summary>The gzip this request accepts, or null for an uncompressed response.</summary>
    public static ResponseCompression? For(HttpContext context) => context.Features.Get<ResponseCompression>();

    /// <summary>
    /// Marks the response gzip-encoded and returns the compressor over its pipe. Its writes only fill the pipe's buffer
    /// (no synchronous I/O); the caller flushes the pipe and disposes the compressor to end the stream.
    /// </summary>
    public GZipStream Start(HttpResponse response, out PipeBufferStream pipe)
    {
        response.Headers.ContentEncoding = "gzip";
        response.Headers.Append("Vary", "Accept-Encoding");
        response.ContentLength = null;
        pipe = new PipeBufferStream(response.BodyWriter);
        return new GZipStream(pipe, _options, leaveOpen: false);
    }

    /// <summary>Writes a whole body: gzip-compressed when accepted and over the threshold, else as it is with its Content-Length.</summary>
    public static async Task WriteAsync(HttpContext context, ReadOnlyMemory<byte> body)
    {
        var response = context.Response;
        if (For(context) is { } gzip && body.Length > Threshold)
        {
            using (var compressor = gzip.Start(response, out _)) compressor.Write(body.Span);
            await response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            return;
        }
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }
}
