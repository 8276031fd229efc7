using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace McpForge.JsonRpc;

/// <summary>
/// A pooled buffer with a <see cref="Utf8JsonWriter"/> over it, in which one outgoing message is written
/// whole before it is handed to the transport. Responses are never streamed half-built onto the wire. A buffer
/// rented with a limit refuses to grow past it (<see cref="ResponseTooLargeException"/>).
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

    private readonly BoundedBufferWriter _buffer = new(1024);
    private ReadOnlyMemory<byte> _end;

    private MessageBuffer() => Json = new Utf8JsonWriter(_buffer, WriterOptions);

    public Utf8JsonWriter Json { get; }

    /// <summary>
    /// The message written so far (flushes the JSON writer first), its end included: an end <see cref="CompleteWith"/>
    /// kept apart is copied after what was written now.
    /// </summary>
    public ReadOnlySpan<byte> WrittenSpan
    {
        get
        {
            Json.Flush();
            if (!_end.IsEmpty)
            {
                // Room for it was checked against the limit when it was given.
                _end.Span.CopyTo(_buffer.GetSpan(_end.Length));
                _buffer.Advance(_end.Length);
                _end = default;
            }
            return _buffer.WrittenSpan;
        }
    }

    /// <summary>What was written before the end <see cref="CompleteWith"/> kept apart (flushes the JSON writer first).</summary>
    public ReadOnlySpan<byte> Body
    {
        get
        {
            Json.Flush();
            return _buffer.WrittenSpan;
        }
    }

    /// <summary>The end <see cref="CompleteWith"/> kept apart, until <see cref="WrittenSpan"/> copies it; empty when there is none.</summary>
    public ReadOnlySpan<byte> End => _end.Span;

    public static MessageBuffer Rent() => Rent(long.MaxValue);

    /// <summary>A buffer that throws <see cref="ResponseTooLargeException"/> once more than <paramref name="limit"/> bytes are written.</summary>
    public static MessageBuffer Rent(long limit)
    {
        var buffer = s_pool.TryDequeue(out var pooled) ? pooled : new MessageBuffer();
        buffer._buffer.Limit = limit;
        return buffer;
    }

    /// <summary>
    /// Completes the message with <paramref name="end"/>, the members that end its innermost open object and every
    /// closing brace after them, encoded once elsewhere (valid JSON, nothing to escape) and starting with the comma that
    /// separates them from a member before: the comma is left out when that object has no member yet. The writer is done
    /// with this message (its depth is not told of the braces); copying the end whole costs a fraction of writing it
    /// member by member. The end is not copied here but kept apart (<see cref="Body"/>, <see cref="End"/>): a sink that
    /// batches messages copies it once, straight into its batch (<see cref="Transports.IMcpSplitMessageSink"/>), and
    /// <see cref="WrittenSpan"/> copies it for anyone else. Throws <see cref="ResponseTooLargeException"/> when the
    /// message with its end is over the limit.
    /// </summary>
    public void CompleteWith(byte[] end)
    {
        Json.Flush();
        // A member always ends in a quote, a bracket, a brace or a letter or digit of a literal, never in "{".
        var withoutComma = _buffer.WrittenSpan[^1] == (byte)'{' ? 1 : 0;
        _buffer.EnsureWithinLimit(end.Length - withoutComma);
        _end = end.AsMemory(withoutComma);
    }

    /// <summary>
    /// Appends the member <paramref name="name"/> (quoted, with its colon) of value <paramref name="value"/>, both valid
    /// JSON needing no escape, to the object the writer has open, in which it wrote a member already: a comma and the two,
    /// copied whole. The writer goes on after them as after its own last member (it puts a comma before its next one).
    /// Throws <see cref="ResponseTooLargeException"/> past the limit.
    /// </summary>
    public void AppendMember(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        Json.Flush();
        var length = 1 + name.Length + value.Length;
        var span = _buffer.GetSpan(length);
        span[0] = (byte)',';
        name.CopyTo(span[1..]);
        value.CopyTo(span[(1 + name.Length)..]);
        _buffer.Advance(length);
    }

    /// <summary>Discards what was written, to start the message again (after a failed serialization).</summary>
    public void Clear()
    {
        _end = default;
        Json.Reset();
        _buffer.ResetWrittenCount();
    }

    /// <summary>Discards what was written and, for a pooled buffer, the limit of its last rental.</summary>
    private void ClearForPool()
    {
        Clear();
        _buffer.Limit = long.MaxValue;
    }

    public void Return()
    {
        ClearForPool();
        if (_buffer.Capacity <= MaxRetainedBytes && s_pool.Count < MaxPooled)
        {
            s_pool.Enqueue(this);
        }
    }
}

/// <summary>
/// <see cref="ArrayBufferWriter{T}"/> with a ceiling: <see cref="Advance"/> past <see cref="Limit"/> throws. The JSON
/// writer advances every few kilobytes, so a result is stopped within one chunk of the limit.
/// </summary>
internal sealed class BoundedBufferWriter(int initialCapacity) : IBufferWriter<byte>
{
    private byte[] _buffer = new byte[initialCapacity];
    private int _written;

    public long Limit { get; set; } = long.MaxValue;

    public int Capacity => _buffer.Length;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    public void ResetWrittenCount() => _written = 0;

    public void Advance(int count)
    {
        if (count < 0 || _written + count > _buffer.Length) throw new ArgumentOutOfRangeException(nameof(count));
        EnsureWithinLimit(count);
        _written += count;
    }

    /// <summary>Throws <see cref="ResponseTooLargeException"/>, keeping nothing, when <paramref name="count"/> more bytes would pass <see cref="Limit"/>.</summary>
    public void EnsureWithinLimit(int count)
    {
        if (_written + (long)count > Limit)
        {
            _written = 0; // nothing of a refused message is kept
            throw new ResponseTooLargeException(Limit);
        }
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Grow(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Grow(sizeHint);
        return _buffer.AsSpan(_written);
    }

    private void Grow(int sizeHint)
    {
        var needed = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written >= needed) return;
        var size = (int)Math.Min(Array.MaxLength, Math.Max((long)_buffer.Length * 2, (long)_written + needed));
        Array.Resize(ref _buffer, size);
    }
}
