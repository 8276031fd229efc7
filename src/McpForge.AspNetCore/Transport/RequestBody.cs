using System;
using System.Buffers;
using System.IO.Pipelines;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace McpForge.AspNetCore.Transport;

/// <summary>
/// A POST body read whole: straight from Kestrel's buffer when it arrived in one segment (the common case, no
/// copy), otherwise copied once into a pooled array. Held until <see cref="Release"/>, after the session handled it.
/// </summary>
internal readonly struct RequestBody
{
    private readonly byte[]? _rented;
    private readonly ReadOnlySequence<byte> _held;
    private readonly bool _holdsReader;

    private RequestBody(ReadOnlyMemory<byte> bytes, byte[]? rented, ReadOnlySequence<byte> held, bool holdsReader, bool tooLarge)
    {
        Bytes = bytes;
        _rented = rented;
        _held = held;
        _holdsReader = holdsReader;
        TooLarge = tooLarge;
    }

    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>The body went over the limit; it was not kept.</summary>
    public bool TooLarge { get; }

    public static async ValueTask<RequestBody> ReadAsync(HttpRequest request, long maxBytes)
    {
        var reader = request.BodyReader;
        while (true)
        {
            // No RequestAborted token: Kestrel ends a body read itself when the connection goes (an IOException or an
            // OperationCanceledException), and asking for the token makes it set up the request's cancellation source
            // (a few hundred instructions a request, bench/Eras/count_http_instructions.py).
            var result = await reader.ReadAsync().ConfigureAwait(false);
            var buffer = result.Buffer;
            if (buffer.Length > maxBytes)
            {
                reader.AdvanceTo(buffer.End);
                return new RequestBody(default, null, default, false, tooLarge: true);
            }
            if (result.IsCompleted || result.IsCanceled)
            {
                if (buffer.IsSingleSegment) return new RequestBody(buffer.First, null, buffer, holdsReader: true, tooLarge: false);
                var length = (int)buffer.Length;
                var rented = ArrayPool<byte>.Shared.Rent(length);
                buffer.CopyTo(rented);
                reader.AdvanceTo(buffer.End);
                return new RequestBody(rented.AsMemory(0, length), rented, default, holdsReader: false, tooLarge: false);
            }
            reader.AdvanceTo(buffer.Start, buffer.End); // keep it all and wait for the rest
        }
    }

    public void Release(PipeReader reader)
    {
        if (_holdsReader) reader.AdvanceTo(_held.End);
        if (_rented is not null) ArrayPool<byte>.Shared.Return(_rented);
    }
}
