using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using McpForge.Tests.Harness;

namespace McpForge.Tests;

/// <summary>initialize, version negotiation, ping, tools/list and its pagination, logging/setLevel.</summary>
public sealed class ProtocolTests
{
    [Theory]
    [InlineData("2024-11-05")]
    [InlineData("2025-03-26")]
    [InlineData("2025-06-18")]
    [InlineData("2025-11-25")]
    public async Task Initialize_echoes_a_supported_version(string version)
    {
        await using var server = ServerHarness.Start(b => b.AddTools<Fixtures.BasicTools>());
        var response = await server.InitializeAsync(version);
        Assert.Equal(version, response.GetProperty("result").GetProperty("protocolVersion").GetString());
    }

    [Fact]
    public async Task Initialize_answers_an_unknown_version_with_the_newest_and_describes_the_server()
    {
        await using var server = ServerHarness.Start(b => b.AddTools<Fixtures.BasicTools>().Configure(o => o.Instructions = "Be brief."));
        var response = await server.InitializeAsync("1999-01-01");
        Assert.Equal(
            """{"jsonrpc":"2.0","id":0,"result":{"protocolVersion":"2025-11-25","capabilities":{"logging":{},"tools":{"listChanged":true}},"serverInfo":{"name":"test-server","version":"9.9.9"},"instructions":"Be brief."}}""",
            response.GetRawText());
    }

    [Fact]
    public async Task Initialize_without_protocolVersion_is_invalid_params()
    {
        await using var server = ServerHarness.Start(b => b.AddTools<Fixtures.BasicTools>());
        var response = await server.RequestAsync(1, "initialize", """{"capabilities":{}}""");
        Assert.Equal("""{"code":-32602,"message":"Invalid params","data":{"details":"initialize requires \"protocolVersion\" (a string)."}}""", ServerHarness.Error(response));
    }

    [Fact]
    public async Task A_second_initialize_is_rejected()
    {
        await using var server = await ServerHarness.StartInitializedAsync();
        var response = await server.RequestAsync(1, "initialize", """{"protocolVersion":"2025-11-25"}""");
        Assert.Equal(-32600, response.GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Ping_works_before_initialize_and_tools_call_does_not()
    {
        await using var server = ServerHarness.Start(b => b.AddTools<Fixtures.BasicTools>());
        Assert.Equal("""{"jsonrpc":"2.0","id":"p","result":{}}""", (await server.RequestAsync("p", "ping")).GetRawText());

        var early = await server.CallToolAsync(2, "echo", """{"message":"x"}""");
        Assert.Equal(
            """{"code":-32602,"message":"Invalid params","data":{"details":"'tools/call' has no \"params._meta\" naming \"io.modelcontextprotocol/protocolVersion\" (MCP 2026-07-28), and no session is open: send 'initialize' first (MCP 2025-11-25 and earlier); only 'ping' may precede it."}}""",
            ServerHarness.Error(early));

        await server.InitializeAsync();
        Assert.Equal("x", ServerHarness.Text(await server.CallToolAsync(3, "echo", """{"message":"x"}""")));
    }

    [Fact]
    public async Task Tools_list_pages_through_every_tool_with_the_configured_page_size()
    {
        await using var server = await ServerHarness.StartInitializedAsync(o => o.PageSize = 2);
        var names = new System.Collections.Generic.List<string>();
        string? cursor = null;
        for (var page = 0; page < 20; page++)
        {
            var response = await server.RequestAsync(page + 1, "tools/list", cursor is null ? null : $$"""{"cursor":"{{cursor}}"}""");
            var result = response.GetProperty("result");
            var tools = result.GetProperty("tools");
            Assert.True(tools.GetArrayLength() <= 2);
            names.AddRange(tools.EnumerateArray().Select(t => t.GetProperty("name").GetString()!));
            if (!result.TryGetProperty("nextCursor", out var next)) break;
            cursor = next.GetString();
        }
        Assert.Equal(["echo", "add", "fail", "wait", "sleep", "hang", "hang_briefly", "big", "report", "greet"], names);
    }

    [Theory]
    [InlineData("\"bogus\"")]
    [InlineData("\"999\"")]
    [InlineData("17")]
    public async Task Tools_list_with_a_cursor_it_did_not_issue_is_invalid_params(string cursor)
    {
        await using var server = await ServerHarness.StartInitializedAsync();
        var response = await server.RequestAsync(1, "tools/list", $$"""{"cursor":{{cursor}}}""");
        Assert.Equal("""{"code":-32602,"message":"Invalid params","data":{"details":"The cursor is not one this server issued."}}""", ServerHarness.Error(response));
    }

    [Fact]
    public async Task Tools_list_entries_are_the_generated_descriptors()
    {
        await using var server = await ServerHarness.StartInitializedAsync();
        var tools = (await server.RequestAsync(1, "tools/list")).GetProperty("result").GetProperty("tools");
        var greet = tools.EnumerateArray().Single(t => t.GetProperty("name").GetString() == "greet");
        Assert.Equal(
            """{"type":"object","properties":{"name":{"type":"string"},"greeting":{"type":"string","default":"Hello"},"times":{"type":"integer","minimum":-2147483648,"maximum":2147483647}},"required":["name"],"additionalProperties":false}""",
            greet.GetProperty("inputSchema").GetRawText());
    }

    [Fact]
    public async Task Logging_setLevel_filters_log_notifications_and_progress_precedes_the_result()
    {
        await using var server = await ServerHarness.StartInitializedAsync();
        Assert.Equal("""{"jsonrpc":"2.0","id":1,"result":{}}""", (await server.RequestAsync(1, "logging/setLevel", """{"level":"warning"}""")).GetRawText());

        var notifications = new System.Collections.Generic.List<JsonElement>();
        var response = await server.RequestAsync(2, "tools/call", """{"name":"report","arguments":{"steps":2},"_meta":{"progressToken":42}}""", notifications);

        Assert.Equal("reported 2", ServerHarness.Text(response));
        Assert.Equal(
            [
                """{"jsonrpc":"2.0","method":"notifications/progress","params":{"progressToken":42,"progress":1,"total":2,"message":"step 1"}}""",
                """{"jsonrpc":"2.0","method":"notifications/progress","params":{"progressToken":42,"progress":2,"total":2,"message":"step 2"}}""",
                """{"jsonrpc":"2.0","method":"notifications/message","params":{"level":"warning","data":"done"}}""",
            ],
            notifications.Select(n => n.GetRawText()).ToArray());
    }

    [Fact]
    public async Task Progress_is_not_sent_without_a_progress_token_and_info_logs_are_sent_by_default()
    {
        await using var server = await ServerHarness.StartInitializedAsync();
        var notifications = new System.Collections.Generic.List<JsonElement>();
        await server.CallToolAsync(1, "report", """{"steps":3}""", notifications);
        Assert.Equal(["starting", "done"], notifications.Select(n => n.GetProperty("params").GetProperty("data").GetString()).ToArray());
    }

    [Fact]
    public async Task AddGeneratedComponents_registers_every_tool_prompt_and_resource_class_of_the_assembly()
    {
        await using var server = ServerHarness.Start(b => b.AddGeneratedComponents().AddSingleton<Fixtures.IGreeter>(new Fixtures.Greeter()));
        var capabilities = (await server.InitializeAsync()).GetProperty("result").GetProperty("capabilities").GetRawText();
        Assert.Equal("""{"completions":{},"logging":{},"prompts":{"listChanged":true},"resources":{"subscribe":true,"listChanged":true},"tools":{"listChanged":true}}""", capabilities);
        var tools = (await server.RequestAsync(1, "tools/list")).GetProperty("result").GetProperty("tools")
            .EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToArray();
        Assert.Contains("echo", tools);
        Assert.Contains("scalars", tools);
        Assert.Contains("greet_service", tools);
        Assert.Equal("hi ada/hi ada", ServerHarness.Text(await server.CallToolAsync(2, "greet_service", """{"name":"ada"}""")));
    }

    [Fact]
    public async Task Logging_setLevel_with_an_unknown_level_is_invalid_params()
    {
        await using var server = await ServerHarness.StartInitializedAsync();
        var response = await server.RequestAsync(1, "logging/setLevel", """{"level":"loud"}""");
        Assert.Equal(-32602, response.GetProperty("error").GetProperty("code").GetInt32());
    }
}
