using System;
using System.IO;
using System.IO.Pipes;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Tasks;
using static McpForge.ReliabilityTests.ReliabilityServer;

namespace McpForge.ReliabilityTests.Load;

/// <summary>
/// <see cref="McpServerOptions.StdioPipeBytes"/> on a real child process: the server grows the pipes its client made for
/// its standard input and output before it reads, so a busy client's bytes cost a read, a write and a wake-up every
/// 256 KiB instead of every 64 KiB (docs/transports.md, docs/benchmarks.md).
/// </summary>
public sealed class StdioPipeTests
{
    [Theory]
    [InlineData(null, 256 * 1024)] // the default
    [InlineData("131072", 128 * 1024)]
    [InlineData("0", 64 * 1024)] // left as the client made them: what a pipe holds unless asked
    public async Task The_server_grows_the_pipes_of_its_standard_input_and_output_to_StdioPipeBytes(string? option, int expected)
    {
        await using var server = StartStdioRaw(option is null ? [] : ["--stdio-pipe-bytes", option]);
        var input = ((PipeStream)server.Input).SafePipeHandle;
        var output = ((PipeStream)server.Output).SafePipeHandle;

        // The server grows both before it reads its first message, so its first answer means it is done.
        server.Input.Write("""{"jsonrpc":"2.0","id":1,"method":"ping"}"""u8);
        server.Input.Write("\n"u8);
        server.Input.Flush();
        using var reader = new StreamReader(server.Output, new UTF8Encoding(false));
        Assert.Equal("""{"jsonrpc":"2.0","id":1,"result":{}}""", await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20)));

        Assert.Equal(expected, PipeSize(input));
        Assert.Equal(expected, PipeSize(output));
    }

    /// <summary>What the pipe holds (fcntl F_GETPIPE_SZ on the test's end of it: both ends share one buffer).</summary>
    private static int PipeSize(SafeHandle pipe)
    {
        var size = fcntl((int)pipe.DangerousGetHandle(), 1032, 0);
        return size > 0 ? size : throw new IOException($"F_GETPIPE_SZ failed: errno {Marshal.GetLastPInvokeError()}");
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int fcntl(int fd, int command, int argument);
}
