using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using McpForge.Protocol;
using McpForge.Tests.Fixtures;
using McpForge.Tests.Harness;
using McpForge.Tools;

namespace McpForge.Tests;

/// <summary>Tools and prompts added and removed while the server runs, with list_changed notifications.</summary>
public sealed class DynamicComponentsTests
{
    private static string[] Names(JsonElement listResult, string array) =>
        listResult.GetProperty("result").GetProperty(array).EnumerateArray().Select(t => t.GetProperty("name").GetString()!).ToArray();

    [Fact]
    public async Task A_tool_added_at_run_time_is_listed_callable_and_announced()
    {
        var builder = McpServer.CreateBuilder("dynamic", "1").AddTools<BasicTools>();
        builder.Options.ErrorLog = System.IO.TextWriter.Null;
        var server = builder.Build();
        await using var client = ServerHarness.Start(server);
        await client.InitializeAsync();

        server.AddTool(McpTool.Create("shout", "Upper-cases text.", """{"type":"object","properties":{"text":{"type":"string"}},"required":["text"]}""",
            (arguments, call) => ValueTask.FromResult(CallToolResult.FromText(arguments.GetProperty("text").GetString()!.ToUpperInvariant()))));

        Assert.Equal("""{"jsonrpc":"2.0","method":"notifications/tools/list_changed","params":{}}""", (await client.ReadMessageAsync()).GetRawText());
        var tools = await client.RequestAsync(1, "tools/list");
        Assert.Equal("shout", Names(tools, "tools").Last());
        Assert.Equal("""{"name":"shout","description":"Upper-cases text.","inputSchema":{"type":"object","properties":{"text":{"type":"string"}},"required":["text"]}}""",
            tools.GetProperty("result").GetProperty("tools").EnumerateArray().Last().GetRawText());
        Assert.Equal("HELLO", ServerHarness.Text(await client.CallToolAsync(2, "shout", """{"text":"hello"}""")));
        Assert.Throws<System.InvalidOperationException>(() => server.AddTool(McpTool.Create("echo", null, "{}", (_, _) => default)));
    }

    [Fact]
    public async Task A_generated_tool_removed_at_run_time_disappears_and_can_be_replaced()
    {
        var server = McpServer.CreateBuilder("dynamic", "1").AddTools<BasicTools>().AddPrompts<WritingPrompts>().Build();
        await using var client = ServerHarness.Start(server);
        await client.InitializeAsync();

        Assert.True(server.RemoveTool("echo"));
        Assert.False(server.RemoveTool("echo"));
        Assert.Equal("""{"jsonrpc":"2.0","method":"notifications/tools/list_changed","params":{}}""", (await client.ReadMessageAsync()).GetRawText());
        Assert.DoesNotContain("echo", Names(await client.RequestAsync(1, "tools/list"), "tools"));
        Assert.Equal(-32602, (await client.CallToolAsync(2, "echo", """{"message":"x"}""")).GetProperty("error").GetProperty("code").GetInt32());

        server.AddTool(McpTool.Create("echo", "Echoes twice.", """{"type":"object"}""",
            (arguments, _) => ValueTask.FromResult(CallToolResult.FromText(arguments.GetProperty("message").GetString() + "!"))));
        await client.ReadMessageAsync();
        Assert.Equal("x!", ServerHarness.Text(await client.CallToolAsync(3, "echo", """{"message":"x"}""")));

        Assert.True(server.RemovePrompt("broken"));
        Assert.Equal("""{"jsonrpc":"2.0","method":"notifications/prompts/list_changed","params":{}}""", (await client.ReadMessageAsync()).GetRawText());
        Assert.DoesNotContain("broken", Names(await client.RequestAsync(4, "prompts/list"), "prompts"));
    }
}
