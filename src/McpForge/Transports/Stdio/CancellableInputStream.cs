using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace McpForge.Transports.Stdio;

/// <summary>
/// Standard input whose pending read gives way to a cancellation token. A read of the console stream ignores its
/// token (it blocks in <c>read(2)</c> until a line or end of input arrives), so without this a stdio server told to
/// stop (a host's SIGTERM) would wait for the client's next message before it could drain and return. The inner
/// read goes into a buffer of this stream's own, never the caller's: a read abandoned by cancellation may still
/// complete later, and must not write into memory the caller has since returned to its pool.
/// </summary>
internal sealed class CancellableInputStream(Stream inner, int bufferBytes) : Stream
{
    private readonly byte[] _buffer = new byte[bufferBytes];
    private Task<int>? _pending;
    private int _start;
    private int _end;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        if (_start == _end)
        {
            // A read cancelled earlier is still pending: wait for it rather than start a second one.
            _pending ??= inner.ReadAsync(_buffer, 0, _buffer.Length, CancellationToken.None);
            var read = await _pending.WaitAsync(cancellationToken).ConfigureAwait(false);
            _pending = null;
            if (read == 0) return 0;
            _start = 0;
            _end = read;
        }
        var count = Math.Min(destination.Length, _end - _start);
        _buffer.AsMemory(_start, count).CopyTo(destination);
        _start += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
