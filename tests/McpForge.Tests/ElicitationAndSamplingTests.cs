using System.Collections.Generic;
using System.Threading.Tasks;
using McpForge.Tests.Fixtures;
using McpForge.Tests.Harness;

namespace McpForge.Tests;

/// <summary>Elicitation (form and URL mode), sampling with tools, and client logs, with the exact JSON on the wire.</summary>
public sealed class ElicitationAndSamplingTests
{
    private static async Task<ServerHarness> StartAsync(string capabilities)
    {
        var server = ServerHarness.Start(b => b.AddTools<AskingTools>());
        await server.RequestAsync(0, "initialize", "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":" + capabilities + "}");
        return server;
    }

    private static Task Answer(ServerHarness server, System.Text.Json.JsonElement request, string result) =>
        server.SendAsync("{\"jsonrpc\":\"2.0\",\"id\":" + request.GetProperty("id").GetRawText() + ",\"result\":" + result + "}");

    [Fact]
    public async Task A_form_elicitation_sends_the_schema_and_returns_the_accepted_content()
    {
        await using var server = await StartAsync("""{"elicitation":{}}""");
        await server.SendAsync("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"sign_up","arguments":{}}}""");
        var request = await server.ReadMessageAsync();
        Assert.Equal("elicitation/create", request.GetProperty("method").GetString());
        Assert.Equal("""{"mode":"form","message":"Who are you?","requestedSchema":{"type":"object","properties":{"name":{"type":"string","default":"Ada"},"age":{"type":"integer","minimum":0}},"required":["name"]}}""",
            request.GetProperty("params").GetRawText());
        await Answer(server, request, """{"action":"accept","content":{"name":"Grace","age":85}}""");
        Assert.Equal("""Accept {"name":"Grace","age":85}""", ServerHarness.Text(await server.ReadMessageAsync()));
    }

    [Theory]
    [InlineData("""{"action":"decline"}""", "Decline")]
    [InlineData("""{"action":"cancel","content":{"name":"ignored"}}""", "Cancel")]
    public async Task Declined_and_cancelled_elicitations_carry_no_content(string answer, string expected)
    {
        await using var server = await StartAsync("""{"elicitation":{"form":{}}}""");
        await server.SendAsync("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"sign_up","arguments":{}}}""");
        await Answer(server, await server.ReadMessageAsync(), answer);
        Assert.Equal(expected, ServerHarness.Text(await server.ReadMessageAsync()));
    }

    [Theory]
    [InlineData("{}", "The client did not declare the 'elicitation (form mode)' capability, so it cannot be asked to fill in a form.")]
    [InlineData("""{"elicitation":{"url":{}}}""", "The client did not declare the 'elicitation (form mode)' capability, so it cannot be asked to fill in a form.")]
    public async Task A_client_without_form_elicitation_is_not_asked(string capabilities, string expected)
    {
        await using var server = await StartAsync(capabilities);
        var response = await server.CallToolAsync(1, "sign_up", "{}");
        Assert.True(response.GetProperty("result").GetProperty("isError").GetBoolean());
        Assert.Equal(expected, ServerHarness.Text(response));
    }

    [Fact]
    public async Task A_url_elicitation_needs_the_url_capability_and_announces_completion()
    {
        await using (var formOnly = await StartAsync("""{"elicitation":{}}"""))
        {
            Assert.Equal("The client did not declare the 'elicitation.url' capability, so it cannot be sent a URL elicitation.",
                ServerHarness.Text(await formOnly.CallToolAsync(1, "connect", "{}")));
        }

        await using var server = await StartAsync("""{"elicitation":{"form":{},"url":{}}}""");
        await server.SendAsync("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"connect","arguments":{}}}""");
        var request = await server.ReadMessageAsync();
        Assert.Equal("""{"mode":"url","message":"Sign in to Example","url":"https://example.com/login?state=abc","elicitationId":"el-1"}""",
            request.GetProperty("params").GetRawText());
        await Answer(server, request, """{"action":"accept"}""");
        Assert.Equal("""{"jsonrpc":"2.0","method":"notifications/elicitation/complete","params":{"elicitationId":"el-1"}}""",
            (await server.ReadMessageAsync()).GetRawText());
        Assert.Equal("Accept", ServerHarness.Text(await server.ReadMessageAsync()));
    }

    [Fact]
    public async Task A_tool_that_needs_a_url_elicitation_answers_minus_32042_with_the_elicitations()
    {
        await using var server = await StartAsync("""{"elicitation":{"url":{}}}""");
        Assert.Equal(
            """{"jsonrpc":"2.0","id":3,"error":{"code":-32042,"message":"URL elicitation required","data":{"elicitations":[{"mode":"url","message":"Authorize access","url":"https://example.com/oauth","elicitationId":"auth-7"}]}}}""",
            (await server.CallToolAsync(3, "needs_auth", "{}")).GetRawText());
    }

    [Fact]
    public async Task Sampling_with_tools_offers_them_reads_tool_uses_and_sends_tool_results_back()
    {
        await using var server = await StartAsync("""{"sampling":{"tools":{}}}""");
        await server.SendAsync("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"weather_agent","arguments":{"city":"Oslo"}}}""");

        var first = await server.ReadMessageAsync();
        Assert.Equal(
            """{"messages":[{"role":"user","content":{"type":"text","text":"Weather in Oslo?"}}],"maxTokens":100,"tools":[{"name":"get_weather","description":"Weather of a city.","inputSchema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}],"toolChoice":{"mode":"auto"}}""",
            first.GetProperty("params").GetRawText());
        await Answer(server, first, """{"role":"assistant","content":[{"type":"text","text":"Let me check."},{"type":"tool_use","id":"tu-1","name":"get_weather","input":{"city":"Oslo"}}],"model":"m","stopReason":"toolUse"}""");

        var second = await server.ReadMessageAsync();
        Assert.Equal(
            """[{"role":"user","content":{"type":"text","text":"Weather in Oslo?"}},{"role":"assistant","content":[{"type":"text","text":"Let me check."},{"type":"tool_use","id":"tu-1","name":"get_weather","input":{"city":"Oslo"}}]},{"role":"user","content":{"type":"tool_result","toolUseId":"tu-1","content":[{"type":"text","text":"sunny in Oslo"}]}}]""",
            second.GetProperty("params").GetProperty("messages").GetRawText());
        await Answer(server, second, """{"role":"assistant","content":{"type":"text","text":"It is sunny."},"model":"m","stopReason":"endTurn"}""");

        Assert.Equal("It is sunny. (toolUse, then endTurn)", ServerHarness.Text(await server.ReadMessageAsync()));
    }

    [Fact]
    public async Task Tools_are_not_offered_to_a_client_without_sampling_tools()
    {
        await using var server = await StartAsync("""{"sampling":{}}""");
        Assert.Equal("The client did not declare the 'sampling.tools' capability, so it cannot be offered tools in a sampling request.",
            ServerHarness.Text(await server.CallToolAsync(1, "weather_agent", """{"city":"Oslo"}""")));
    }

    [Fact]
    public async Task The_ILogger_bridge_sends_entries_at_or_above_the_clients_level()
    {
        await using var server = await StartAsync("{}");
        var notifications = new List<System.Text.Json.JsonElement>();
        await server.CallToolAsync(1, "log_twice", "{}", notifications);
        Assert.Equal(
            """{"jsonrpc":"2.0","method":"notifications/message","params":{"level":"warning","logger":"log_twice","data":"slow disk on C:: disk slow"}}""",
            Assert.Single(notifications).GetRawText());

        await server.RequestAsync(2, "logging/setLevel", """{"level":"debug"}""");
        notifications.Clear();
        await server.CallToolAsync(3, "log_twice", "{}", notifications);
        Assert.Equal(2, notifications.Count);
        Assert.Equal("""{"level":"debug","logger":"log_twice","data":"checking 3 things"}""", notifications[0].GetProperty("params").GetRawText());
    }

    [Fact]
    public async Task The_server_wide_logger_reaches_every_client_at_its_own_level()
    {
        var builder = McpServer.CreateBuilder("logs", "1").AddTools<AskingTools>();
        var server = builder.Build();
        await using var quiet = ServerHarness.Start(server);
        await using var chatty = ServerHarness.Start(server);
        await quiet.InitializeAsync();
        await chatty.InitializeAsync();
        await chatty.RequestAsync(1, "logging/setLevel", """{"level":"debug"}""");

        var logger = server.ClientLoggerProvider.CreateLogger("Startup");
        Microsoft.Extensions.Logging.LoggerExtensions.LogDebug(logger, "cache warm");
        Microsoft.Extensions.Logging.LoggerExtensions.LogError(logger, "index missing");

        Assert.Equal("""{"level":"debug","logger":"Startup","data":"cache warm"}""", (await chatty.ReadMessageAsync()).GetProperty("params").GetRawText());
        Assert.Equal("""{"level":"error","logger":"Startup","data":"index missing"}""", (await chatty.ReadMessageAsync()).GetProperty("params").GetRawText());
        Assert.Equal("""{"level":"error","logger":"Startup","data":"index missing"}""", (await quiet.ReadMessageAsync()).GetProperty("params").GetRawText());
        Assert.Empty(await quiet.ReadRestAsync()); // everything the quiet client will ever get: not the debug line
    }
}
