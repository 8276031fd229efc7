using System;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace McpForge.JsonRpc;

/// <summary>
/// The newline search and the byte comparison of a request's hot path, 64 bytes a step (four 128-bit vectors, one
/// branch). The runtime's own <c>IndexOf</c> and <c>SequenceEqual</c> take 16 bytes and a branch a step when only 128-bit
/// vectors are compiled in, as in a default NativeAOT build for x64, and a 2026-07-28 request is two to three hundred
/// bytes, most of them its <c>_meta</c>, searched for its end and compared with the one before (docs/benchmarks.md).
/// Short spans, and machines without vectors, go to the runtime's.
/// </summary>
internal static class ByteBlocks
{
    private const int Block = 64;

    /// <summary>The index of the first <c>\n</c> in <paramref name="bytes"/>, or -1.</summary>
    public static int IndexOfNewline(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < Block || !Vector128.IsHardwareAccelerated) return bytes.IndexOf((byte)'\n');
        ref var start = ref MemoryMarshal.GetReference(bytes);
        var newline = Vector128.Create((byte)'\n');
        var last = (nuint)(bytes.Length - Block);
        nuint at = 0;
        while (true)
        {
            var first = Vector128.Equals(Vector128.LoadUnsafe(ref start, at), newline);
            var second = Vector128.Equals(Vector128.LoadUnsafe(ref start, at + 16), newline);
            var third = Vector128.Equals(Vector128.LoadUnsafe(ref start, at + 32), newline);
            var fourth = Vector128.Equals(Vector128.LoadUnsafe(ref start, at + 48), newline);
            if ((first | second | third | fourth) != Vector128<byte>.Zero)
            {
                // One bit a byte of the block, the first newline the lowest set.
                var bits = first.ExtractMostSignificantBits() | (ulong)second.ExtractMostSignificantBits() << 16
                    | (ulong)third.ExtractMostSignificantBits() << 32 | (ulong)fourth.ExtractMostSignificantBits() << 48;
                return (int)at + BitOperations.TrailingZeroCount(bits);
            }
            if (at == last) return -1;
            // The last step overlaps the one before rather than leaving a tail of fewer than 64 bytes.
            at = Math.Min(at + Block, last);
        }
    }

    /// <summary>True when <paramref name="left"/> and <paramref name="right"/> hold the same bytes.</summary>
    public static bool Equal(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        if (left.Length != right.Length) return false;
        if (left.Length < Block || !Vector128.IsHardwareAccelerated) return left.SequenceEqual(right);
        ref var a = ref MemoryMarshal.GetReference(left);
        ref var b = ref MemoryMarshal.GetReference(right);
        var last = (nuint)(left.Length - Block);
        nuint at = 0;
        while (true)
        {
            var differ = (Vector128.LoadUnsafe(ref a, at) ^ Vector128.LoadUnsafe(ref b, at))
                | (Vector128.LoadUnsafe(ref a, at + 16) ^ Vector128.LoadUnsafe(ref b, at + 16))
                | (Vector128.LoadUnsafe(ref a, at + 32) ^ Vector128.LoadUnsafe(ref b, at + 32))
                | (Vector128.LoadUnsafe(ref a, at + 48) ^ Vector128.LoadUnsafe(ref b, at + 48));
            if (differ != Vector128<byte>.Zero) return false;
            if (at == last) return true;
            at = Math.Min(at + Block, last);
        }
    }
}
