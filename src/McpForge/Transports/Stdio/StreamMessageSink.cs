using System;
using System.Buffers;
using System.IO;
using System.Threading.Tasks;

namespace McpForge.Transports.Stdio;

/// <summary>
/// Writes newline-terminated messages to a stream. Whole messages only, from any thread: a sender appends its
/// message under a lock, and whoever finds no write in progress writes everything pending in one system call,
/// so concurrent and pipelined responses are batched without a writer thread. The read loop can hold a batch
/// open while it handles a buffer of requests, so their responses leave together. Output the client has not read
/// is bounded: past <c>maxUnsentBytes</c> the read loop stops reading and tools sending progress or logs wait
/// (<see cref="WaitForRoomAsync"/>), so a client that never reads costs a bounded amount of memory.
/// </summary>
internal sealed class StreamMessageSink(Stream stream, long maxUnsentBytes = long.MaxValue) : IMcpMessageSink, IMcpSplitMessageSink
{
    private const int MaxRetainedBytes = 1024 * 1024;
    private readonly object _gate = new();
    private ArrayBufferWriter<byte> _pending = new(16 * 1024);
    private ArrayBufferWriter<byte>? _spare = new(16 * 1024);
    private bool _writing;
    private int _batchDepth;
    private bool _broken;
    private TaskCompletionSource? _roomWaiter;

    /// <summary>True while more than the bound waits to be written (the client is not reading fast enough).</summary>
    public bool IsBackedUp
    {
        get
        {
            lock (_gate) return !_broken && _pending.WrittenCount > maxUnsentBytes;
        }
    }

    public ValueTask WaitForRoomAsync()
    {
        lock (_gate)
        {
            if (_broken || _pending.WrittenCount <= maxUnsentBytes) return ValueTask.CompletedTask;
            _roomWaiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return new ValueTask(_roomWaiter.Task);
        }
    }

    public void Send(ReadOnlySpan<byte> message, McpMessageRoute route) => Send(message, default, route);

    public void Send(ReadOnlySpan<byte> body, ReadOnlySpan<byte> end, McpMessageRoute route)
    {
        var length = body.Length + end.Length + 1;
        if (Diagnostics.McpTelemetry.BytesSent.Enabled)
        {
            Diagnostics.McpTelemetry.BytesSent.Add(length, Diagnostics.McpTelemetry.Tag("network.transport", "pipe"));
        }
        lock (_gate)
        {
            if (_broken) return;
            var span = _pending.GetSpan(length);
            body.CopyTo(span);
            end.CopyTo(span[body.Length..]);
            span[length - 1] = (byte)'\n';
            _pending.Advance(length);
            if (_writing || _batchDepth > 0) return;
            _writing = true;
        }
        WritePending();
    }

    public void BeginBatch()
    {
        lock (_gate) _batchDepth++;
    }

    public void EndBatch()
    {
        lock (_gate)
        {
            if (--_batchDepth > 0 || _writing || _pending.WrittenCount == 0) return;
            _writing = true;
        }
        WritePending();
    }

    private void WritePending()
    {
        while (true)
        {
            ArrayBufferWriter<byte> batch;
            TaskCompletionSource? room;
            lock (_gate)
            {
                if (_pending.WrittenCount == 0 || _broken)
                {
                    _writing = false;
                    room = _roomWaiter;
                    _roomWaiter = null;
                    room?.TrySetResult();
                    return;
                }
                batch = _pending;
                _pending = _spare ?? new ArrayBufferWriter<byte>(16 * 1024);
                _spare = null;
                room = _roomWaiter; // what waited is now being written: there is room for more
                _roomWaiter = null;
            }
            room?.TrySetResult();

            try
            {
                stream.Write(batch.WrittenSpan);
                stream.Flush();
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or NotSupportedException)
            {
                // The client closed its end: nothing can reach it any more, so later messages are dropped.
                lock (_gate) _broken = true;
            }

            batch.ResetWrittenCount();
            lock (_gate)
            {
                if (batch.Capacity > MaxRetainedBytes)
                {
                    _spare = null;
                }
                else if (_pending.WrittenCount == 0)
                {
                    // Nothing came while it was written: the next batch goes into the buffer just written, which is still in
                    // the cache (the kernel has just read it), rather than into the other one, last touched a batch ago.
                    _spare = _pending;
                    _pending = batch;
                }
                else
                {
                    _spare = batch;
                }
            }
        }
    }
}
