using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using McpForge.Tests.Fixtures;
using McpForge.Tests.Harness;

namespace McpForge.Tests;

/// <summary>
/// Requests beyond MaxConcurrentRequests: they wait in order in a bounded queue, leave it when cancelled, and once
/// it is full either stop the reading (Wait) or get -32004 (Reject). Pings and the client's answers never wait.
/// </summary>
[Collection(nameof(GateCollection))]
public sealed class AdmissionTests
{
    private static string Call(long id, string tool, string arguments = "{}") =>
        $$$"""{"jsonrpc":"2.0","id":{{{id}}},"method":"tools/call","params":{"name":"{{{tool}}}","arguments":{{{arguments}}}}}""";

    [Fact]
    public async Task Queued_calls_run_in_arrival_order_as_slots_free()
    {
        BasicTools.Gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await ServerHarness.StartInitializedAsync(o => o.MaxConcurrentRequests = 1);
        await server.SendAsync(Call(1, "wait"));
        for (var i = 2; i <= 6; i++) await server.SendAsync(Call(i, "echo", $$"""{"message":"m{{i}}"}"""));
        await ServerHarness.WaitUntilAsync(() => server.Server.QueuedRequests == 5, "the five echoes queued behind 'wait'");
        BasicTools.Gate.SetResult();
        var order = new List<string>();
        for (var i = 0; i < 6; i++) order.Add(ServerHarness.Text(await server.ReadMessageAsync()));
        Assert.Equal(["released", "m2", "m3", "m4", "m5", "m6"], order);
    }

    [Fact]
    public async Task A_cancelled_queued_call_never_runs_and_gets_no_response()
    {
        BasicTools.Gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await ServerHarness.StartInitializedAsync(o => o.MaxConcurrentRequests = 1);
        await server.SendAsync(Call(1, "wait"));
        await server.SendAsync(Call(2, "echo", """{"message":"cancelled"}"""));
        await server.SendAsync(Call(3, "echo", """{"message":"kept"}"""));
        await server.SendAsync("""{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":2}}""");
        await server.RequestAsync(9, "ping"); // answered at once, so the cancellation before it was read too
        BasicTools.Gate.SetResult();
        Assert.Equal("released", ServerHarness.Text(await server.ReadMessageAsync()));
        var kept = await server.ReadMessageAsync();
        Assert.Equal(3, kept.GetProperty("id").GetInt64());
        Assert.Empty(await server.ReadRestAsync()); // everything the server will ever write: nothing for id 2
    }

    [Fact]
    public async Task With_every_slot_taken_a_tool_still_gets_the_clients_answer_to_its_elicitation()
    {
        // The slot is held by the tool that waits for the client: if answers waited for slots, this would deadlock.
        var server = ServerHarness.Start(b => b.AddTools<AskingTools>().Configure(o => o.MaxConcurrentRequests = 1));
        await using var _ = server;
        await server.RequestAsync(0, "initialize", """{"protocolVersion":"2025-11-25","capabilities":{"elicitation":{}}}""");
        await server.SendAsync(Call(1, "sign_up"));
        var request = await server.ReadMessageAsync();
        Assert.Equal("elicitation/create", request.GetProperty("method").GetString());
        await server.SendAsync("""{"jsonrpc":"2.0","id":77,"method":"ping"}""");
        Assert.Equal("""{"jsonrpc":"2.0","id":77,"result":{}}""", (await server.ReadMessageAsync()).GetRawText());
        await server.SendAsync("{\"jsonrpc\":\"2.0\",\"id\":" + request.GetProperty("id").GetRawText() + ",\"result\":{\"action\":\"decline\"}}");
        Assert.Equal("Decline", ServerHarness.Text(await server.ReadMessageAsync()));
    }

    [Fact]
    public async Task When_the_queue_is_full_and_the_server_rejects_the_call_gets_server_busy_at_once()
    {
        BasicTools.Gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await ServerHarness.StartInitializedAsync(o =>
        {
            o.MaxConcurrentRequests = 2;
            o.MaxQueuedRequests = 1;
            o.WhenBusy = BusyBehavior.Reject;
        });
        await server.SendAsync(Call(1, "wait"));
        await server.SendAsync(Call(2, "wait"));
        await server.SendAsync(Call(3, "echo", """{"message":"queued"}"""));
        await server.SendAsync(Call(4, "echo", """{"message":"rejected"}"""));
        Assert.Equal(
            """{"jsonrpc":"2.0","id":4,"error":{"code":-32004,"message":"Server busy","data":{"details":"The server is busy: 2 requests are running and the queue is full (McpServerOptions.MaxConcurrentRequests, MaxQueuedRequests = 1). Try again shortly."}}}""",
            (await server.ReadMessageAsync()).GetRawText());
        BasicTools.Gate.SetResult();
        var texts = new List<string>();
        for (var i = 0; i < 3; i++) texts.Add(ServerHarness.Text(await server.ReadMessageAsync()));
        Assert.Equal(["queued", "released", "released"], texts.Order().ToArray());
    }

    [Fact]
    public async Task When_the_queue_is_full_and_the_server_waits_reading_stops_until_a_queued_call_starts()
    {
        BasicTools.Gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await ServerHarness.StartInitializedAsync(o =>
        {
            o.MaxConcurrentRequests = 1;
            o.MaxQueuedRequests = 2;
        });
        await server.SendAsync(Call(1, "wait"));
        await server.SendAsync(Call(2, "echo", """{"message":"a"}"""));
        await server.SendAsync(Call(3, "echo", """{"message":"b"}"""));
        await ServerHarness.WaitUntilAsync(() => server.Server.QueuedRequests == 2, "the two echoes filled the queue");
        // The queue is full, so the transport reads nothing more: even this ping waits in the pipe, and is answered only
        // after 'wait' (whose answer is written before its slot frees the queue and the reading resumes).
        await server.SendAsync("""{"jsonrpc":"2.0","id":4,"method":"ping"}""");
        BasicTools.Gate.SetResult();
        var ids = new List<long>();
        for (var i = 0; i < 4; i++) ids.Add((await server.ReadMessageAsync()).GetProperty("id").GetInt64());
        Assert.Equal(1, ids[0]);
        Assert.Equal([1, 2, 3, 4], ids.Order().ToArray());
    }

    [Fact]
    public async Task At_end_of_input_queued_calls_are_answered_before_the_server_stops()
    {
        await using var server = await ServerHarness.StartInitializedAsync(o => o.MaxConcurrentRequests = 2);
        for (var i = 1; i <= 20; i++) await server.SendAsync(Call(i, "sleep", """{"milliseconds":5}"""));
        await server.CloseInputAsync();
        var ids = new HashSet<long>();
        for (var i = 0; i < 20; i++) ids.Add((await server.ReadMessageAsync()).GetProperty("id").GetInt64());
        Assert.Equal(20, ids.Count);
        await server.Completion.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Answered_calls_leave_no_work_behind_on_the_thread_pool()
    {
        // Found by the stdio soak: every answered call scheduled a queue worker that rescheduled itself forever. A call
        // that never waited for a slot has nothing queued behind it, so no worker may be scheduled at all.
        await using var server = await ServerHarness.StartInitializedAsync();
        for (var i = 1; i <= 1000; i++) await server.CallToolAsync(i, "echo", """{"message":"x"}""");
        Assert.Equal(0, server.Server.QueuePumpsScheduled);
    }
}
