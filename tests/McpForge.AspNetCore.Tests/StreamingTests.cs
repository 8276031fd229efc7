using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using McpForge.AspNetCore.Tests.Harness;
using Microsoft.AspNetCore.Builder;

namespace McpForge.AspNetCore.Tests;

/// <summary>How answers travel: one JSON body, or an SSE stream with priming, event ids, resumption and polling.</summary>
public sealed class StreamingTests
{
    private static string Call(object id, string tool, string arguments = "{}") =>
        "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool + "\",\"arguments\":" + arguments + "}}";

    private static string Text(System.Text.Json.JsonElement message) =>
        message.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString()!;

    [Fact]
    public async Task A_call_that_answers_at_once_gets_one_json_body()
    {
        await using var host = await McpTestHost.StartAsync();
        var session = await host.InitializeAsync();
        using var response = await host.SendAsync(host.Post(Call(1, "echo", """{"message":"héllo"}"""), session));
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("""{"jsonrpc":"2.0","id":1,"result":{"content":[{"type":"text","text":"héllo"}]}}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_client_that_lists_event_stream_first_gets_sse_even_for_an_immediate_answer()
    {
        await using var host = await McpTestHost.StartAsync();
        var session = await host.InitializeAsync();
        using var response = await host.SendAsync(host.Post(Call(1, "echo", """{"message":"hi"}"""), session, accept: "text/event-stream, application/json"),
            HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.True(response.Headers.CacheControl is { NoCache: true, NoTransform: true });
        using var reader = new SseReader(await response.Content.ReadAsStreamAsync());
        var events = await reader.ReadToEndAsync();
        Assert.Equal(2, events.Count);
        Assert.Equal(new SseEvent("1-1", 1000, ""), events[0]); // priming: an id to resume from, and the retry delay
        Assert.Equal("1-2", events[1].Id);
        Assert.Equal("""{"jsonrpc":"2.0","id":1,"result":{"content":[{"type":"text","text":"hi"}]}}""", events[1].Data);
    }

    [Fact]
    public async Task Progress_and_logs_of_a_call_travel_on_its_stream_before_the_result_with_increasing_ids()
    {
        await using var host = await McpTestHost.StartAsync();
        var session = await host.InitializeAsync();
        var request = """{"jsonrpc":"2.0","id":"s","method":"tools/call","params":{"name":"steps","arguments":{},"_meta":{"progressToken":7}}}""";
        using var response = await host.SendAsync(host.Post(request, session), HttpCompletionOption.ResponseHeadersRead);
        using var reader = new SseReader(await response.Content.ReadAsStreamAsync());
        var events = await reader.ReadToEndAsync();
        Assert.Equal(
            [
                "",
                """{"jsonrpc":"2.0","method":"notifications/progress","params":{"progressToken":7,"progress":1,"total":2}}""",
                """{"jsonrpc":"2.0","method":"notifications/message","params":{"level":"info","data":"half way"}}""",
                """{"jsonrpc":"2.0","method":"notifications/progress","params":{"progressToken":7,"progress":2,"total":2}}""",
                """{"jsonrpc":"2.0","id":"s","result":{"content":[{"type":"text","text":"done"}]}}""",
            ],
            events.Select(e => e.Data).ToArray());
        Assert.Equal(["1-1", "1-2", "1-3", "1-4", "1-5"], events.Select(e => e.Id).ToArray());
    }

    [Fact]
    public async Task A_client_older_than_2025_11_25_gets_plain_sse_without_ids_or_priming()
    {
        await using var host = await McpTestHost.StartAsync();
        var session = await host.InitializeAsync(version: "2025-06-18");
        using var response = await host.SendAsync(host.Post(Call(1, "steps"), session), HttpCompletionOption.ResponseHeadersRead);
        using var reader = new SseReader(await response.Content.ReadAsStreamAsync());
        var events = await reader.ReadToEndAsync();
        Assert.Equal(2, events.Count); // no progress token was given: the log and the result
        Assert.All(events, e => Assert.Null(e.Id));
        Assert.All(events, e => Assert.Null(e.Retry));
        Assert.Equal("done", Text(events.Last().Json));
    }

    [Fact]
    public async Task Messages_that_belong_to_no_request_go_on_the_get_stream_and_only_one_get_is_open()
    {
        await using var host = await McpTestHost.StartAsync();
        var session = await host.InitializeAsync();
        Assert.Equal("""{"jsonrpc":"2.0","id":1,"result":{}}""",
            (await host.RequestAsync(session, """{"jsonrpc":"2.0","id":1,"method":"resources/subscribe","params":{"uri":"notes://one"}}""")).GetRawText());
        using var get = await host.SendAsync(host.Get(session), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", get.Content.Headers.ContentType!.MediaType);
        using var stream = new SseReader(await get.Content.ReadAsStreamAsync());
        Assert.Equal("", (await stream.NextAsync())!.Data); // priming

        using (var second = await host.SendAsync(host.Get(session))) Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);

        // The call's own answer comes back on its POST; the update it causes is not part of it and goes on the GET stream.
        Assert.Equal("touched", Text(await host.RequestAsync(session, Call(2, "touch", """{"uri":"notes://one"}"""))));
        var update = await stream.NextAsync();
        Assert.Equal("""{"jsonrpc":"2.0","method":"notifications/resources/updated","params":{"uri":"notes://one"}}""", update!.Data);

        host.Server.RemoveTool("touch");
        Assert.Equal("""{"jsonrpc":"2.0","method":"notifications/tools/list_changed","params":{}}""", (await stream.NextAsync())!.Data);
    }

    [Fact]
    public async Task A_server_request_goes_on_the_calls_stream_and_the_clients_answer_is_posted_back()
    {
        await using var host = await McpTestHost.StartAsync();
        var session = await host.InitializeAsync("""{"sampling":{}}""");
        using var response = await host.SendAsync(host.Post(Call(3, "ask", """{"question":"2+2?"}"""), session), HttpCompletionOption.ResponseHeadersRead);
        using var reader = new SseReader(await response.Content.ReadAsStreamAsync());
        await reader.NextAsync(); // priming
        var request = (await reader.NextAsync())!.Json;
        Assert.Equal("sampling/createMessage", request.GetProperty("method").GetString());

        var answer = "{\"jsonrpc\":\"2.0\",\"id\":" + request.GetProperty("id").GetRawText()
            + ",\"result\":{\"role\":\"assistant\",\"content\":{\"type\":\"text\",\"text\":\"4\"},\"model\":\"m\"}}";
        using (var accepted = await host.SendAsync(host.Post(answer, session)))
        {
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            Assert.Equal("", await accepted.Content.ReadAsStringAsync());
        }
        Assert.Equal("model said: 4", Text((await reader.NextAsync())!.Json));
        Assert.Null(await reader.NextAsync());
    }

    [Fact]
    public async Task A_client_that_disconnects_mid_stream_resumes_with_last_event_id_and_the_call_was_not_cancelled()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        await using var host = await McpTestHost.StartAsync(http => http.ReplayWindow = TimeSpan.FromMilliseconds(500), mcp: b => b.Options.TimeProvider = clock);
        var session = await host.InitializeAsync();
        string primingId;
        using (var response = await host.SendAsync(host.Post(Call(4, "hold", """{"tag":"resumed"}"""), session), HttpCompletionOption.ResponseHeadersRead))
        using (var reader = new SseReader(await response.Content.ReadAsStreamAsync()))
        {
            primingId = (await reader.NextAsync())!.Id!;
        } // the client goes away here

        var state = host.Session(session);
        await McpTestHost.WaitUntilAsync(() => !state.HasAttachedStream, "the server saw the client leave");
        HttpTools.Gate("resumed").TrySetResult(); // the call finishes while nobody listens: its result is stored
        await McpTestHost.WaitUntilAsync(() => state.RequestsInProgress == 0, "the call's result was stored");
        using var resumed = await host.SendAsync(host.Get(session, primingId), HttpCompletionOption.ResponseHeadersRead);
        Assert.True(resumed.StatusCode == HttpStatusCode.OK, await resumed.Content.ReadAsStringAsync());
        using var replay = new SseReader(await resumed.Content.ReadAsStreamAsync());
        var events = await replay.ReadToEndAsync();
        Assert.Equal("released resumed", Text(Assert.Single(events).Json));
        Assert.False(HttpTools.Cancelled("resumed").Task.IsCompleted);

        // A write is no proof of receipt, so the stream stays replayable for the replay window, and not after it.
        using (var twice = await host.SendAsync(host.Get(session, primingId)))
        {
            Assert.Contains("released resumed", await twice.Content.ReadAsStringAsync());
        }
        clock.Advance(TimeSpan.FromMilliseconds(1500)); // the sweep that ends the replay window runs inside Advance
        using var late = await host.SendAsync(host.Get(session, primingId));
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Equal("""{"jsonrpc":"2.0","id":1,"result":{}}""", (await host.RequestAsync(session, """{"jsonrpc":"2.0","id":1,"method":"ping"}""")).GetRawText());
    }

    [Fact]
    public async Task A_client_that_leaves_a_resumable_stream_leaves_its_call_running_until_it_cancels_it()
    {
        // Completed when the server is done with the call's POST after its client left. Calls run in scopes of their own
        // here: with the request's services (the default) the POST's handler keeps that scope until the call ends, so it
        // would not return while the call runs. Without them it returns once the transport saw the connection go
        // (Kestrel fires RequestAborted, the stream's writer stops) and decided what becomes of the call
        // (OutgoingStream.Detach): everything a wrongful cancellation would do is done by then.
        var handled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await McpTestHost.StartAsync(
            http => http.UseRequestServices = false,
            map: app => app.Use(async (context, next) =>
            {
                await next(context);
                if (context.Request.Headers.ContainsKey("X-Test-Leaves")) handled.TrySetResult();
            }));
        var session = await host.InitializeAsync();
        var leaving = host.Post(Call(7, "hold", """{"tag":"left"}"""), session, headers: new System.Collections.Generic.Dictionary<string, string> { ["X-Test-Leaves"] = "1" });
        using (var response = await host.SendAsync(leaving, HttpCompletionOption.ResponseHeadersRead))
        using (var reader = new SseReader(await response.Content.ReadAsStreamAsync()))
        {
            Assert.NotNull((await reader.NextAsync())!.Id); // the priming event: the stream can be resumed
            await HttpTools.Started("left").Task.WaitAsync(McpTestHost.Wait);
        } // the client goes away here, mid-call

        await handled.Task.WaitAsync(McpTestHost.StateWait);
        var state = host.Session(session);
        Assert.False(state.HasAttachedStream);
        // Disconnection is not cancellation (MCP 2025-11-25, transports): the call still owes its answer, which the
        // store keeps for a resuming GET. A lost stream's call is cancelled and leaves the session's requests
        // (HttpSession.StreamLost) before that handler returns, so this count cannot be read too early.
        Assert.Equal(1, state.RequestsInProgress);
        Assert.False(HttpTools.Cancelled("left").Task.IsCompleted);

        // ...until the client cancels it.
        using (var cancel = await host.SendAsync(host.Post("""{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":7}}""", session)))
        {
            Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        }
        await HttpTools.Cancelled("left").Task.WaitAsync(McpTestHost.StateWait);
        Assert.Equal(0, state.RequestsInProgress);
    }

    [Fact]
    public async Task A_json_only_client_that_disconnects_cancels_its_call_because_nothing_could_reach_it()
    {
        await using var host = await McpTestHost.StartAsync();
        var session = await host.InitializeAsync();
        using (var cts = new System.Threading.CancellationTokenSource())
        {
            var call = host.Client.SendAsync(host.Post(Call(5, "hold", """{"tag":"json"}"""), session, accept: "application/json"), cts.Token);
            await HttpTools.Started("json").Task.WaitAsync(McpTestHost.Wait);
            await cts.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        }
        await HttpTools.Cancelled("json").Task.WaitAsync(McpTestHost.Wait);
        Assert.Equal("""{"jsonrpc":"2.0","id":1,"result":{}}""", (await host.RequestAsync(session, """{"jsonrpc":"2.0","id":1,"method":"ping"}""")).GetRawText());
    }

    [Fact]
    public async Task A_tool_can_close_its_stream_to_be_polled_and_the_client_gets_the_rest_on_a_get()
    {
        await using var host = await McpTestHost.StartAsync();
        // The call runs in its POST's DI scope, so that request lasts until the handler returns and its HTTP/1.1
        // connection stays busy: the GET goes on a connection of its own.
        using var other = host.NewClient();
        await PollAndResumeAsync(host, other, "poll");
    }

    [Fact]
    public async Task Without_request_services_a_polled_call_frees_its_connection_for_the_resuming_get()
    {
        await using var host = await McpTestHost.StartAsync(http: o => o.UseRequestServices = false);
        // One client: the GET may reuse the POST's connection, which the POST left with its answer.
        await PollAndResumeAsync(host, host.Client, "poll-own-scope");
    }

    private static async Task PollAndResumeAsync(McpTestHost host, HttpClient resumeClient, string tag)
    {
        var session = await host.InitializeAsync();
        var request = """{"jsonrpc":"2.0","id":6,"method":"tools/call","params":{"name":"poll_me","arguments":{"tag":"$$TAG$$"},"_meta":{"progressToken":"p"}}}""".Replace("$$TAG$$", tag);
        using var response = await host.SendAsync(host.Post(request, session), HttpCompletionOption.ResponseHeadersRead);
        using var reader = new SseReader(await response.Content.ReadAsStreamAsync());
        var first = await reader.ReadToEndAsync(); // the server ends the connection, not the stream
        var last = first.Last().Id!;
        Assert.Equal(1000, first[0].Retry);
        Assert.DoesNotContain(first, e => e.Data.Contains("\"result\""));

        using var resumed = await resumeClient.SendAsync(host.Get(session, last), HttpCompletionOption.ResponseHeadersRead).WaitAsync(McpTestHost.Wait);
        using var rest = new SseReader(await resumed.Content.ReadAsStreamAsync());
        HttpTools.Gate(tag).TrySetResult();
        var events = await rest.ReadToEndAsync();
        var all = first.Concat(events).Where(e => e.Data.Length > 0).Select(e => e.Json.TryGetProperty("method", out var m) ? m.GetString() : Text(e.Json)).ToArray();
        Assert.Equal(["notifications/progress", "polled, closed=True"], all);
    }

    [Fact]
    public async Task An_unknown_last_event_id_is_refused()
    {
        await using var host = await McpTestHost.StartAsync();
        var session = await host.InitializeAsync();
        using var response = await host.SendAsync(host.Get(session, "99-1"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Last-Event-ID '99-1' names no stream of this session that can be resumed.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Requests_over_the_sessions_concurrency_limit_wait_their_turn()
    {
        await using var host = await McpTestHost.StartAsync(mcp: b => b.Options.MaxConcurrentRequests = 1);
        var session = await host.InitializeAsync();
        using var first = await host.SendAsync(host.Post(Call(1, "hold", """{"tag":"first"}"""), session), HttpCompletionOption.ResponseHeadersRead);
        var second = host.Client.SendAsync(host.Post(Call(2, "echo", """{"message":"second"}"""), session));
        await McpTestHost.WaitUntilAsync(() => host.Server.QueuedRequests == 1, "the second call queued");
        Assert.False(second.IsCompleted);
        HttpTools.Gate("first").TrySetResult();
        using var answer = await second.WaitAsync(McpTestHost.Wait);
        Assert.Equal("""{"jsonrpc":"2.0","id":2,"result":{"content":[{"type":"text","text":"second"}]}}""", await answer.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task With_the_queue_full_a_rejecting_server_answers_429_with_server_busy_and_retry_after()
    {
        await using var host = await McpTestHost.StartAsync(mcp: b =>
        {
            b.Options.MaxConcurrentRequests = 1;
            b.Options.MaxQueuedRequests = 1;
            b.Options.WhenBusy = BusyBehavior.Reject;
        });
        var session = await host.InitializeAsync();
        using var first = await host.SendAsync(host.Post(Call(1, "hold", """{"tag":"queue-full"}"""), session), HttpCompletionOption.ResponseHeadersRead);
        var queued = host.Client.SendAsync(host.Post(Call(2, "echo", """{"message":"queued"}"""), session));
        await McpTestHost.WaitUntilAsync(() => host.Server.QueuedRequests == 1, "the second call took the one place in the queue");
        Assert.False(queued.IsCompleted);
        using var third = await host.SendAsync(host.Post(Call(3, "echo", """{"message":"third"}"""), session));
        Assert.Equal((HttpStatusCode)429, third.StatusCode);
        Assert.Equal("1", third.Headers.RetryAfter!.ToString());
        Assert.Equal("""{"jsonrpc":"2.0","id":3,"error":{"code":-32004,"message":"Server busy","data":{"details":"The server is busy: 1 requests are running and the queue is full (McpServerOptions.MaxConcurrentRequests, MaxQueuedRequests = 1). Try again shortly."}}}""",
            await third.Content.ReadAsStringAsync());
        HttpTools.Gate("queue-full").TrySetResult();
        using var answer = await queued.WaitAsync(McpTestHost.Wait);
        Assert.Contains("\"text\":\"queued\"", await answer.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_client_that_leaves_while_its_call_waits_for_a_slot_frees_its_place()
    {
        await using var host = await McpTestHost.StartAsync(mcp: b => b.Options.MaxConcurrentRequests = 1);
        var session = await host.InitializeAsync();
        using var first = await host.SendAsync(host.Post(Call(1, "hold", """{"tag":"leaver"}"""), session), HttpCompletionOption.ResponseHeadersRead);
        var state = host.Session(session);
        using (var leave = new CancellationTokenSource())
        {
            var gone = host.Client.SendAsync(host.Post(Call(2, "echo", """{"message":"gone"}"""), session), leave.Token);
            await McpTestHost.WaitUntilAsync(() => host.Server.QueuedRequests == 1, "the second call queued");
            await leave.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gone);
        }
        await McpTestHost.WaitUntilAsync(() => host.Server.QueuedRequests == 0 && state.RequestsInProgress == 1, "the departed call left the queue and its id");
        HttpTools.Gate("leaver").TrySetResult();
        // The departed call took no slot with it: the next one runs, and its id 2 is free again.
        Assert.Equal("again", Text(await host.RequestAsync(session, Call(2, "echo", """{"message":"again"}"""))));
    }
}
