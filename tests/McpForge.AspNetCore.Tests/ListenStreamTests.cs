using System;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using McpForge.AspNetCore.Tests.Harness;

namespace McpForge.AspNetCore.Tests;

/// <summary>
/// <c>subscriptions/listen</c> over Streamable HTTP (MCP 2026-07-28, "Subscriptions"): the POST's SSE response carries
/// the acknowledgment first, then the changes its filter honours, each tagged with the subscription id; closing the
/// stream ends the subscription and the server keeps nothing of it.
/// </summary>
public sealed class ListenStreamTests
{
    private static Task<McpTestHost> StartAsync() =>
        McpTestHost.StartAsync(mcp: b => b.AddTools<ModernTools>().AddPrompt(ModernTools.Prompt()));

    private static string Listen(string id, string filter) => Modern.Request(id, "subscriptions/listen", "{\"notifications\":" + filter + "}");

    /// <summary>An open listen stream: the response (dispose it to close the stream) and its reader.</summary>
    private sealed class Stream(HttpResponseMessage response, SseReader reader) : IDisposable
    {
        public SseReader Reader => reader;

        public async Task<string> NextAsync() => (await reader.NextAsync())?.Data ?? throw new InvalidOperationException("The stream ended.");

        public void Dispose()
        {
            reader.Dispose();
            response.Dispose();
        }
    }

    private static async Task<Stream> OpenAsync(McpTestHost host, string id, string filter)
    {
        var request = host.PostModern(Listen(id, filter));
        using var cts = new CancellationTokenSource(McpTestHost.Wait);
        var response = await host.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.False(response.Headers.Contains("Mcp-Session-Id"));
        return new Stream(response, new SseReader(await response.Content.ReadAsStreamAsync()));
    }

    private static async Task CallAsync(McpTestHost host, string tool, string arguments)
    {
        var answer = await host.SendModernAsync(Modern.Call("100", tool, arguments));
        Assert.True(answer.Status == HttpStatusCode.OK, answer.Body);
        Assert.Equal("complete", answer.Result.GetProperty("resultType").GetString());
    }

    /// <summary>Waits, bounded, for the server's count of open listen streams to reach <paramref name="count"/>.</summary>
    private static Task WaitForListenersAsync(McpTestHost host, int count) =>
        McpTestHost.WaitUntilAsync(() => host.Server.Listeners.Count == count, $"{count} listen streams open");

    [Fact]
    public async Task The_acknowledgment_comes_first_then_a_change_made_by_another_request_arrives_tagged()
    {
        await using var host = await StartAsync();
        using var stream = await OpenAsync(host, "\"L1\"", """{"toolsListChanged":true}""");
        Assert.Equal(
            """{"jsonrpc":"2.0","method":"notifications/subscriptions/acknowledged","params":{"_meta":{"io.modelcontextprotocol/subscriptionId":"L1"},"notifications":{"toolsListChanged":true}}}""",
            await stream.NextAsync());

        await CallAsync(host, "toggle", """{"kind":"tool"}""");
        Assert.Equal(
            """{"jsonrpc":"2.0","method":"notifications/tools/list_changed","params":{"_meta":{"io.modelcontextprotocol/subscriptionId":"L1"}}}""",
            await stream.NextAsync());
        host.Server.RemoveTool("echo"); // a change made by the application reaches it the same way
        Assert.Equal(
            """{"jsonrpc":"2.0","method":"notifications/tools/list_changed","params":{"_meta":{"io.modelcontextprotocol/subscriptionId":"L1"}}}""",
            await stream.NextAsync());
    }

    [Fact]
    public async Task A_numeric_listen_id_is_the_subscription_id_as_a_number()
    {
        await using var host = await StartAsync();
        using var stream = await OpenAsync(host, "7", """{"toolsListChanged":true,"promptsListChanged":true,"resourcesListChanged":true}""");
        Assert.Equal(
            """{"jsonrpc":"2.0","method":"notifications/subscriptions/acknowledged","params":{"_meta":{"io.modelcontextprotocol/subscriptionId":7},"notifications":{"toolsListChanged":true,"promptsListChanged":true,"resourcesListChanged":true}}}""",
            await stream.NextAsync());
        await CallAsync(host, "toggle", """{"kind":"prompt"}""");
        Assert.Equal(
            """{"jsonrpc":"2.0","method":"notifications/prompts/list_changed","params":{"_meta":{"io.modelcontextprotocol/subscriptionId":7}}}""",
            await stream.NextAsync());
    }

    [Fact]
    public async Task A_prompts_only_stream_never_gets_a_tools_change()
    {
        await using var host = await StartAsync();
        using var prompts = await OpenAsync(host, "1", """{"promptsListChanged":true}""");
        using var tools = await OpenAsync(host, "2", """{"toolsListChanged":true}""");
        Assert.Contains("\"notifications\":{\"promptsListChanged\":true}", await prompts.NextAsync());
        Assert.Contains("\"notifications\":{\"toolsListChanged\":true}", await tools.NextAsync());

        await CallAsync(host, "toggle", """{"kind":"tool"}""");
        Assert.Contains("notifications/tools/list_changed", await tools.NextAsync()); // the change was published
        await CallAsync(host, "toggle", """{"kind":"prompt"}""");
        // The prompts stream's next message is the prompt change: the tools change before it never reached it.
        Assert.Equal(
            """{"jsonrpc":"2.0","method":"notifications/prompts/list_changed","params":{"_meta":{"io.modelcontextprotocol/subscriptionId":1}}}""",
            await prompts.NextAsync());
    }

    [Fact]
    public async Task Resource_subscriptions_get_updates_of_their_uris_only_and_the_acknowledgment_names_what_is_honoured()
    {
        await using var host = await StartAsync();
        using var stream = await OpenAsync(host, "\"r\"", """{"resourceSubscriptions":["notes://one","notes://missing"],"toolsListChanged":false}""");
        Assert.Equal(
            """{"jsonrpc":"2.0","method":"notifications/subscriptions/acknowledged","params":{"_meta":{"io.modelcontextprotocol/subscriptionId":"r"},"notifications":{"resourceSubscriptions":["notes://one"]}}}""",
            await stream.NextAsync());

        await host.Server.NotifyResourceUpdatedAsync("notes://other");
        await CallAsync(host, "toggle", """{"kind":"tool"}""");
        await host.Server.NotifyResourceUpdatedAsync("notes://one");
        Assert.Equal(
            """{"jsonrpc":"2.0","method":"notifications/resources/updated","params":{"_meta":{"io.modelcontextprotocol/subscriptionId":"r"},"uri":"notes://one"}}""",
            await stream.NextAsync());
    }

    [Fact]
    public async Task An_empty_filter_is_acknowledged_then_ended_with_the_listen_result()
    {
        await using var host = await StartAsync();
        using var stream = await OpenAsync(host, "\"e\"", "{}");
        Assert.Equal(
            """{"jsonrpc":"2.0","method":"notifications/subscriptions/acknowledged","params":{"_meta":{"io.modelcontextprotocol/subscriptionId":"e"},"notifications":{}}}""",
            await stream.NextAsync());
        Assert.Equal(
            """{"jsonrpc":"2.0","id":"e","result":{"resultType":"complete","_meta":{"io.modelcontextprotocol/subscriptionId":"e","io.modelcontextprotocol/serverInfo":{"name":"http-tests","version":"2.0.0"}}}}""",
            await stream.NextAsync());
        Assert.Null(await stream.Reader.NextAsync()); // and the stream ends
        await WaitForListenersAsync(host, 0);
    }

    [Fact]
    public async Task A_listen_from_a_client_that_takes_json_only_is_refused_at_once_and_nothing_stays()
    {
        await using var host = await StartAsync();
        var answer = await host.SendModernAsync(Listen("\"j\"", """{"toolsListChanged":true}"""), accept: "application/json");
        var error = answer.AssertError(HttpStatusCode.NotAcceptable, -32600, "\"j\"");
        Assert.Contains("text/event-stream", error.GetProperty("data").GetProperty("details").GetString());
        Assert.Equal(0, host.Server.Listeners.Count);
    }

    [Fact]
    public async Task A_listen_without_a_filter_is_invalid_params()
    {
        await using var host = await StartAsync();
        var answer = await host.SendModernAsync(Modern.Request("3", "subscriptions/listen"));
        answer.AssertError(HttpStatusCode.OK, -32602, "3");
        var wrong = await host.SendModernAsync(Listen("4", """{"toolsListChanged":"yes"}"""));
        wrong.AssertError(HttpStatusCode.OK, -32602, "4");
    }

    [Fact]
    public async Task Closing_the_stream_ends_the_subscription_and_the_server_keeps_nothing()
    {
        await using var host = await StartAsync();
        var stream = await OpenAsync(host, "1", """{"toolsListChanged":true}""");
        Assert.Contains("acknowledged", await stream.NextAsync());
        Assert.Equal(1, host.Server.Listeners.Count);
        stream.Dispose(); // the client closes the stream: for 2026-07-28 that is the cancellation
        await WaitForListenersAsync(host, 0);

        // The server goes on: a change now reaches nobody, and a new stream works.
        await CallAsync(host, "toggle", """{"kind":"tool"}""");
        using var again = await OpenAsync(host, "2", """{"toolsListChanged":true}""");
        Assert.Contains("acknowledged", await again.NextAsync());
        await CallAsync(host, "toggle", """{"kind":"tool"}""");
        Assert.Contains("notifications/tools/list_changed", await again.NextAsync());
    }
}

/// <summary>Many listen streams opened and closed leave nothing behind (measured alone: see <see cref="MemoryCollection"/>).</summary>
[Collection(nameof(MemoryCollection))]
public sealed class ListenStreamMemoryTests
{
    [Fact]
    public async Task Ten_thousand_listen_streams_opened_and_closed_leave_managed_memory_within_ten_percent()
    {
        await using var host = await McpTestHost.StartAsync(mcp: b => b.AddTools<ModernTools>());
        var listen = Modern.Request("1", "subscriptions/listen", """{"notifications":{"toolsListChanged":true}}""");
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(4); // a bound on the whole loop, not a wait

        // One stream at a time, each closed by the client and let go by the server before the next opens: what is
        // measured is what a stream leaves behind, not how much the pools grow when thousands are half-closed at once.
        async Task RunAsync(int count)
        {
            for (var i = 0; i < count; i++)
            {
                Assert.True(DateTime.UtcNow < deadline, "10,000 listen streams took longer than 4 minutes");
                using (var request = host.PostModern(listen))
                using (var cts = new CancellationTokenSource(McpTestHost.Wait))
                using (var response = await host.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token))
                using (var reader = new SseReader(await response.Content.ReadAsStreamAsync()))
                {
                    Assert.Contains("acknowledged", (await reader.NextAsync())!.Data);
                    Assert.Equal(1, host.Server.Listeners.Count);
                } // closed: the response is disposed before the stream ends
                await McpTestHost.WaitUntilAsync(() => host.Server.Listeners.Count == 0, $"stream {i}: the server let go of its listen stream");
            }
        }

        await RunAsync(1_000); // warm up: pools, JIT, connection handling
        var before = Measure();
        await RunAsync(10_000);
        var after = Measure();
        Assert.True(after <= before * 1.10, $"managed memory grew from {before:N0} to {after:N0} bytes");
    }

    private static long Measure()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
