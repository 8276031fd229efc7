using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Pipes;
using System.Linq;
using System.Net.Http;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Win32.SafeHandles;
using static McpForge.ReliabilityTests.ReliabilityServer;

namespace McpForge.ReliabilityTests.Faults;

/// <summary>Clients that go away mid-call, or stop reading: the server cleans up, exits or waits, and its memory stays bounded.</summary>
public sealed class ClientFaultTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Stdin_closing_mid_call_answers_what_finishes_within_the_shutdown_timeout_cancels_the_rest_and_exits()
    {
        await using var server = StartStdio("--shutdown-timeout-ms", "500");
        server.Send(Call(1, "hangs"));
        server.Send(Call(2, "slow", """{"milliseconds":100}"""));
        server.CloseInput();
        var lines = server.ReadToEnd(TimeSpan.FromSeconds(10));
        Assert.Equal(["""{"jsonrpc":"2.0","id":2,"result":{"content":[{"type":"text","text":"slept"}]}}"""], lines);
        Assert.True(server.WaitForExit(TimeSpan.FromSeconds(10)), "the server did not exit");
        Assert.Equal(0, server.ExitCode);
        Assert.Contains("The input ended with 1 request(s) still unanswered after the shutdown timeout of 500 ms; they were cancelled", server.StandardError);
    }

    [Fact]
    public void A_client_that_dies_without_reading_its_answers_leaves_a_server_that_exits_cleanly()
    {
        using var server = StartStdioRaw();
        var input = server.Input;
        void Send(string line)
        {
            input.Write(Encoding.UTF8.GetBytes(line + "\n"));
            input.Flush();
        }
        Send("""{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{}}}""");
        Send(Call(1, "slow", """{"milliseconds":200}"""));
        server.Output.Close(); // the client's end of the server's stdout: its writes now fail with EPIPE
        for (var id = 2; id < 50; id++) Send(Call(id, "payload", """{"bytes":10000}"""));
        input.Close();
        Assert.True(server.WaitForExit(TimeSpan.FromSeconds(10)), "the server did not exit after its client went away:\n" + server.Log);
        Assert.Equal(0, server.ExitCode);
        Assert.DoesNotContain("Unhandled exception", server.Log);
    }

    private static Task<string> CancellationsAsync(McpHttpClient client, string expected) => WaitForAsync(client, "cancellations", expected, 100);

    /// <summary>
    /// Asks the server to answer once its counter <paramref name="counter"/> reaches <paramref name="expected"/> (the fixture's
    /// <c>wait_for</c> wakes when the counter moves; bounded at 10 s); returns the value it answered with.
    /// </summary>
    private static async Task<string> WaitForAsync(McpHttpClient client, string counter, string expected, long id) =>
        McpHttpClient.Text(await client.CallAsync(id, "wait_for", $$"""{"counter":"{{counter}}","atLeast":{{expected}},"timeoutMs":10000}"""));

    /// <summary>
    /// Starts <c>hangs</c> as call 1 and leaves once the server runs it: the client goes away mid-call, whatever the machine's speed. Its
    /// connection closes as the call is cancelled only with <see cref="LeavingHttpHandler"/>: a default client that was between reading the
    /// headers and reading the body drains it instead, and closes it on a timer two seconds later, or later still in a busy test process.
    /// </summary>
    private static async Task LeaveMidCallAsync(McpHttpClient client)
    {
        using var leave = new CancellationTokenSource();
        var call = client.CallAsync(1, "hangs", "{}", leave.Token);
        Assert.Equal("1", await WaitForAsync(client, "hangs_started", "1", 10_000));
        await leave.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public async Task An_http_client_that_disconnects_mid_call_without_an_event_store_cancels_the_call()
    {
        using var server = await StartHttpAsync("--no-event-store");
        using var http = new HttpClient(LeavingHttpHandler.Create());
        var client = new McpHttpClient(http, server.Mcp);
        await client.OpenAsync();
        await LeaveMidCallAsync(client);
        // Nothing could ever reach the client on that stream again, so the call behind it is cancelled.
        Assert.Equal("1", await CancellationsAsync(client, "1"));
        Assert.Equal("still here", McpHttpClient.Text(await client.CallAsync(2, "echo", """{"message":"still here"}""")));
        await client.CloseAsync();
    }

    [Fact]
    public async Task An_http_client_that_disconnects_from_a_resumable_stream_leaves_the_call_running_until_it_cancels()
    {
        // Calls in scopes of their own: the handler of the call's POST then returns as soon as the server saw its client go (Kestrel fired
        // RequestAborted, the stream's writer stopped) and decided what becomes of the call, and the fixture counts it (aborted_requests).
        // With the request's services, the default, that handler keeps the call's scope until the call ends, so it does not return while the
        // call runs: that is why no such signal was seen here before, and a wait on the clock stood in for it.
        using var server = await StartHttpAsync("--no-request-services", "--count-aborted");
        using var http = new HttpClient(LeavingHttpHandler.Create());
        var client = new McpHttpClient(http, server.Mcp);
        await client.OpenAsync();
        await LeaveMidCallAsync(client);
        Assert.Equal("1", await WaitForAsync(client, "aborted_requests", "1", 3));
        // Disconnection is not cancellation (MCP 2025-11-25, transports): the stream can be resumed, so the call goes on. A wrongful
        // cancellation would have fired the call's token before that handler returned, and `hangs` counts its token firing right then.
        Assert.Equal("0", McpHttpClient.Text(await client.CallAsync(2, "cancellations", "{}")));
        // ...until the client cancels it.
        await client.NotifyAsync("""{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":1}}""");
        Assert.Equal("1", await CancellationsAsync(client, "1"));
        await client.CloseAsync();
    }

    [Fact]
    public async Task A_client_that_stops_reading_gets_backpressure_and_the_servers_memory_stays_bounded()
    {
        // 256 MiB of answers to 4.4 MB of requests, more than the pipe (256 KiB, McpServerOptions.StdioPipeBytes) and one read of it hold: each
        // request carries a _meta pad of 1 KiB. The queue is large enough to hold every request, so only the bound on unsent output
        // (McpServerOptions.MaxUnsentBytes) can keep the server from reading them all and piling their answers up. Nothing here waits on the clock: the
        // client's writes blocking is seen as the pipe to the server filling up, and the server's memory is judged by the most it took while its
        // client did not read (its resident set's high-water mark), not by a sample taken when it had probably got there.
        const int calls = 4000, bytes = 64 * 1024;
        var pad = new string('p', 1024);
        using var server = StartStdioRaw("--max-concurrent", "8", "--max-queued", "5000");
        var reader = new StreamReader(server.Output, new UTF8Encoding(false), false, 1 << 20);
        var input = server.Input;
        var pipe = ((PipeStream)input).SafePipeHandle;
        input.Write("""{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{}}}"""u8);
        input.Write("\n"u8);
        input.Flush();
        Assert.Contains("\"result\"", await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20)));
        // One call of the kind the flood makes, answered and read: the server has run that path (its code compiled, its buffers grown), so what
        // is measured from here is what the unread answers cost.
        input.Write(Encoding.UTF8.GetBytes(Call(calls + 1, "payload", $$"""{"bytes":{{bytes}}}""") + "\n"));
        input.Flush();
        Assert.Contains("\"result\"", await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20)));
        var before = server.ResidentBytes();
        server.ResetPeakResidentBytes();

        // Completed when the writer finds the pipe to the server full: its next write blocks until the server reads again.
        var full = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var written = 0;
        var writer = Task.Run(() =>
        {
            for (var id = 1; id <= calls; id++)
            {
                if (!Pipe.Writable(pipe)) full.TrySetResult();
                input.Write(Encoding.UTF8.GetBytes($$"""{"jsonrpc":"2.0","id":{{id}},"method":"tools/call","params":{"name":"payload","arguments":{"bytes":{{bytes}}},"_meta":{"pad":"{{pad}}"}""" + "}}\n"));
                Volatile.Write(ref written, id);
            }
            input.Flush();
        });
        await Task.WhenAny(full.Task, writer).WaitAsync(TimeSpan.FromSeconds(60));
        // The server stops reading once its output is blocked, so the writer never gets all 4,000 requests through while nothing is read.
        var blocked = !writer.IsCompleted;
        // The most the server held at any moment since the flood began, up to now that the client is about to read again.
        var during = server.PeakResidentBytes();
        output.WriteLine($"resident set {before / 1048576.0:0.0} MiB before, at most {during / 1048576.0:0.0} MiB while the client did not read; " +
            $"the client's writes blocked after {Volatile.Read(ref written)} requests; writer blocked: {blocked}");
        Assert.True(blocked, "the server read every request while its answers went unread: no backpressure reached the client");
        Assert.True(during - before < 48L * 1024 * 1024, $"the server grew by {(during - before) / 1048576} MiB while its client did not read");

        // Once the client reads again, every answer arrives whole, exactly once.
        var seen = new HashSet<long>();
        var text = new string('y', bytes);
        for (var i = 0; i < calls; i++)
        {
            var line = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)) ?? throw new EndOfStreamException(server.Log);
            using var document = JsonDocument.Parse(line);
            Assert.True(seen.Add(document.RootElement.GetProperty("id").GetInt64()));
            Assert.Equal(text, document.RootElement.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
        }
        await writer.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(calls, seen.Count);
        input.Close();
        Assert.True(server.WaitForExit(TimeSpan.FromSeconds(10)));
    }

    /// <summary>Whether a write to a pipe would go through now: poll(2) for POLLOUT, which a full pipe does not report.</summary>
    private static class Pipe
    {
        private const short POLLOUT = 4;

        public static bool Writable(SafePipeHandle pipe)
        {
            var fd = new PollFd { Fd = (int)pipe.DangerousGetHandle(), Events = POLLOUT };
            var ready = poll(ref fd, 1, 0);
            if (ready < 0) throw new IOException($"poll failed: errno {Marshal.GetLastPInvokeError()}");
            return (fd.Revents & POLLOUT) != 0;
        }

        [StructLayout(LayoutKind.Sequential)]
        private struct PollFd
        {
            public int Fd;
            public short Events;
            public short Revents;
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int poll(ref PollFd fds, nuint count, int timeout);
    }
}
