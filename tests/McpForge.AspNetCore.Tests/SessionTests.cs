using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using McpForge.AspNetCore.EventStore;
using McpForge.AspNetCore.Tests.Harness;

namespace McpForge.AspNetCore.Tests;

/// <summary>Sessions over Streamable HTTP: ids, the headers that must accompany them, ending them, and leaks.</summary>
public sealed class SessionTests
{
    private const string Ping = """{"jsonrpc":"2.0","id":1,"method":"ping"}""";

    [Fact]
    public async Task Initialize_issues_a_random_visible_ascii_session_id_with_the_result()
    {
        await using var host = await McpTestHost.StartAsync();
        using var response = await host.SendAsync(host.Post("""{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var id = response.Headers.GetValues("Mcp-Session-Id").Single();
        Assert.Matches("^[0-9a-f]{32}$", id);
        Assert.Equal(
            """{"jsonrpc":"2.0","id":0,"result":{"protocolVersion":"2025-11-25","capabilities":{"logging":{},"resources":{"subscribe":true,"listChanged":true},"tools":{"listChanged":true}},"serverInfo":{"name":"http-tests","version":"2.0.0"}}}""",
            await response.Content.ReadAsStringAsync());
        Assert.NotEqual(id, await host.InitializeAsync());
    }

    [Fact]
    public async Task Requests_after_initialize_need_the_session_id_and_an_unknown_one_is_404()
    {
        await using var host = await McpTestHost.StartAsync();
        await host.InitializeAsync();
        using var missing = await host.SendAsync(host.Post(Ping));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("""{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid Request","data":{"details":"The Mcp-Session-Id header is required after initialize."}}}""",
            await missing.Content.ReadAsStringAsync());
        using var unknown = await host.SendAsync(host.Post(Ping, session: "00000000000000000000000000000000"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("The session is unknown or has ended; send initialize without Mcp-Session-Id to start a new one.", await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_session_id_issued_by_another_endpoint_is_unknown_here()
    {
        await using var host = await McpTestHost.StartAsync(map: app => app.MapMcp("/other"));
        var theirs = await host.InitializeAsync();
        var other = new Uri(host.Endpoint, "/other");
        using var request = host.Post(Ping, theirs);
        request.RequestUri = other;
        using var response = await host.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task DELETE_ends_the_session_and_its_id_is_404_afterwards()
    {
        await using var host = await McpTestHost.StartAsync();
        var session = await host.InitializeAsync();
        Assert.Equal("""{"jsonrpc":"2.0","id":1,"result":{}}""", (await host.RequestAsync(session, Ping)).GetRawText());
        using var delete = new HttpRequestMessage(HttpMethod.Delete, host.Endpoint);
        delete.Headers.Add("Mcp-Session-Id", session);
        using (var deleted = await host.SendAsync(delete)) Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var after = await host.SendAsync(host.Post(Ping, session));
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
    }

    [Fact]
    public async Task DELETE_cancels_the_calls_of_the_session()
    {
        await using var host = await McpTestHost.StartAsync();
        var session = await host.InitializeAsync();
        using var call = await host.SendAsync(host.Post("""{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"hold","arguments":{"tag":"deleted"}}}""", session),
            HttpCompletionOption.ResponseHeadersRead);
        using var delete = new HttpRequestMessage(HttpMethod.Delete, host.Endpoint);
        delete.Headers.Add("Mcp-Session-Id", session);
        (await host.SendAsync(delete)).Dispose();
        await HttpTools.Cancelled("deleted").Task.WaitAsync(McpTestHost.Wait);
    }

    [Theory]
    [InlineData("2025-11-25", HttpStatusCode.OK)]
    [InlineData("2025-03-26", HttpStatusCode.OK)]
    [InlineData("2024-10-07", HttpStatusCode.BadRequest)]
    [InlineData("banana", HttpStatusCode.BadRequest)]
    public async Task The_protocol_version_header_must_name_a_supported_version(string version, HttpStatusCode expected)
    {
        await using var host = await McpTestHost.StartAsync();
        var session = await host.InitializeAsync();
        using var request = host.Post(Ping, session);
        request.Headers.Remove("MCP-Protocol-Version");
        request.Headers.Add("MCP-Protocol-Version", version);
        using var response = await host.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.BadRequest)
        {
            // A version no session speaks makes the request a 2026-07-28 one, whose _meta it lacks (MCP 2026-07-28, "Backward Compatibility").
            Assert.Equal("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32602,\"message\":\"Invalid params\",\"data\":{\"details\":\"MCP-Protocol-Version '" + version
                + "' is not a session version (2025-11-25, 2025-06-18, 2025-03-26, 2024-11-05), so the request is read as a 2026-07-28 request, which needs params._meta with \\\"io.modelcontextprotocol/protocolVersion\\\" and \\\"io.modelcontextprotocol/clientCapabilities\\\".\"}}}",
                await response.Content.ReadAsStringAsync());
            Assert.False(response.Headers.Contains("Mcp-Session-Id"));
            Assert.Equal("""{"jsonrpc":"2.0","id":1,"result":{}}""", (await host.RequestAsync(session, Ping)).GetRawText()); // the session is untouched
        }
    }

    [Fact]
    public async Task Without_the_version_header_the_negotiated_version_is_used()
    {
        await using var host = await McpTestHost.StartAsync();
        var session = await host.InitializeAsync();
        using var request = host.Post(Ping, session);
        request.Headers.Remove("MCP-Protocol-Version");
        using var response = await host.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_idle_session_expires_and_a_busy_one_does_not()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        await using var host = await McpTestHost.StartAsync(http => http.SessionIdleTimeout = TimeSpan.FromMilliseconds(300), mcp: b => b.Options.TimeProvider = clock);
        var idle = await host.InitializeAsync();
        var busy = await host.InitializeAsync();
        using var call = await host.SendAsync(host.Post("""{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"hold","arguments":{"tag":"busy"}}}""", busy),
            HttpCompletionOption.ResponseHeadersRead);
        await HttpTools.Started("busy").Task.WaitAsync(McpTestHost.Wait);
        clock.Advance(TimeSpan.FromMilliseconds(1200)); // the idle sweep runs inside Advance, on this thread
        using (var expired = await host.SendAsync(host.Post(Ping, idle))) Assert.Equal(HttpStatusCode.NotFound, expired.StatusCode);
        HttpTools.Gate("busy").TrySetResult();
        using var reader = new SseReader(await call.Content.ReadAsStreamAsync());
        var events = await reader.ReadToEndAsync();
        Assert.Equal("released busy", events.Last().Json.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
        using (var alive = await host.SendAsync(host.Post(Ping, busy))) Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    [Fact]
    public async Task A_failed_initialize_leaves_no_session()
    {
        await using var host = await McpTestHost.StartAsync();
        using var response = await host.SendAsync(host.Post("""{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"capabilities":{}}}"""));
        Assert.False(response.Headers.Contains("Mcp-Session-Id"));
        Assert.Contains("initialize requires \\\"protocolVersion\\\" (a string).", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, McpForge.AspNetCore.Transport.McpEndpointRegistry.SessionCount(host.Services));
    }

    [Fact]
    public async Task The_health_endpoint_reports_status_identity_uptime_sessions_and_memory()
    {
        await using var host = await McpTestHost.StartAsync(map: app => app.MapMcpHealth("/healthz"));
        await host.InitializeAsync();
        await host.InitializeAsync();
        using var response = await host.Client.GetAsync(new Uri(host.Endpoint, "/healthz"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(["status", "name", "version", "uptimeSeconds", "sessions", "memory"], health.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal("http-tests", health.GetProperty("name").GetString());
        Assert.Equal("2.0.0", health.GetProperty("version").GetString());
        Assert.Equal(2, health.GetProperty("sessions").GetInt32());
        Assert.True(health.GetProperty("uptimeSeconds").GetDouble() >= 0);
        Assert.True(health.GetProperty("memory").GetProperty("workingSetBytes").GetInt64() > 0);
    }
}

/// <summary>Sessions opened and closed by the thousand leave no memory behind.</summary>
[Collection(nameof(MemoryCollection))]
public sealed class SessionMemoryTests
{
    [Fact]
    public async Task A_thousand_concurrent_sessions_opened_used_and_closed_leave_memory_within_ten_percent_and_a_mebibyte()
    {
        var store = new InMemoryEventStore();
        await using var host = await McpTestHost.StartAsync(http => http.EventStore = store);
        async Task RoundAsync()
        {
            // 1,000 sessions open at once: all initialized and used before any is closed.
            var sessions = new string[1000];
            await Parallel.ForAsync(0, sessions.Length, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
            {
                sessions[i] = await host.InitializeAsync();
                using var steps = await host.SendAsync(host.Post("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"steps","arguments":{}}}""", sessions[i]));
                Assert.Contains("\"text\":\"done\"", await steps.Content.ReadAsStringAsync());
            });
            Assert.Equal(1000, McpForge.AspNetCore.Transport.McpEndpointRegistry.SessionCount(host.Services));
            await Parallel.ForAsync(0, sessions.Length, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
            {
                using var delete = new HttpRequestMessage(HttpMethod.Delete, host.Endpoint);
                delete.Headers.Add("Mcp-Session-Id", sessions[i]);
                (await host.SendAsync(delete)).Dispose();
            });
        }
        await RoundAsync(); // the first round grows the pools (Kestrel's, the thread pool's, ours) to their working size
        var before = await HeapAsync(host, store);
        // A leak grows with every round; a pool or timer settling late does not, so the lesser of two later rounds is
        // compared (one round alone failed now and then on a loaded machine without any leak).
        await RoundAsync();
        var second = await HeapAsync(host, store);
        await RoundAsync();
        var after = Math.Min(second, await HeapAsync(host, store));
        Assert.Equal(0, McpForge.AspNetCore.Transport.McpEndpointRegistry.SessionCount(host.Services));
        Assert.Equal(0, store.SessionCount);
        Assert.Equal(0, store.Count);
        Assert.True(after <= before * 1.10 + 1024 * 1024, $"managed heap went from {before} to {after} bytes over 1,000 sessions");
    }

    /// <summary>
    /// The managed heap after full collections, once the server has settled: every session and its events gone (the server's own state),
    /// and no work left queued in the thread pool (the continuations a closing session leaves behind). Those are waited on, bounded, as
    /// signals; the least of three collections is taken, since finalizers release more between them.
    /// </summary>
    private static async Task<long> HeapAsync(McpTestHost host, InMemoryEventStore store)
    {
        await McpTestHost.WaitUntilAsync(
            () => McpForge.AspNetCore.Transport.McpEndpointRegistry.SessionCount(host.Services) == 0 && store.SessionCount == 0 && store.Count == 0 && ThreadPool.PendingWorkItemCount == 0,
            "no session, no stored event and no queued work left");
        var least = long.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            least = Math.Min(least, GC.GetGCMemoryInfo(GCKind.FullBlocking).HeapSizeBytes);
        }
        return least;
    }
}
