using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using McpForge.AspNetCore.Redis.Tests.Harness;
using Microsoft.Extensions.Time.Testing;

namespace McpForge.AspNetCore.Redis.Tests;

/// <summary>
/// One 2025-11-25 session served by a fleet of three instances, each request sent on purpose to an instance other than
/// the one before (docs/scale-out.md): whatever instance a request reaches, the session's owner serves it.
/// </summary>
public sealed class FleetTests
{
    private const string ElicitingClient = """{"elicitation":{"form":{}}}""";

    [Fact]
    public async Task Calls_of_one_session_sent_to_every_instance_in_turn_all_run_on_its_owner()
    {
        await using var fleet = await Fleet.StartAsync();
        var session = await fleet.A.InitializeAsync();
        using (var initialized = await fleet.B.SendAsync(fleet.B.Post("""{"jsonrpc":"2.0","method":"notifications/initialized"}""", session)))
        {
            Assert.Equal(HttpStatusCode.Accepted, initialized.StatusCode);
        }
        var served = new string[9];
        for (var i = 0; i < served.Length; i++) served[i] = await fleet.Members[(i + 2) % 3].CallAsync(session, "whoami", id: i + 1);
        Assert.All(served, s => Assert.Equal("a", s));
    }

    [Fact]
    public async Task A_request_at_the_owner_reaches_the_store_never_and_one_elsewhere_reaches_it_once()
    {
        await using var fleet = await Fleet.StartAsync();
        var session = await fleet.A.InitializeAsync();
        var atOwner = fleet.A.Directory.RoundTrips;
        Assert.Equal("a", await fleet.A.CallAsync(session, "whoami"));
        Assert.Equal(atOwner, fleet.A.Directory.RoundTrips);
        Assert.Equal("a", await fleet.B.CallAsync(session, "whoami", id: 2));
        Assert.Equal(1, fleet.B.Directory.RoundTrips);
        Assert.Equal(atOwner, fleet.A.Directory.RoundTrips);
    }

    [Fact]
    public async Task An_elicitation_answer_posted_to_another_instance_reaches_the_call_waiting_on_the_owner()
    {
        await using var fleet = await Fleet.StartAsync();
        var session = await fleet.A.InitializeAsync(ElicitingClient);
        using var call = await fleet.B.SendAsync(fleet.B.Post("""{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"ask_name","arguments":{}}}""", session),
            HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", call.Content.Headers.ContentType?.MediaType);
        using var events = new SseReader(await call.Content.ReadAsStreamAsync());
        var ask = await NextMessageAsync(events);
        Assert.Equal("elicitation/create", ask.GetProperty("method").GetString());
        var askId = ask.GetProperty("id").GetRawText();

        using (var answer = await fleet.C.SendAsync(fleet.C.Post(
            "{\"jsonrpc\":\"2.0\",\"id\":" + askId + ",\"result\":{\"action\":\"accept\",\"content\":{\"name\":\"Ada\"}}}", session)))
        {
            Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        }
        var result = await NextMessageAsync(events);
        Assert.Equal("""{"jsonrpc":"2.0","id":7,"result":{"content":[{"type":"text","text":"a heard accept Ada"}]}}""", result.GetRawText());
    }

    [Fact]
    public async Task A_stream_resumed_with_last_event_id_at_another_instance_replays_and_ends_with_the_result()
    {
        await using var fleet = await Fleet.StartAsync();
        var session = await fleet.A.InitializeAsync();
        const string Tag = "resume-elsewhere";
        using var call = await fleet.B.SendAsync(fleet.B.Post(
            "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"poll_me\",\"arguments\":{\"tag\":\"" + Tag + "\"},\"_meta\":{\"progressToken\":\"p\"}}}", session),
            HttpCompletionOption.ResponseHeadersRead);
        using var first = new SseReader(await call.Content.ReadAsStreamAsync());
        var before = await first.ReadToEndAsync(); // the owner closed the stream
        var last = before.Last(e => e.Id is not null).Id!;
        Assert.StartsWith("1.", last); // the owner's epoch leads every event id

        using var resumed = await fleet.C.SendAsync(fleet.C.Get(session, last), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        using var rest = new SseReader(await resumed.Content.ReadAsStreamAsync());
        FleetTestTools.Gate(Tag).TrySetResult();
        var after = await rest.ReadToEndAsync();
        var seen = before.Concat(after).Where(e => e.Data.Length > 0)
            .Select(e => e.Json.TryGetProperty("method", out var m) ? m.GetString() : e.Json.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString())
            .ToArray();
        Assert.Equal(["notifications/progress", "a finished " + Tag], seen);
    }

    [Fact]
    public async Task A_resource_update_started_on_another_instance_is_delivered_once_on_the_owners_get_stream()
    {
        await using var fleet = await Fleet.StartAsync();
        var watcher = await fleet.A.InitializeAsync();
        foreach (var (member, uri, id) in new[] { (fleet.B, "notes://one", 1), (fleet.C, "notes://two", 2) })
        {
            var subscribed = await member.RequestAsync(watcher, "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"resources/subscribe\",\"params\":{\"uri\":\"" + uri + "\"}}");
            Assert.Equal("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":{}}", subscribed.GetRawText());
        }
        using var stream = await fleet.B.SendAsync(fleet.B.Get(watcher), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
        using var events = new SseReader(await stream.Content.ReadAsStreamAsync());

        // Another session, owned by c, changes both resources: one, then two. Had the first update been delivered twice,
        // its copy would come before the second.
        var toucher = await fleet.C.InitializeAsync();
        Assert.Equal("c touched notes://one", await fleet.C.CallAsync(toucher, "touch", """{"uri":"notes://one"}"""));
        Assert.Equal("c touched notes://two", await fleet.C.CallAsync(toucher, "touch", """{"uri":"notes://two"}""", id: 2));
        var first = await NextMessageAsync(events);
        var second = await NextMessageAsync(events);
        Assert.Equal("""{"jsonrpc":"2.0","method":"notifications/resources/updated","params":{"uri":"notes://one"}}""", first.GetRawText());
        Assert.Equal("""{"jsonrpc":"2.0","method":"notifications/resources/updated","params":{"uri":"notes://two"}}""", second.GetRawText());
    }

    [Fact]
    public async Task A_delete_sent_to_one_instance_ends_the_session_for_all_of_them()
    {
        await using var fleet = await Fleet.StartAsync();
        var session = await fleet.A.InitializeAsync();
        using (var deleted = await fleet.B.SendAsync(fleet.B.Delete(session)))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }
        Assert.Null(fleet.Store.Get(session));
        foreach (var member in fleet.Members)
        {
            using var response = await member.SendAsync(member.Post("""{"jsonrpc":"2.0","id":1,"method":"ping"}""", session));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    [Fact]
    public async Task A_session_id_that_never_existed_is_404_at_every_instance()
    {
        await using var fleet = await Fleet.StartAsync();
        foreach (var member in fleet.Members)
        {
            using var response = await member.SendAsync(member.Post("""{"jsonrpc":"2.0","id":1,"method":"ping"}""", "0123456789abcdef0123456789abcdef"));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("initialize", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task A_forwarding_header_whose_signature_does_not_hold_is_refused_with_403()
    {
        await using var fleet = await Fleet.StartAsync();
        var session = await fleet.A.InitializeAsync();
        var forged = fleet.A.Post("""{"jsonrpc":"2.0","id":1,"method":"ping"}""", session);
        var genuine = fleet.B.Signature.Sign("POST", session).Split(';');
        forged.Headers.Add(ForwardingSignature.Header, genuine[0] + ";" + genuine[1] + ";" + Convert.ToBase64String(new byte[32]));
        using var response = await fleet.A.SendAsync(forged);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("""{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid Request","data":{"details":"The request claims to be forwarded by an instance of the fleet, but its signature does not hold."}}}""",
            await response.Content.ReadAsStringAsync());

        // Signed for another session: the signature binds the session id too.
        var replayed = fleet.A.Post("""{"jsonrpc":"2.0","id":1,"method":"ping"}""", session);
        replayed.Headers.Add(ForwardingSignature.Header, fleet.B.Signature.Sign("POST", "another-session"));
        using var again = await fleet.A.SendAsync(replayed);
        Assert.Equal(HttpStatusCode.Forbidden, again.StatusCode);
    }

    [Fact]
    public async Task A_request_forwarded_by_the_instance_that_receives_it_is_a_loop_and_refused_with_508()
    {
        await using var fleet = await Fleet.StartAsync();
        var session = await fleet.A.InitializeAsync();
        var looped = fleet.B.Post("""{"jsonrpc":"2.0","id":1,"method":"ping"}""", session);
        looped.Headers.Add(ForwardingSignature.Header, fleet.B.Signature.Sign("POST", session));
        using var response = await fleet.B.SendAsync(looped);
        Assert.Equal((HttpStatusCode)508, response.StatusCode);
        Assert.Equal("""{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid Request","data":{"details":"The request was forwarded by this very instance."}}}""",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_forwarded_request_that_finds_the_session_moved_on_is_not_forwarded_again()
    {
        await using var fleet = await Fleet.StartAsync();
        var session = await fleet.A.InitializeAsync();
        // Signed by b, sent to c: c does not own the session, and a forwarded request is never forwarded twice.
        var forwarded = fleet.C.Post("""{"jsonrpc":"2.0","id":1,"method":"ping"}""", session);
        forwarded.Headers.Add(ForwardingSignature.Header, fleet.B.Signature.Sign("POST", session));
        using var response = await fleet.C.SendAsync(forwarded);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("1", response.Headers.RetryAfter?.ToString());
    }

    [Fact]
    public async Task When_the_owner_stops_its_session_is_taken_over_by_the_next_instance_it_reaches_without_a_new_handshake()
    {
        await using var fleet = await Fleet.StartAsync();
        var session = await fleet.A.InitializeAsync();
        Assert.Equal("""{"jsonrpc":"2.0","id":1,"result":{}}""",
            (await fleet.B.RequestAsync(session, """{"jsonrpc":"2.0","id":1,"method":"logging/setLevel","params":{"level":"warning"}}""")).GetRawText());
        await fleet.A.StopAsync();

        Assert.Equal("b", await fleet.B.CallAsync(session, "whoami", id: 2));
        Assert.Equal("b", await fleet.C.CallAsync(session, "whoami", id: 3));
        var record = fleet.Store.Get(session)!;
        Assert.Equal(("instance-b", 2L, McpForge.Protocol.McpLogLevel.Warning), (record.OwnerId, record.Epoch, record.LogLevel));
    }

    [Fact]
    public async Task A_call_the_owner_hands_back_as_its_lease_runs_out_is_served_whole_by_the_instance_that_forwarded_it()
    {
        await using var fleet = await Fleet.StartAsync();
        var session = await fleet.A.InitializeAsync();
        fleet.A.Directory.LeaseRunsOut = true;

        // b forwards the call (its body goes with it) to a, which hands it back; b takes the session over and reads the body again.
        Assert.Equal("b heard hi", await fleet.B.CallAsync(session, "echo", """{"text":"hi"}""", id: 2));
        var record = fleet.Store.Get(session)!;
        Assert.Equal(("instance-b", 2L), (record.OwnerId, record.Epoch));
    }

    [Fact]
    public async Task After_the_store_restarts_empty_a_session_held_elsewhere_is_retried_not_lost_and_found_again_once_its_owner_writes_it_back()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var fleet = await Fleet.StartAsync(clock);
        var session = await fleet.A.InitializeAsync();
        fleet.Store.Clear(); // Redis restarted without persistence
        const string Retry = """{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid Request","data":{"details":"The session store lost its records moments ago and the session's owner has not written it again yet; retry."}}}""";

        // b finds no record and no lease of its own either: the store lost its data, so the session may come back.
        using (var response = await fleet.B.SendAsync(fleet.B.Post("""{"jsonrpc":"2.0","id":1,"method":"ping"}""", session)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("1", response.Headers.RetryAfter?.ToString());
            Assert.Equal(Retry, await response.Content.ReadAsStringAsync());
        }
        foreach (var member in fleet.Members) member.Directory.RegainLease(); // each instance renews: its lease is new

        // b finds no record, but its own lease came back a moment ago: the owner may not have written the session back yet.
        using (var response = await fleet.B.SendAsync(fleet.B.Post("""{"jsonrpc":"2.0","id":1,"method":"ping"}""", session)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("1", response.Headers.RetryAfter?.ToString());
            Assert.Equal(Retry, await response.Content.ReadAsStringAsync());
        }

        // Within one touch period (a quarter of the idle timeout, at most 10 s) the owner writes it again, at the same epoch.
        clock.Advance(TimeSpan.FromSeconds(10));
        for (var i = 0; i < 1000 && fleet.Store.Get(session) is null; i++) await Task.Yield();
        Assert.Equal(("instance-a", 1L), (fleet.Store.Get(session)?.OwnerId, fleet.Store.Get(session)?.Epoch));
        Assert.Equal("a", await fleet.B.CallAsync(session, "whoami", id: 2));

        // Three touch periods after the loss, an id that never existed is 404 again.
        clock.Advance(TimeSpan.FromSeconds(20));
        using var unknown = await fleet.B.SendAsync(fleet.B.Post("""{"jsonrpc":"2.0","id":3,"method":"ping"}""", "0123456789abcdef0123456789abcdef"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task An_owner_cut_off_from_the_store_past_its_lease_serves_its_session_no_more_and_once_back_forwards_it_to_the_instance_that_took_it_over()
    {
        await using var fleet = await Fleet.StartAsync();
        var session = await fleet.A.InitializeAsync();
        fleet.A.Directory.Unreachable = true; // a partition: a cannot renew, and its lease runs out in the store
        fleet.Store.DropLease("instance-a");

        // a may no longer be the owner: it refuses rather than serve a session another instance may be serving.
        using (var refused = await fleet.A.SendAsync(fleet.A.Post("""{"jsonrpc":"2.0","id":1,"method":"ping"}""", session)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal("1", refused.Headers.RetryAfter?.ToString());
        }
        Assert.Equal("b", await fleet.B.CallAsync(session, "whoami", id: 2)); // b takes it over from the snapshot

        fleet.A.Directory.Unreachable = false;
        fleet.A.Directory.RegainLease();
        // a still holds its old copy; writing it back fails (b owns it at a later epoch), so a drops it and forwards.
        Assert.Equal("b", await fleet.A.CallAsync(session, "whoami", id: 3));
        var record = fleet.Store.Get(session)!;
        Assert.Equal(("instance-b", 2L), (record.OwnerId, record.Epoch));
    }

    [Fact]
    public async Task A_2026_07_28_task_made_on_one_instance_is_polled_answered_and_read_through_the_others()
    {
        await using var fleet = await Fleet.StartAsync();
        var tag = "task-" + Guid.NewGuid().ToString("N");
        var created = await fleet.A.ModernAsync(1, "tools/call", "\"name\":\"task_ask\",\"arguments\":{\"tag\":\"" + tag + "\"}", "task_ask");
        Assert.Equal("task", created.GetProperty("resultType").GetString());
        var taskId = created.GetProperty("taskId").GetString()!;
        var onTask = "\"taskId\":\"" + taskId + "\"";
        FleetTestTools.Gate(tag).SetResult();

        // Polled at b: forwarded to a, where the task asks for input.
        JsonElement asking = default;
        for (var i = 0; i < 1000; i++)
        {
            asking = await fleet.B.ModernAsync(10 + i, "tasks/get", onTask, taskId);
            if (asking.GetProperty("status").GetString() != "working") break;
            await Task.Yield();
        }
        Assert.Equal("input_required", asking.GetProperty("status").GetString());
        var key = asking.GetProperty("inputRequests").EnumerateObject().Single().Name;

        // Answered at c: forwarded to a, whose handler runs again with the answer.
        await fleet.C.ModernAsync(2000, "tasks/update", onTask + ",\"inputResponses\":{\"" + key + "\":{\"action\":\"accept\",\"content\":{\"name\":\"Ada\"}}}", taskId);
        JsonElement done = default;
        for (var i = 0; i < 1000; i++)
        {
            done = await fleet.C.ModernAsync(3000 + i, "tasks/get", onTask, taskId);
            if (done.GetProperty("status").GetString() is "completed" or "failed") break;
            await Task.Yield();
        }
        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Equal("a heard Ada", done.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_2026_07_28_task_cancelled_at_another_instance_is_cancelled_where_it_runs_and_one_whose_instance_died_is_not_found()
    {
        await using var fleet = await Fleet.StartAsync();
        var tag = "cancel-" + Guid.NewGuid().ToString("N");
        var taskId = (await fleet.B.ModernAsync(1, "tools/call", "\"name\":\"task_ask\",\"arguments\":{\"tag\":\"" + tag + "\"}", "task_ask"))
            .GetProperty("taskId").GetString()!;
        var onTask = "\"taskId\":\"" + taskId + "\"";
        await fleet.C.ModernAsync(2, "tasks/cancel", onTask, taskId);
        Assert.Equal("cancelled", (await fleet.A.ModernAsync(3, "tasks/get", onTask, taskId)).GetProperty("status").GetString());

        var lost = (await fleet.C.ModernAsync(4, "tools/call", "\"name\":\"task_ask\",\"arguments\":{\"tag\":\"" + tag + "-lost\"}", "task_ask"))
            .GetProperty("taskId").GetString()!;
        fleet.C.Directory.Crashing = true;
        await fleet.C.StopAsync();
        fleet.Store.DropLease("instance-c"); // its lease ran out
        using var gone = await fleet.A.SendAsync(fleet.A.PostModern(5, "tasks/get", "\"taskId\":\"" + lost + "\"", lost));
        Assert.Equal(
            "{\"jsonrpc\":\"2.0\",\"id\":5,\"error\":{\"code\":-32602,\"message\":\"Invalid params\",\"data\":{\"details\":\"No task has the id '" + lost
            + "' (tasks expire with their time to live, and each caller sees only its own).\"}}}",
            await gone.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task When_the_owner_dies_its_session_is_taken_over_and_a_resume_of_its_lost_call_gets_an_error_at_once()
    {
        await using var fleet = await Fleet.StartAsync();
        var session = await fleet.A.InitializeAsync();
        using var call = await fleet.C.SendAsync(fleet.C.Post(
            """{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"poll_me","arguments":{"tag":"lost-with-its-owner"}}}""", session),
            HttpCompletionOption.ResponseHeadersRead);
        using var first = new SseReader(await call.Content.ReadAsStreamAsync());
        var last = (await first.ReadToEndAsync()).Last(e => e.Id is not null).Id!;
        fleet.A.Directory.Crashing = true; // its lease stays behind, as after kill -9
        await fleet.A.StopAsync();

        // b finds nothing listening at a's address, drops its lease and takes the session over.
        using var resumed = await fleet.B.SendAsync(fleet.B.Get(session, last));
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        var data = Assert.Single(SseReader.Parse(await resumed.Content.ReadAsStringAsync())).Data;
        Assert.Equal("""{"jsonrpc":"2.0","id":4,"error":{"code":-32603,"message":"Internal error","data":{"details":"The instance that ran this call stopped before it finished; its result is lost. Call again."}}}""", data);
        Assert.Equal("b", await fleet.C.CallAsync(session, "whoami", id: 5));
        Assert.Equal(2L, fleet.Store.Get(session)!.Epoch);
    }

    [Fact]
    public async Task With_the_store_unreachable_a_session_held_elsewhere_gets_503_with_retry_after_and_the_owner_still_serves_it()
    {
        await using var fleet = await Fleet.StartAsync();
        var session = await fleet.A.InitializeAsync();
        fleet.B.Directory.Unreachable = true;
        using (var response = await fleet.B.SendAsync(fleet.B.Post("""{"jsonrpc":"2.0","id":1,"method":"ping"}""", session)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("1", response.Headers.RetryAfter?.ToString());
            Assert.Equal("""{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid Request","data":{"details":"The session store cannot be reached, and the session is held by another instance; retry shortly."}}}""",
                await response.Content.ReadAsStringAsync());
        }
        using (var opened = await fleet.B.SendAsync(fleet.B.Post(
            """{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""")))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, opened.StatusCode);
            Assert.Equal("1", opened.Headers.RetryAfter?.ToString());
        }
        Assert.Equal("a", await fleet.A.CallAsync(session, "whoami"));
        fleet.B.Directory.Unreachable = false;
        Assert.Equal("a", await fleet.B.CallAsync(session, "whoami", id: 2));
    }

    [Fact]
    public async Task Health_names_the_instance_and_says_the_store_answers()
    {
        await using var fleet = await Fleet.StartAsync();
        using var response = await fleet.B.Client.GetAsync(new Uri(fleet.B.BaseUrl, "/health"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("instance-b", health.GetRawText());
    }

    private static async Task<JsonElement> NextMessageAsync(SseReader events)
    {
        for (var i = 0; i < 20; i++)
        {
            var e = await events.NextAsync() ?? throw new InvalidOperationException("the stream ended");
            if (e.Data.Length > 0) return e.Json;
        }
        throw new InvalidOperationException("no message in 20 events");
    }
}
