using System.Buffers;
using System.IO.Compression;
using Microsoft.AspNetCore.Http;

namespace Clusterpedia.ApiServer.Http;

/// <summary>
/// The body of a streamed list. Without gzip, bytes go straight into the response pipe. With gzip accepted, the first
/// 128 KiB are held back: a list that ends within them goes out plain with its Content-Length; once it passes them,
/// the response turns gzip-encoded and the rest is compressed as it is written, so a long list is never held whole.
/// </summary>
internal sealed class ResponseBody : IBufferWriter<byte>, IDisposable
{
    // Hand the compressor this much at a time rather than every item's few kilobytes.
    private const int CompressChunk = 32 * 1024;

    private readonly HttpContext _context;
    private readonly ResponseCompression? _compression;
    private ArrayBufferWriter<byte>? _held;
    private GZipStream? _gzip;
    private PipeBufferStream? _pipe;
    private bool _completed;

    public ResponseBody(HttpContext context)
    {
        _context = context;
        _compression = ResponseCompression.For(context);
        if (_compression is not null) _held = new ArrayBufferWriter<byte>(16 * 1024);
    }

    private IBufferWriter<byte> Target => (IBufferWriter<byte>?)_held ?? _context.Response.BodyWriter;

    public Span<byte> GetSpan(int sizeHint = 0) => Target.GetSpan(sizeHint);

    public Memory<byte> GetMemory(int sizeHint = 0) => Target.GetMemory(sizeHint);

    public void Advance(int count)
    {
        Target.Advance(count);
        if (_held is null) return;
        if (_gzip is null && _held.WrittenCount > ResponseCompression.Threshold) StartGzip();
        if (_gzip is not null && _held.WrittenCount >= CompressChunk) Compress();
    }

    /// <summary>Sends what is written so far, unless it is still held back below the threshold.</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_held is not null && _gzip is null) return;
        if (_gzip is not null) Compress();
        await _context.Response.BodyWriter.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends the body: a held-back response goes out plain, a compressed one gets its gzip trailer.</summary>
    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        _completed = true;
        var response = _context.Response;
        if (_held is not null && _gzip is null)
        {
            response.ContentLength = _held.WrittenCount;
            response.BodyWriter.Write(_held.WrittenSpan);
        }
        else if (_gzip is not null)
        {
            Compress();
            _gzip.Dispose();
        }
        await response.BodyWriter.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private void StartGzip()
    {
        _gzip = _compression!.Start(_context.Response, out _pipe);
        Compress();
    }

    private void Compress()
    {
        _gzip!.Write(_held!.WrittenSpan);
        _held.ResetWrittenCount();
    }

    /// <summary>Releases the compressor of a response that ended without <see cref="CompleteAsync"/> (a failure).</summary>
    public void Dispose()
    {
        if (_completed || _gzip is null) return;
        _pipe!.Detach();
        _gzip.Dispose();
    }
}
