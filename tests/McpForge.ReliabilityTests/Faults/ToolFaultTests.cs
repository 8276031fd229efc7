using System;
using System.Linq;
using System.Text.Json;
using static McpForge.ReliabilityTests.ReliabilityServer;

namespace McpForge.ReliabilityTests.Faults;

/// <summary>
/// Tools that fail the ways real ones do, in a real server process over stdio: each gets its documented answer
/// (docs/reliability.md, "Faults"), and the server goes on serving.
/// </summary>
public sealed class ToolFaultTests
{
    private static void StillServes(ChildProcess server, long id)
    {
        Assert.Equal("""{"jsonrpc":"2.0","id":""" + id + ""","result":{"content":[{"type":"text","text":"still here"}]}}""",
            server.Request(id, "tools/call", """{"name":"echo","arguments":{"message":"still here"}}""").GetRawText());
    }

    [Fact]
    public async System.Threading.Tasks.Task A_tool_that_throws_is_answered_with_an_error_result_and_logged_to_stderr()
    {
        await using var server = StartStdio();
        Assert.Equal("""{"jsonrpc":"2.0","id":1,"result":{"content":[{"type":"text","text":"deliberate failure"}],"isError":true}}""",
            server.Request(1, "tools/call", """{"name":"throws","arguments":{}}""").GetRawText());
        StillServes(server, 2);
        Assert.Contains("System.InvalidOperationException: deliberate failure", server.StandardError);
    }

    [Fact]
    public async System.Threading.Tasks.Task A_tool_that_never_returns_times_out_its_token_is_cancelled_and_its_slot_is_freed()
    {
        await using var server = StartStdio("--tool-timeout-ms", "300", "--max-concurrent", "2");
        // Three calls for two slots: the third waits, then runs and times out in its turn.
        for (var id = 1; id <= 3; id++) server.Send(Call(id, "hangs"));
        for (var id = 1; id <= 3; id++)
        {
            Assert.Equal("""{"jsonrpc":"2.0","id":""" + id + ""","error":{"code":-32001,"message":"Request timed out","data":{"details":"Tool 'hangs' did not complete within 300 ms (McpServerOptions.ToolTimeout).","timeoutMs":300}}}""",
                server.ReadResponse(id).Response.GetRawText());
        }
        // The tools see their tokens fire just after the answers leave: wait (in the server, bounded) for the third to notice.
        var cancelled = Text(server.Request(10, "tools/call", """{"name":"wait_for","arguments":{"counter":"cancellations","atLeast":3,"timeoutMs":10000}}"""));
        Assert.Equal("3", cancelled);
        StillServes(server, 100);
    }

    [Fact]
    public async System.Threading.Tasks.Task A_tool_that_ignores_its_token_still_times_out_and_gives_its_slot_back()
    {
        await using var server = StartStdio("--tool-timeout-ms", "300", "--max-concurrent", "1");
        Assert.Equal(-32001, server.Request(1, "tools/call", """{"name":"ignores_cancellation","arguments":{}}""")
            .GetProperty("error").GetProperty("code").GetInt32());
        // The task is still pending inside the process, but the one slot is free: the next call runs.
        StillServes(server, 2);
    }

    [Fact]
    public async System.Threading.Tasks.Task A_result_without_end_stops_at_the_response_limit_without_taking_the_memory_of_the_process()
    {
        await using var server = StartStdio("--max-response-bytes", "1048576");
        Assert.Equal("""{"jsonrpc":"2.0","id":1,"error":{"code":-32603,"message":"Internal error","data":{"details":"The result of tool 'endless' is over the limit of 1048576 bytes (McpServerOptions.MaxResponseBytes); writing stopped there."}}}""",
            server.Request(1, "tools/call", """{"name":"endless","arguments":{}}""").GetRawText());
        using var memory = JsonDocument.Parse(Text(server.Request(2, "tools/call", """{"name":"memory","arguments":{}}""")));
        var rss = memory.RootElement.GetProperty("rssBytes").GetInt64();
        Assert.True(rss < 200L * 1024 * 1024, $"the server's resident set is {rss / 1048576} MiB after the endless result");
        StillServes(server, 3);
    }

    [Fact]
    public async System.Threading.Tasks.Task A_tool_that_writes_a_mebibyte_to_stdout_leaves_the_protocol_stream_clean()
    {
        await using var server = StartStdio();
        Assert.Equal("printed", Text(server.Request(1, "tools/call", """{"name":"prints","arguments":{}}""")));
        StillServes(server, 2);
        server.CloseInput();
        // Every line the client gets is JSON-RPC; the writes went to stderr.
        foreach (var line in server.ReadToEnd()) Assert.Equal("2.0", JsonDocument.Parse(line).RootElement.GetProperty("jsonrpc").GetString());
        Assert.True(server.WaitForExit(TimeSpan.FromSeconds(10)));
        Assert.Equal(1024, server.StandardError.Split('\n').Count(l => l.Length == 1023 && l.All(c => c == 'p')));
    }
}
