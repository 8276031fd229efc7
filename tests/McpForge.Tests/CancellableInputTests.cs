using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using McpForge.Transports.Stdio;

namespace McpForge.Tests;

/// <summary>
/// Standard input as <c>RunStdioAsync(token)</c> reads it: the console stream ignores read tokens, so the wrapper must
/// let a cancelled read go without losing what that read later brings, and never write into the caller's buffer late.
/// </summary>
public sealed class CancellableInputTests
{
    [Fact]
    public async Task A_read_blocked_on_input_that_ignores_its_token_returns_when_the_token_fires_and_loses_nothing()
    {
        var console = new TokenIgnoringStream();
        using var input = new CancellableInputStream(console, StdioTransport.DefaultReadBytes);
        var callerBuffer = new byte[16];
        using var stop = new CancellationTokenSource();

        var read = input.ReadAsync(callerBuffer, stop.Token).AsTask();
        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));

        console.Deliver("late\n"u8.ToArray()); // the abandoned read of the console completes after all
        Assert.All(callerBuffer, b => Assert.Equal(0, b)); // ...into the wrapper's own buffer, not the caller's

        var next = new byte[16];
        var count = await input.ReadAsync(next, TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal("late\n", Encoding.UTF8.GetString(next, 0, count)); // and the next read gets it
        Assert.Equal(1, console.Reads); // no second read was started on the console meanwhile
    }

    [Fact]
    public async Task Data_larger_than_the_callers_buffer_is_handed_out_in_order()
    {
        var console = new TokenIgnoringStream();
        using var input = new CancellableInputStream(console, StdioTransport.DefaultReadBytes);
        var read = input.ReadAsync(new byte[3], TestContext.Current.CancellationToken).AsTask();
        console.Deliver("abcdefg"u8.ToArray());
        Assert.Equal(3, await read.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));

        var rest = new byte[16];
        Assert.Equal(4, await input.ReadAsync(rest, TestContext.Current.CancellationToken));
        Assert.Equal("defg", Encoding.UTF8.GetString(rest, 0, 4));
        Assert.Equal(1, console.Reads);
    }

    /// <summary>A stream like the console's: a read completes only when data arrives, whatever its token says.</summary>
    private sealed class TokenIgnoringStream : Stream
    {
        private readonly TaskCompletionSource<byte[]> _data = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Reads { get; private set; }

        public void Deliver(byte[] data) => _data.SetResult(data);

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Reads++;
            var data = await _data.Task;
            data.CopyTo(buffer, offset);
            return data.Length;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
