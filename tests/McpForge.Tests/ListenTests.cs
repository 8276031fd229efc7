using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Pipelines;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using McpForge.Tests.Harness;
using Xunit;

namespace McpForge.Tests;

/// <summary>
/// <c>subscriptions/listen</c> over stdio (MCP 2026-07-28, "Subscriptions"): the acknowledgment first, then the changes its
/// filter asked for, each tagged with the subscription id; ended by the client's cancellation or gracefully by the server.
/// </summary>
public sealed class ListenTests
{
    private static ServerHarness Start(McpServer server) => ServerHarness.Start(server);

    private static McpServer Build() => McpServer.CreateBuilder("test-server", "9.9.9")
        .AddTools<Fixtures.BasicTools>().AddPrompts<Fixtures.WritingPrompts>().AddResources<Fixtures.LibraryResources>()
        .Configure(o => o.ErrorLog = TextWriter.Null).Build();

    private static Tools.McpTool ExtraTool(string name) =>
        Tools.McpTool.Create(name, null, """{"type":"object"}""", static (_, _) => ValueTask.FromResult(Protocol.CallToolResult.FromText("x")));

    internal static async Task ListenAsync(ServerHarness client, string id, string filter) =>
        await client.SendAsync("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"subscriptions/listen\",\"params\":"
            + ServerHarness.ModernParams("\"notifications\":" + filter) + "}");

    [Fact]
    public async Task The_acknowledgment_comes_first_and_every_change_is_tagged_with_the_subscription_id()
    {
        var server = Build();
        await using var client = Start(server);
        await ListenAsync(client, "\"sub-1\"", """{"toolsListChanged":true,"promptsListChanged":true}""");
        Assert.Equal("""{"jsonrpc":"2.0","method":"notifications/subscriptions/acknowledged","params":{"_meta":{"io.modelcontextprotocol/subscriptionId":"sub-1"},"notifications":{"toolsListChanged":true,"promptsListChanged":true}}}""",
            (await client.ReadMessageAsync()).GetRawText());
        server.AddTool(ExtraTool("extra"));
        Assert.Equal("""{"jsonrpc":"2.0","method":"notifications/tools/list_changed","params":{"_meta":{"io.modelcontextprotocol/subscriptionId":"sub-1"}}}""",
            (await client.ReadMessageAsync()).GetRawText());
    }

    [Fact]
    public async Task A_stream_gets_only_what_its_filter_asked_for_and_the_server_has()
    {
        var server = McpServer.CreateBuilder("test-server", "9.9.9").AddTools<Fixtures.BasicTools>().AddPrompts<Fixtures.WritingPrompts>()
            .Configure(o => o.ErrorLog = TextWriter.Null).Build();
        await using var client = Start(server);
        // No resources here: resource changes are not honoured, and the acknowledgment says so.
        await ListenAsync(client, "7", """{"promptsListChanged":true,"resourcesListChanged":true,"resourceSubscriptions":["docs://readme"]}""");
        Assert.Equal("""{"_meta":{"io.modelcontextprotocol/subscriptionId":7},"notifications":{"promptsListChanged":true}}""",
            (await client.ReadMessageAsync()).GetProperty("params").GetRawText());
        server.AddTool(ExtraTool("unheard"));
        server.RemovePrompt("summarize");
        var next = await client.ReadMessageAsync();
        Assert.Equal("notifications/prompts/list_changed", next.GetProperty("method").GetString()); // the tool change never came
    }

    [Fact]
    public async Task Resource_updates_reach_the_streams_that_name_the_uri_and_unknown_uris_are_not_acknowledged()
    {
        var server = Build();
        await using var client = Start(server);
        await ListenAsync(client, "1", """{"resourceSubscriptions":["docs://readme","docs://nowhere"]}""");
        Assert.Equal("""{"resourceSubscriptions":["docs://readme"]}""",
            (await client.ReadMessageAsync()).GetProperty("params").GetProperty("notifications").GetRawText());
        await server.NotifyResourceUpdatedAsync("docs://logo.png");
        await server.NotifyResourceUpdatedAsync("docs://readme");
        Assert.Equal("""{"jsonrpc":"2.0","method":"notifications/resources/updated","params":{"_meta":{"io.modelcontextprotocol/subscriptionId":1},"uri":"docs://readme"}}""",
            (await client.ReadMessageAsync()).GetRawText());
    }

    [Fact]
    public async Task A_filter_that_asks_for_nothing_is_acknowledged_and_ended_at_once()
    {
        var server = Build();
        await using var client = Start(server);
        await ListenAsync(client, "2", "{}");
        Assert.Equal("""{"_meta":{"io.modelcontextprotocol/subscriptionId":2},"notifications":{}}""", (await client.ReadMessageAsync()).GetProperty("params").GetRawText());
        Assert.Equal("""{"jsonrpc":"2.0","id":2,"result":{"resultType":"complete","_meta":{"io.modelcontextprotocol/subscriptionId":2,"io.modelcontextprotocol/serverInfo":{"name":"test-server","version":"9.9.9"}}}}""",
            (await client.ReadMessageAsync()).GetRawText());
        Assert.Equal(0, server.Listeners.Count);
    }

    [Theory]
    [InlineData("[]", "subscriptions/listen \\\"notifications\\\" must be an object (a SubscriptionFilter).")]
    [InlineData("{\"toolsListChanged\":\"yes\"}", "subscriptions/listen \\\"notifications.toolsListChanged\\\" must be a boolean.")]
    [InlineData("{\"resourceSubscriptions\":[1]}", "subscriptions/listen \\\"notifications.resourceSubscriptions\\\" must hold strings (URIs).")]
    public async Task A_filter_that_is_not_one_is_invalid_params(string filter, string details)
    {
        await using var client = Start(Build());
        await ListenAsync(client, "3", filter);
        Assert.Equal("{\"code\":-32602,\"message\":\"Invalid params\",\"data\":{\"details\":\"" + details + "\"}}", ServerHarness.Error(await client.ReadMessageAsync()));
    }

    [Fact]
    public async Task Cancelling_the_listen_request_ends_the_stream_without_a_response()
    {
        var server = Build();
        await using var client = Start(server);
        await ListenAsync(client, "4", """{"toolsListChanged":true}""");
        await client.ReadMessageAsync();
        await client.SendAsync("""{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":4}}""");
        // The next message is the answer to a later request: the cancelled stream sent nothing, not even a result.
        Assert.Equal("""{"jsonrpc":"2.0","id":5,"result":{}}""", (await client.RequestAsync(5, "ping")).GetRawText());
        Assert.Equal(0, server.Listeners.Count);
        server.AddTool(ExtraTool("after"));
        Assert.Equal("""{"jsonrpc":"2.0","id":6,"result":{}}""", (await client.RequestAsync(6, "ping")).GetRawText());
    }

    [Fact]
    public async Task A_session_and_a_listen_stream_on_one_connection_each_hear_a_change_their_own_way()
    {
        var server = Build();
        await using var client = Start(server);
        await client.InitializeAsync();
        await ListenAsync(client, "8", """{"toolsListChanged":true}""");
        await client.ReadMessageAsync();
        server.AddTool(ExtraTool("both"));
        var heard = new[] { await client.ReadMessageAsync(), await client.ReadMessageAsync() }.Select(m => m.GetRawText()).Order().ToArray();
        Assert.Equal(
            [
                """{"jsonrpc":"2.0","method":"notifications/tools/list_changed","params":{"_meta":{"io.modelcontextprotocol/subscriptionId":8}}}""",
                """{"jsonrpc":"2.0","method":"notifications/tools/list_changed","params":{}}""",
            ],
            heard);
    }

    [Fact]
    public async Task A_server_that_stops_ends_its_streams_gracefully()
    {
        var server = Build();
        var input = new Pipe();
        var output = new Pipe();
        using var stop = new CancellationTokenSource();
        var serving = server.RunAsync(input.Reader.AsStream(), output.Writer.AsStream(), stop.Token);
        var reader = new StreamReader(output.Reader.AsStream());
        var writer = input.Writer.AsStream();
        await writer.WriteAsync(Encoding.UTF8.GetBytes("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"subscriptions/listen\",\"params\":"
            + ServerHarness.ModernParams("\"notifications\":{\"toolsListChanged\":true}") + "}\n"));
        await writer.FlushAsync();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        Assert.Contains("acknowledged", await reader.ReadLineAsync(wait.Token));
        await stop.CancelAsync();
        Assert.Equal("""{"jsonrpc":"2.0","id":9,"result":{"resultType":"complete","_meta":{"io.modelcontextprotocol/subscriptionId":9,"io.modelcontextprotocol/serverInfo":{"name":"test-server","version":"9.9.9"}}}}""",
            await reader.ReadLineAsync(wait.Token));
        await serving.WaitAsync(TimeSpan.FromSeconds(10));
    }
}

/// <summary>Listen streams opened and closed by the thousand leave no memory behind.</summary>
[Collection(nameof(MemoryCollection))]
public sealed class ListenMemoryTests
{
    [Fact]
    public async Task Ten_thousand_streams_opened_and_closed_leave_no_memory_behind()
    {
        var server = McpServer.CreateBuilder("test-server", "9.9.9").AddTools<Fixtures.BasicTools>()
            .Configure(o => o.ErrorLog = System.IO.TextWriter.Null).Build();
        await using var client = ServerHarness.Start(server);
        await OpenAndCancel(client, 1000, 0); // warm up: pools, JIT
        var before = Settled();
        await OpenAndCancel(client, 10_000, 1000);
        var after = Settled();
        Assert.Equal(0, server.Listeners.Count);
        Assert.True(after <= before * 1.10, $"managed memory grew from {before} to {after} bytes");
    }

    private static async Task OpenAndCancel(ServerHarness client, int count, int firstId)
    {
        for (var i = firstId; i < firstId + count; i++)
        {
            await ListenTests.ListenAsync(client, i.ToString(System.Globalization.CultureInfo.InvariantCulture), """{"toolsListChanged":true}""");
            await client.ReadLineAsync();
            await client.SendAsync("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":" + i + "}}");
        }
        // A ping after the last cancellation: everything before it was handled once it is answered.
        await client.RequestAsync("settled", "ping");
    }

    private static long Settled()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}

