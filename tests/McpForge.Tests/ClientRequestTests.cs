using System.Text.Json;
using System.Threading.Tasks;
using McpForge.Tests.Fixtures;
using McpForge.Tests.Harness;

namespace McpForge.Tests;

/// <summary>Requests from the server to the client (roots/list), correlated by the server's own ids.</summary>
public sealed class ClientRequestTests
{
    private static async Task<ServerHarness> StartAsync(string capabilities)
    {
        var server = ServerHarness.Start(b => b.AddTools<ClientAskingTools>());
        await server.RequestAsync(0, "initialize", "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":" + capabilities + "}");
        return server;
    }

    [Fact]
    public async Task A_tool_asks_the_client_for_its_roots_and_gets_the_answer()
    {
        await using var server = await StartAsync("""{"roots":{"listChanged":true}}""");
        await server.SendAsync("""{"jsonrpc":"2.0","id":"call","method":"tools/call","params":{"name":"roots","arguments":{}}}""");

        var request = await server.ReadMessageAsync();
        Assert.Equal("roots/list", request.GetProperty("method").GetString());
        Assert.Equal("{}", request.GetProperty("params").GetRawText());
        var id = request.GetProperty("id").GetRawText();
        await server.SendAsync("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":{\"roots\":[{\"uri\":\"file:///work\",\"name\":\"work\"},{\"uri\":\"file:///tmp\"}]}}");

        var response = await server.ReadMessageAsync();
        Assert.Equal("file:///work (work), file:///tmp", ServerHarness.Text(response));
    }

    [Fact]
    public async Task An_error_answer_becomes_the_tools_error()
    {
        await using var server = await StartAsync("""{"roots":{}}""");
        await server.SendAsync("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"roots","arguments":{}}}""");
        var id = (await server.ReadMessageAsync()).GetProperty("id").GetRawText();
        await server.SendAsync("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"error\":{\"code\":-32603,\"message\":\"no roots today\"}}");
        var response = await server.ReadMessageAsync();
        Assert.True(response.GetProperty("result").GetProperty("isError").GetBoolean());
        Assert.Equal("no roots today", ServerHarness.Text(response));
    }

    [Fact]
    public async Task A_client_without_the_capability_is_not_asked()
    {
        await using var server = await StartAsync("{}");
        var response = await server.CallToolAsync(1, "roots", "{}");
        Assert.Equal("The client did not declare the 'roots' capability, so it cannot be asked for its roots.", ServerHarness.Text(response));
    }

    [Fact]
    public async Task A_response_to_nothing_is_dropped_and_the_server_keeps_serving()
    {
        await using var server = await StartAsync("{}");
        await server.SendAsync("""{"jsonrpc":"2.0","id":999,"result":{}}""");
        await server.SendAsync("""{"jsonrpc":"2.0","id":"x","error":{"code":1,"message":"?"}}""");
        Assert.Equal("""{"jsonrpc":"2.0","id":2,"result":{}}""", (await server.RequestAsync(2, "ping")).GetRawText());
    }

    [Fact]
    public async Task A_tool_asks_the_clients_model_to_sample()
    {
        await using var server = await StartAsync("""{"sampling":{}}""");
        await server.SendAsync("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"haiku","arguments":{"topic":"rain"}}}""");
        var request = await server.ReadMessageAsync();
        Assert.Equal("sampling/createMessage", request.GetProperty("method").GetString());
        Assert.Equal("""{"messages":[{"role":"user","content":{"type":"text","text":"A haiku about rain"}}],"maxTokens":60,"systemPrompt":"You are a poet."}""",
            request.GetProperty("params").GetRawText());
        await server.SendAsync("{\"jsonrpc\":\"2.0\",\"id\":" + request.GetProperty("id").GetRawText()
            + ",\"result\":{\"role\":\"assistant\",\"content\":{\"type\":\"text\",\"text\":\"soft rain on the roof\"},\"model\":\"test-model\",\"stopReason\":\"endTurn\"}}");
        Assert.Equal("soft rain on the roof [test-model, endTurn]", ServerHarness.Text(await server.ReadMessageAsync()));
    }

    [Fact]
    public async Task A_client_without_sampling_is_not_asked()
    {
        await using var server = await StartAsync("""{"roots":{}}""");
        Assert.Equal("The client did not declare the 'sampling' capability, so it cannot be asked to sample.",
            ServerHarness.Text(await server.CallToolAsync(1, "haiku", """{"topic":"x"}""")));
    }

    [Fact]
    public async Task A_client_that_never_answers_times_out_the_request_and_a_late_answer_is_dropped()
    {
        await using var server = await StartAsync("""{"roots":{}}""");
        await server.SendAsync("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"roots_quick","arguments":{}}}""");
        var request = await server.ReadMessageAsync();
        Assert.Equal("roots/list", request.GetProperty("method").GetString());
        var response = await server.ReadMessageAsync(); // nobody answers: the tool's wait ends
        Assert.True(response.GetProperty("result").GetProperty("isError").GetBoolean());
        Assert.Equal("The client did not answer 'roots/list' within 200 ms.", ServerHarness.Text(response));
        await server.SendAsync("{\"jsonrpc\":\"2.0\",\"id\":" + request.GetProperty("id").GetRawText() + ",\"result\":{\"roots\":[]}}");
        Assert.Equal("""{"jsonrpc":"2.0","id":2,"result":{}}""", (await server.RequestAsync(2, "ping")).GetRawText());
    }
}
