using System;
using System.Linq;
using McpForge.JsonRpc;
using Xunit;

namespace McpForge.Tests;

/// <summary>
/// The 64-bytes-a-step newline search and comparison give the runtime's answers: at every length around the step and
/// its multiples (the last step overlaps the one before), with the newline or the difference at every position.
/// </summary>
public sealed class ByteBlocksTests
{
    private static byte[] Filler(int length) => Enumerable.Range(0, length).Select(i => (byte)('a' + i % 26)).ToArray();

    [Fact]
    public void The_first_newline_is_found_wherever_it_is()
    {
        for (var length = 0; length <= 300; length++)
        {
            var bytes = Filler(length);
            Assert.Equal(-1, ByteBlocks.IndexOfNewline(bytes));
            for (var at = 0; at < length; at++)
            {
                var withNewline = (byte[])bytes.Clone();
                withNewline[at] = (byte)'\n';
                if (at + 7 < length) withNewline[at + 7] = (byte)'\n'; // a second one after it is not the answer
                Assert.Equal(at, ByteBlocks.IndexOfNewline(withNewline));
            }
        }
    }

    [Fact]
    public void Spans_are_equal_only_when_every_byte_is()
    {
        for (var length = 0; length <= 300; length++)
        {
            var left = Filler(length);
            Assert.True(ByteBlocks.Equal(left, (byte[])left.Clone()));
            if (length > 0)
            {
                Assert.False(ByteBlocks.Equal(left, left.AsSpan(1).ToArray()));
                Assert.False(ByteBlocks.Equal(left.AsSpan(1), left));
            }
            for (var at = 0; at < length; at++)
            {
                var right = (byte[])left.Clone();
                right[at] ^= 0x80;
                Assert.False(ByteBlocks.Equal(left, right));
                Assert.False(ByteBlocks.Equal(right, left));
            }
        }
    }

    [Fact]
    public void Spans_of_a_longer_buffer_are_compared_by_their_own_bytes_only()
    {
        // The comparison of a request's _meta reads a slice of the message: nothing after the slice may count.
        var message = Filler(400);
        var copy = (byte[])message.Clone();
        copy[200] ^= 1;
        Assert.True(ByteBlocks.Equal(message.AsSpan(10, 190), copy.AsSpan(10, 190)));
        Assert.False(ByteBlocks.Equal(message.AsSpan(10, 191), copy.AsSpan(10, 191)));
        Assert.Equal(-1, ByteBlocks.IndexOfNewline(message.AsSpan(0, 130)));
        message[130] = (byte)'\n';
        Assert.Equal(-1, ByteBlocks.IndexOfNewline(message.AsSpan(0, 130)));
        Assert.Equal(130, ByteBlocks.IndexOfNewline(message.AsSpan(0, 131)));
    }
}
