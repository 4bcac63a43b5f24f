using System.Buffers;
using System.IO.Pipelines;

namespace Clusterpedia.ApiServer.Http;

/// <summary>
/// A write-only stream that copies into a pipe's buffer and never flushes it, so that a compressor's synchronous
/// writes cannot block on the socket (Kestrel forbids synchronous I/O). Whoever owns the pipe flushes it.
/// </summary>
internal sealed class PipeBufferStream(PipeWriter pipe) : Stream
{
    private bool _detached;

    /// <summary>Drops every later write: the response ended (failed or aborted) before the compressor did.</summary>
    public void Detach() => _detached = true;

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (!_detached) pipe.Write(buffer);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Flush()
    {
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
