using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using McpForge.Tests.Fixtures;
using McpForge.Tests.Harness;

namespace McpForge.Tests;

/// <summary>notifications/cancelled, timeouts, the concurrency limit and in-flight ids. Tests here share the <see cref="BasicTools.Gate"/>.</summary>
[Collection(nameof(GateCollection))]
public sealed class CancellationAndConcurrencyTests
{
    [Fact]
    public async Task Cancelling_a_running_call_cancels_its_token_and_sends_no_response()
    {
        BasicTools.Gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelledBefore = Volatile.Read(ref BasicTools.CancelledCount);
        await using var server = await ServerHarness.StartInitializedAsync();

        await server.SendAsync("""{"jsonrpc":"2.0","id":"w1","method":"tools/call","params":{"name":"wait","arguments":{}}}""");
        await server.SendAsync("""{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":"w1","reason":"user pressed stop"}}""");

        // The next request is answered, and nothing is ever sent for w1.
        Assert.Equal("after", ServerHarness.Text(await server.CallToolAsync(2, "echo", """{"message":"after"}""")));
        await SpinUntil(() => Volatile.Read(ref BasicTools.CancelledCount) > cancelledBefore);
        Assert.Empty(await server.ReadRestAsync()); // everything the server will ever write: nothing for w1
    }

    [Fact]
    public async Task A_cancellation_for_an_unknown_id_is_ignored_and_a_request_arriving_after_its_cancellation_is_served()
    {
        await using var server = await ServerHarness.StartInitializedAsync();
        await server.SendAsync("""{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":77}}""");
        Assert.Equal("served", ServerHarness.Text(await server.CallToolAsync(77, "echo", """{"message":"served"}""")));
    }

    [Fact]
    public async Task A_call_over_the_timeout_gets_request_timed_out_and_its_slot_back()
    {
        await using var server = await ServerHarness.StartInitializedAsync(o =>
        {
            o.ToolTimeout = TimeSpan.FromMilliseconds(200);
            o.MaxConcurrentRequests = 1;
        });
        var response = await server.CallToolAsync(1, "hang", "{}");
        Assert.Equal(
            """{"jsonrpc":"2.0","id":1,"error":{"code":-32001,"message":"Request timed out","data":{"details":"Tool 'hang' did not complete within 200 ms (McpServerOptions.ToolTimeout).","timeoutMs":200}}}""",
            response.GetRawText());
        // The only slot was freed although 'hang' never returns.
        Assert.Equal("next", ServerHarness.Text(await server.CallToolAsync(2, "echo", """{"message":"next"}""")));
    }

    [Fact]
    public async Task A_tool_with_its_own_timeout_uses_it_instead_of_the_server_default()
    {
        await using var server = await ServerHarness.StartInitializedAsync(o => o.ToolTimeout = System.TimeSpan.FromMinutes(5));
        var response = await server.CallToolAsync(1, "hang_briefly", "{}");
        Assert.Equal(
            """{"jsonrpc":"2.0","id":1,"error":{"code":-32001,"message":"Request timed out","data":{"details":"Tool 'hang_briefly' did not complete within 150 ms (its TimeoutMs).","timeoutMs":150}}}""",
            response.GetRawText());
    }

    [Fact]
    public async Task A_short_deadline_behind_long_ones_fires_on_time_and_every_ended_call_leaves_the_deadline_list()
    {
        // One timer serves every call's timeout (ToolDeadlines): it is set for the first deadline of five minutes and
        // must move for the 150 ms one that comes later; answered, cancelled and timed-out calls all leave the list.
        BasicTools.Gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var mcp = McpServer.CreateBuilder("test-server", "9.9.9").AddTools<BasicTools>()
            .Configure(o => { o.ToolTimeout = TimeSpan.FromMinutes(5); o.ErrorLog = System.IO.TextWriter.Null; o.TimeProvider = clock; }).Build();
        await using var server = ServerHarness.Start(mcp);
        await server.InitializeAsync();
        for (var i = 1; i <= 3; i++)
        {
            await server.SendAsync($$$"""{"jsonrpc":"2.0","id":{{{i}}},"method":"tools/call","params":{"name":"wait"}}""");
        }
        for (var i = 10; i < 110; i++) await server.CallToolAsync(i, "echo", """{"message":"x"}""");
        Assert.Equal(3, mcp.Deadlines.Count);

        await server.SendAsync("""{"jsonrpc":"2.0","id":200,"method":"tools/call","params":{"name":"hang_briefly"}}""");
        await ServerHarness.WaitUntilAsync(() => mcp.Deadlines.Count == 4, "the 150 ms deadline joined the list");
        clock.Advance(TimeSpan.FromMilliseconds(149));
        // Not yet: a ping sent now is the next thing answered (the timer fires inside Advance, so an early timeout
        // would already be written).
        await server.SendAsync("""{"jsonrpc":"2.0","id":201,"method":"ping"}""");
        Assert.Equal("""{"jsonrpc":"2.0","id":201,"result":{}}""", (await server.ReadMessageAsync()).GetRawText());
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var timedOut = await server.ReadMessageAsync();
        Assert.Equal(200, timedOut.GetProperty("id").GetInt64());
        Assert.Equal(-32001, timedOut.GetProperty("error").GetProperty("code").GetInt32());

        var cancelledBefore = Volatile.Read(ref BasicTools.CancelledCount);
        await server.SendAsync("""{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":1}}""");
        await SpinUntil(() => Volatile.Read(ref BasicTools.CancelledCount) > cancelledBefore); // before the gate opens
        BasicTools.Gate.SetResult();
        var answered = new HashSet<long>();
        for (var i = 0; i < 2; i++) answered.Add((await server.ReadMessageAsync()).GetProperty("id").GetInt64());
        Assert.Equal([2L, 3L], answered.Order());
        Assert.Equal(0, mcp.Deadlines.Count);
    }

    [Fact]
    public async Task A_timed_out_call_that_observes_its_token_is_answered_once()
    {
        await using var server = await ServerHarness.StartInitializedAsync(o => o.ToolTimeout = TimeSpan.FromMilliseconds(100));
        var response = await server.CallToolAsync(1, "sleep", """{"milliseconds":60000}""");
        Assert.Equal(-32001, response.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Empty(await server.ReadRestAsync()); // the tool saw its token and returned: no second answer, ever
    }

    [Fact]
    public async Task Calls_run_concurrently_up_to_the_limit_the_next_waits_its_turn_and_ping_is_answered_meanwhile()
    {
        BasicTools.Gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await ServerHarness.StartInitializedAsync(o => o.MaxConcurrentRequests = 8);
        for (var i = 0; i < 8; i++)
        {
            await server.SendAsync($$$$"""{"jsonrpc":"2.0","id":{{{{i}}}},"method":"tools/call","params":{"name":"wait"}}""");
        }
        // The ninth call waits for a slot while all eight wait on the gate; a ping does not wait.
        await server.SendAsync("""{"jsonrpc":"2.0","id":100,"method":"tools/call","params":{"name":"echo","arguments":{"message":"queued"}}}""");
        await server.SendAsync("""{"jsonrpc":"2.0","id":101,"method":"ping"}""");
        Assert.Equal("""{"jsonrpc":"2.0","id":101,"result":{}}""", (await server.ReadMessageAsync()).GetRawText());
        await ServerHarness.WaitUntilAsync(() => server.Server.QueuedRequests == 1, "the ninth call queued");

        BasicTools.Gate.SetResult();
        var ids = new List<long>();
        for (var i = 0; i < 9; i++)
        {
            var message = await server.ReadMessageAsync();
            var id = message.GetProperty("id").GetInt64();
            ids.Add(id);
            Assert.Equal(id < 100 ? "released" : "queued", ServerHarness.Text(message));
        }
        Assert.Equal(Enumerable.Range(0, 8).Select(i => (long)i).Append(100).ToArray(), ids.Order().ToArray());
    }

    [Fact]
    public async Task An_id_already_in_flight_is_rejected()
    {
        BasicTools.Gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await ServerHarness.StartInitializedAsync();
        await server.SendAsync("""{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"wait"}}""");
        var duplicate = await server.CallToolAsync(5, "echo", """{"message":"x"}""");
        Assert.Equal("""{"code":-32600,"message":"Invalid Request","data":{"details":"The request id 5 is already used by a request in progress."}}""", ServerHarness.Error(duplicate));
        BasicTools.Gate.SetResult();
        Assert.Equal("released", ServerHarness.Text(await server.ReadMessageAsync()));
    }

    [Fact]
    public async Task Cancellation_racing_completion_gives_each_request_at_most_one_response()
    {
        await using var server = await ServerHarness.StartInitializedAsync();
        const int calls = 300;
        for (var i = 0; i < calls; i++)
        {
            await server.SendAsync($$$$"""{"jsonrpc":"2.0","id":{{{{i}}}},"method":"tools/call","params":{"name":"sleep","arguments":{"milliseconds":{{{{i % 3}}}}}}}""");
            await server.SendAsync($$$$"""{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":{{{{i}}}}}}""");
        }
        await server.SendAsync("""{"jsonrpc":"2.0","id":"end","method":"ping"}""");
        await server.CloseInputAsync();

        var seen = new HashSet<long>();
        for (var i = 0; i < calls + 1; i++)
        {
            JsonElement message;
            try { message = await server.ReadMessageAsync(TimeSpan.FromSeconds(5)); }
            catch (System.IO.EndOfStreamException) { break; }
            var id = message.GetProperty("id");
            if (id.ValueKind == JsonValueKind.String) continue;
            Assert.True(seen.Add(id.GetInt64()), "two responses for id " + id);
            Assert.Equal("slept", ServerHarness.Text(message));
        }
        await server.Completion.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static Task SpinUntil(Func<bool> condition) => ServerHarness.WaitUntilAsync(condition, "the tool saw its token cancelled");
}

[CollectionDefinition(nameof(GateCollection), DisableParallelization = true)]
public sealed class GateCollection;
