using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using McpForge.Tests.Harness;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace McpForge.Tests;

/// <summary>
/// 2026-07-28 requests over stdio, as a modern client sees them: no initialize, every request carrying its own
/// <c>_meta</c>, results with <c>resultType</c> and the server's identity, the errors the revision defines, and both eras
/// on one connection without either reading the other's state.
/// </summary>
public sealed class ModernEraTests
{
    private const string Identity = "\"_meta\":{\"io.modelcontextprotocol/serverInfo\":{\"name\":\"test-server\",\"version\":\"9.9.9\"}}";

    private static ServerHarness Start(Action<McpServerBuilder>? configure = null, Action<McpServerOptions>? options = null) =>
        ServerHarness.Start(b =>
        {
            b.AddTools<Fixtures.BasicTools>().AddResources<Fixtures.LibraryResources>();
            configure?.Invoke(b);
            options?.Invoke(b.Options);
        });

    [Fact]
    public async Task Discover_is_answered_before_any_initialize_with_the_versions_served_per_request_and_what_the_server_has()
    {
        await using var server = Start(options: o => o.Instructions = "Be brief.");
        Assert.Equal(
            """{"jsonrpc":"2.0","id":1,"result":{"supportedVersions":["2026-07-28"],"capabilities":{"completions":{},"logging":{},"resources":{"subscribe":true,"listChanged":true},"tools":{"listChanged":true}},"instructions":"Be brief.","resultType":"complete","ttlMs":0,"cacheScope":"private",""" + Identity + "}}",
            (await server.ModernAsync(1, "server/discover")).GetRawText());
    }

    [Fact]
    public async Task The_server_identity_carries_title_description_website_and_icons_where_2025_11_25_and_2026_07_28_put_it()
    {
        await using var server = Start(options: o =>
        {
            o.Title = "Test Server";
            o.Description = "For tests.";
            o.WebsiteUrl = "https://example.com/";
            o.Icons.Add(new Protocol.McpIcon("https://example.com/icon.png") { MimeType = "image/png", Sizes = ["48x48"], Theme = "light" });
        });
        const string Implementation = """{"name":"test-server","version":"9.9.9","title":"Test Server","description":"For tests.","websiteUrl":"https://example.com/","icons":[{"src":"https://example.com/icon.png","mimeType":"image/png","sizes":["48x48"],"theme":"light"}]}""";
        Assert.Equal(Implementation, (await server.ModernAsync(1, "server/discover")).GetProperty("result").GetProperty("_meta").GetProperty("io.modelcontextprotocol/serverInfo").GetRawText());
        Assert.Equal(Implementation, (await server.InitializeAsync()).GetProperty("result").GetProperty("serverInfo").GetRawText());
    }

    [Fact]
    public async Task Results_carry_resultType_and_identity_and_only_cacheable_ones_carry_cache_hints()
    {
        await using var server = Start(options: o =>
        {
            o.CacheTtl = TimeSpan.FromMinutes(1);
            o.CacheScope = McpCacheScope.Public;
        });
        Assert.Equal("""{"jsonrpc":"2.0","id":1,"result":{"content":[{"type":"text","text":"5"}],"structuredContent":5,"resultType":"complete",""" + Identity + "}}",
            (await server.ModernAsync(1, "tools/call", "\"name\":\"add\",\"arguments\":{\"a\":2,\"b\":3}")).GetRawText());
        var list = (await server.ModernAsync(2, "tools/list")).GetProperty("result");
        Assert.Equal("complete", list.GetProperty("resultType").GetString());
        Assert.Equal(60000, list.GetProperty("ttlMs").GetInt64());
        Assert.Equal("public", list.GetProperty("cacheScope").GetString());
        var read = (await server.ModernAsync(3, "resources/read", "\"uri\":\"docs://readme\"")).GetProperty("result");
        Assert.Equal((60000L, "public"), (read.GetProperty("ttlMs").GetInt64(), read.GetProperty("cacheScope").GetString()));
    }

    [Fact]
    public async Task Without_server_info_in_results_a_modern_result_has_no_meta_unless_it_ends_a_subscription()
    {
        await using var server = Start(options: o => o.ServerInfoInResults = false);
        Assert.Equal("""{"jsonrpc":"2.0","id":1,"result":{"content":[{"type":"text","text":"5"}],"structuredContent":5,"resultType":"complete"}}""",
            (await server.ModernAsync(1, "tools/call", "\"name\":\"add\",\"arguments\":{\"a\":2,\"b\":3}")).GetRawText());
        Assert.EndsWith("""],"resultType":"complete","ttlMs":0,"cacheScope":"private"}}""", (await server.ModernAsync(2, "tools/list")).GetRawText());
        // A listen with nothing to hear is acknowledged and ended at once; its result still names the subscription.
        await ListenTests.ListenAsync(server, "3", "{}");
        Assert.Equal("notifications/subscriptions/acknowledged", (await server.ReadMessageAsync()).GetProperty("method").GetString());
        Assert.Equal("""{"jsonrpc":"2.0","id":3,"result":{"resultType":"complete","_meta":{"io.modelcontextprotocol/subscriptionId":3}}}""",
            (await server.ReadMessageAsync()).GetRawText());
        // The session era never had it: initialize keeps serverInfo.
        Assert.Equal("test-server", (await server.InitializeAsync()).GetProperty("result").GetProperty("serverInfo").GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_list_is_cacheable_as_long_as_its_shortest_lived_component_and_private_when_any_is()
    {
        var shortLived = new Tools.McpTool("short_lived", """{"name":"short_lived","inputSchema":{"type":"object"}}"""u8,
            static (call, _) => ValueTask.CompletedTask) { CacheHints = new McpCacheHints(TimeSpan.FromSeconds(5)) };
        var personal = new Tools.McpTool("personal", """{"name":"personal","inputSchema":{"type":"object"}}"""u8,
            static (call, _) => ValueTask.CompletedTask) { CacheHints = new McpCacheHints(Scope: McpCacheScope.Private) };
        await using var server = Start(options: o =>
        {
            o.CacheTtl = TimeSpan.FromMinutes(10);
            o.CacheScope = McpCacheScope.Public;
        });
        var result = (await server.ModernAsync(1, "tools/list")).GetProperty("result");
        Assert.Equal((600000L, "public"), (result.GetProperty("ttlMs").GetInt64(), result.GetProperty("cacheScope").GetString()));

        await using var mixed = Start(b => b.AddTool(shortLived).AddTool(personal), o =>
        {
            o.CacheTtl = TimeSpan.FromMinutes(10);
            o.CacheScope = McpCacheScope.Public;
            o.PageSize = 2; // every page carries the hints of the whole list
        });
        var first = (await mixed.ModernAsync(1, "tools/list")).GetProperty("result");
        var cursor = first.GetProperty("nextCursor").GetString();
        var last = (await mixed.ModernAsync(2, "tools/list", "\"cursor\":\"" + cursor + "\"")).GetProperty("result");
        foreach (var page in new[] { first, last })
        {
            Assert.Equal((5000L, "private"), (page.GetProperty("ttlMs").GetInt64(), page.GetProperty("cacheScope").GetString()));
        }
    }

    [Theory]
    [InlineData("initialize")]
    [InlineData("ping")]
    [InlineData("logging/setLevel")]
    [InlineData("resources/subscribe")]
    [InlineData("resources/unsubscribe")]
    [InlineData("tasks/get")]
    [InlineData("no/such/method")]
    public async Task Methods_that_2026_07_28_removed_or_never_had_do_not_exist(string method)
    {
        await using var server = Start();
        Assert.Equal($$$"""{"code":-32601,"message":"Method not found","data":{"method":"{{{method}}}"}}""",
            ServerHarness.Error(await server.ModernAsync(1, method)));
    }

    [Theory]
    [InlineData("""{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28"}}""", "\\\"_meta.io.modelcontextprotocol/clientCapabilities\\\" is required on a 2026-07-28 request ({} when the client declares none).")]
    [InlineData("""{"_meta":{"io.modelcontextprotocol/protocolVersion":20260728,"io.modelcontextprotocol/clientCapabilities":{}}}""", "\\\"_meta.io.modelcontextprotocol/protocolVersion\\\" must be a string.")]
    [InlineData("""{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":[]}}""", "\\\"_meta.io.modelcontextprotocol/clientCapabilities\\\" must be an object ({} when the client declares none).")]
    [InlineData("""{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{},"io.modelcontextprotocol/clientInfo":"me"}}""", "\\\"_meta.io.modelcontextprotocol/clientInfo\\\" must be an object with string \\\"name\\\" and \\\"version\\\".")]
    [InlineData("""{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{},"io.modelcontextprotocol/logLevel":"loud"}}""", "\\\"_meta.io.modelcontextprotocol/logLevel\\\" must be one of debug, info, notice, warning, error, critical, alert, emergency.")]
    [InlineData("""{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{},"progressToken":{}}}""", "\\\"_meta.progressToken\\\" must be a string or an integer.")]
    [InlineData("""{"_meta":"2026-07-28","io.modelcontextprotocol/protocolVersion":"x"}""", "\\\"params._meta\\\" must be an object.")]
    public async Task A_request_whose_meta_is_missing_or_mistyped_is_malformed(string @params, string details)
    {
        await using var server = Start();
        // A claim anywhere in _meta makes the request modern; the last case has none, so it reads as a session request.
        var response = await server.RequestAsync(7, "tools/list", @params);
        var error = ServerHarness.Error(response);
        if (@params.Contains("\"_meta\":\"", StringComparison.Ordinal))
        {
            Assert.StartsWith("""{"code":-32602,""", error);
            return;
        }
        Assert.Equal($$$"""{"code":-32602,"message":"Invalid params","data":{"details":"{{{details}}}"}}""", error);
        Assert.Equal(7, response.GetProperty("id").GetInt32());
    }

    [Theory]
    [InlineData("v999.0.0", "Protocol version 'v999.0.0' is not supported; per request this server serves 2026-07-28.")]
    [InlineData("2025-11-25", "Protocol version '2025-11-25' is reached through initialize, not per request; per request this server serves 2026-07-28.")]
    public async Task A_version_not_served_per_request_is_refused_naming_what_is(string version, string details)
    {
        await using var server = Start();
        var response = await server.RequestAsync("v", "tools/list",
            $$$$"""{"_meta":{"io.modelcontextprotocol/protocolVersion":"{{{{version}}}}","io.modelcontextprotocol/clientCapabilities":{}}}""");
        Assert.Equal($$$$"""{"jsonrpc":"2.0","id":"v","error":{"code":-32022,"message":"Unsupported protocol version","data":{"details":"{{{{details}}}}","supported":["2026-07-28"],"requested":"{{{{version}}}}"}}}""",
            response.GetRawText());
    }

    [Fact]
    public async Task An_unknown_resource_is_minus_32602_with_its_uri_for_a_modern_client_and_minus_32002_in_a_session()
    {
        await using var server = Start();
        Assert.Equal("""{"code":-32602,"message":"Invalid params","data":{"details":"No resource has the URI 'docs://nowhere'.","uri":"docs://nowhere"}}""",
            ServerHarness.Error(await server.ModernAsync(1, "resources/read", "\"uri\":\"docs://nowhere\"")));
        await server.InitializeAsync();
        Assert.Equal("""{"code":-32002,"message":"Resource not found","data":{"uri":"docs://nowhere"}}""",
            ServerHarness.Error(await server.RequestAsync(2, "resources/read", """{"uri":"docs://nowhere"}""")));
    }

    [Fact]
    public async Task A_tool_that_throws_is_an_error_result_with_a_correlation_id_never_a_legacy_code()
    {
        await using var server = Start(options: o => o.ToolErrors = ErrorReporting.JsonRpcError); // a session would get -32000
        var result = (await server.ModernAsync(1, "tools/call", "\"name\":\"fail\",\"arguments\":{}")).GetProperty("result");
        Assert.True(result.GetProperty("isError").GetBoolean());
        Assert.Equal("the disk is full", result.GetProperty("content")[0].GetProperty("text").GetString());
        var error = result.GetProperty("structuredContent").GetProperty("error");
        Assert.Equal(["message", "details", "tool", "correlationId"], error.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("Tool execution failed", "the disk is full", "fail"),
            (error.GetProperty("message").GetString(), error.GetProperty("details").GetString(), error.GetProperty("tool").GetString()));
        Assert.Matches("^[0-9a-f]{16,32}$", error.GetProperty("correlationId").GetString());

        await server.InitializeAsync();
        Assert.Equal(-32000, (await server.CallToolAsync(2, "fail", "{}")).GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task A_timeout_on_the_servers_clock_is_an_error_result_with_the_limit_for_a_modern_client_and_minus_32001_in_a_session()
    {
        var clock = new FakeTimeProvider();
        Fixtures.BasicTools.Gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        Fixtures.BasicTools.WaitStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = Start(options: o =>
        {
            o.TimeProvider = clock;
            o.ToolTimeout = TimeSpan.FromSeconds(30);
        });
        await server.SendAsync("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":""" + ServerHarness.ModernParams("\"name\":\"wait\",\"arguments\":{}") + "}");
        await Fixtures.BasicTools.WaitStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        clock.Advance(TimeSpan.FromSeconds(30));
        var result = (await server.ReadResponseAsync("1")).GetProperty("result");
        Assert.True(result.GetProperty("isError").GetBoolean());
        Assert.Equal("Tool 'wait' did not complete within 30000 ms (McpServerOptions.ToolTimeout).", result.GetProperty("content")[0].GetProperty("text").GetString());
        var error = result.GetProperty("structuredContent").GetProperty("error");
        Assert.Equal(("Request timed out", "wait", 30000L), (error.GetProperty("message").GetString(), error.GetProperty("tool").GetString(), error.GetProperty("timeoutMs").GetInt64()));

        await server.InitializeAsync();
        Fixtures.BasicTools.WaitStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        await server.SendAsync("""{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"wait","arguments":{}}}""");
        await Fixtures.BasicTools.WaitStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal("""{"code":-32001,"message":"Request timed out","data":{"details":"Tool 'wait' did not complete within 30000 ms (McpServerOptions.ToolTimeout).","timeoutMs":30000}}""",
            ServerHarness.Error(await server.ReadResponseAsync("2")));
    }

    [Fact]
    public async Task A_modern_request_gets_logs_only_when_it_names_a_level_and_only_at_or_above_it()
    {
        await using var server = Start();
        var silent = new List<JsonElement>();
        await server.ModernAsync(1, "tools/call", "\"name\":\"report\",\"arguments\":{\"steps\":1}", notifications: silent);
        Assert.Empty(silent);

        var logged = new List<JsonElement>();
        await server.ModernAsync(2, "tools/call", "\"name\":\"report\",\"arguments\":{\"steps\":1}", logLevel: "info", notifications: logged);
        Assert.Equal(["info: starting", "warning: done"],
            logged.Select(n => n.GetProperty("params").GetProperty("level").GetString() + ": " + n.GetProperty("params").GetProperty("data").GetString()));
    }

    [Fact]
    public async Task Progress_reaches_a_modern_client_with_its_token()
    {
        await using var server = Start();
        var notifications = new List<JsonElement>();
        var response = await server.ModernAsync(1, "tools/call", "\"name\":\"report\",\"arguments\":{\"steps\":2}", progressToken: "\"p-1\"", notifications: notifications);
        Assert.Equal("reported 2", ServerHarness.Text(response));
        Assert.Equal(["""{"progressToken":"p-1","progress":1,"total":2,"message":"step 1"}""", """{"progressToken":"p-1","progress":2,"total":2,"message":"step 2"}"""],
            notifications.Select(n => n.GetProperty("params").GetRawText()));
    }

    [Fact]
    public async Task Both_eras_share_one_connection_and_neither_reads_the_others_state()
    {
        await using var server = Start(b => b.AddTools<Fixtures.InputTools>());
        // The session declares sampling and asks for warnings only; a modern request declares nothing and asks for debug.
        await server.InitializeAsync(capabilities: """{"sampling":{}}""");
        await server.RequestAsync(1, "logging/setLevel", """{"level":"warning"}""");

        var modern = new List<JsonElement>();
        await server.ModernAsync(2, "tools/call", "\"name\":\"report\",\"arguments\":{\"steps\":0}", logLevel: "debug", notifications: modern);
        Assert.Equal(["debug", "info", "warning"], modern.Select(n => n.GetProperty("params").GetProperty("level").GetString()));

        var legacy = new List<JsonElement>();
        await server.RequestAsync(3, "tools/call", """{"name":"report","arguments":{"steps":0}}""", legacy);
        Assert.Equal(["warning"], legacy.Select(n => n.GetProperty("params").GetProperty("level").GetString()));

        // The session's sampling capability is not the modern request's.
        Assert.Equal(-32021, (await server.ModernAsync(4, "tools/call", "\"name\":\"ask_model_with_tools\",\"arguments\":{}")).GetProperty("error").GetProperty("code").GetInt32());
        // And the session's results stay as 2025-11-25 has them.
        Assert.Equal("""{"content":[{"type":"text","text":"3"}]}""", (await server.CallToolAsync(5, "add", """{"a":1,"b":2}""")).GetProperty("result").GetRawText());
    }

    [Fact]
    public async Task An_initialize_asking_for_2026_07_28_is_offered_the_newest_session_version()
    {
        await using var server = Start();
        Assert.Equal("2025-11-25", (await server.InitializeAsync("2026-07-28")).GetProperty("result").GetProperty("protocolVersion").GetString());
    }

    [Fact]
    public async Task An_initialize_with_a_modern_claim_is_a_modern_request_and_so_unknown()
    {
        await using var server = Start();
        var response = await server.RequestAsync(1, "initialize", ServerHarness.ModernParams("\"protocolVersion\":\"2025-11-25\",\"capabilities\":{}"));
        Assert.Equal(-32601, response.GetProperty("error").GetProperty("code").GetInt32());
        // No session was opened: a session request still needs initialize.
        Assert.Equal(-32602, (await server.RequestAsync(2, "tools/list")).GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task A_modern_call_cancelled_over_stdio_gets_no_response_and_its_token_fires()
    {
        Fixtures.BasicTools.Gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = Fixtures.BasicTools.CancelledCount;
        await using var server = Start();
        await server.SendAsync("""{"jsonrpc":"2.0","id":"c","method":"tools/call","params":""" + ServerHarness.ModernParams("\"name\":\"wait\",\"arguments\":{}") + "}");
        await server.SendAsync("""{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":"c"}}""");
        Assert.Equal("""{"jsonrpc":"2.0","id":1,"result":{"content":[{"type":"text","text":"2"}],"structuredContent":2,"resultType":"complete",""" + Identity + "}}",
            (await server.ModernAsync(1, "tools/call", "\"name\":\"add\",\"arguments\":{\"a\":1,\"b\":1}")).GetRawText());
        await server.CloseInputAsync();
        await server.Completion;
        Assert.Equal(cancelled + 1, Fixtures.BasicTools.CancelledCount);
    }

    [Fact]
    public async Task A_request_without_a_claim_or_a_session_is_malformed_but_ping_is_answered()
    {
        await using var server = Start();
        Assert.Equal("""{"jsonrpc":"2.0","id":1,"result":{}}""", (await server.RequestAsync(1, "ping")).GetRawText());
        Assert.Equal(-32602, (await server.RequestAsync(2, "server/discover")).GetProperty("error").GetProperty("code").GetInt32());
    }
}
