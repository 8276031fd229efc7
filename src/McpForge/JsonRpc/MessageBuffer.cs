using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace McpForge.JsonRpc;

/// <summary>
/// A pooled buffer with a <see cref="Utf8JsonWriter"/> over it, in which one outgoing message is written
/// whole before it is handed to the transport. Responses are never streamed half-built onto the wire.
/// </summary>
internal sealed class MessageBuffer
{
    private const int MaxPooled = 32;
    private const int MaxRetainedBytes = 256 * 1024;
    private static readonly ConcurrentQueue<MessageBuffer> s_pool = new();

    // Relaxed escaping keeps non-ASCII text readable; control characters (and so newlines) are still escaped,
    // which the line framing of stdio relies on.
    internal static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = false,
    };

    private readonly ArrayBufferWriter<byte> _buffer = new(1024);

    private MessageBuffer() => Json = new Utf8JsonWriter(_buffer, WriterOptions);

    public Utf8JsonWriter Json { get; }

    /// <summary>The message written so far (flushes the JSON writer first).</summary>
    public ReadOnlySpan<byte> WrittenSpan
    {
        get
        {
            Json.Flush();
            return _buffer.WrittenSpan;
        }
    }

    public long BytesWritten => Json.BytesPending + Json.BytesCommitted;

    public static MessageBuffer Rent() => s_pool.TryDequeue(out var buffer) ? buffer : new MessageBuffer();

    /// <summary>Discards what was written, to start the message again (after a failed serialization).</summary>
    public void Clear()
    {
        Json.Reset();
        _buffer.ResetWrittenCount();
    }

    public void Return()
    {
        Clear();
        if (_buffer.Capacity <= MaxRetainedBytes && s_pool.Count < MaxPooled)
        {
            s_pool.Enqueue(this);
        }
    }
}
