using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;

namespace McpForge.IntegrationTests;

/// <summary>
/// The official TypeScript SDK v2 client (npm <c>@modelcontextprotocol/client</c> 2.4.0, tests/client-ts/modern-client.mjs)
/// pinned to protocol revision 2026-07-28 drives samples/Everything as a real process over Streamable HTTP and over stdio:
/// lists, a call with progress, a prompt, a resource, an elicitation and a sampling round trip through tools written with
/// the push API, a mirrored Mcp-Param header, and a subscriptions/listen stream. The script records every message the
/// client sent (a transport hook; over stdio the SDK's probe goes down the same pipe) and, over HTTP, every exchange's
/// headers: no initialize, no session, every request on the 2026-07-28 wire.
/// </summary>
public sealed class ModernClientTests
{
    private static void AssertModern(JsonElement seen)
    {
        // The client never fell back: its era, the version it negotiated, and every message it sent.
        Assert.Equal("2026-07-28", seen.GetProperty("negotiated").GetString());
        Assert.Equal("2026-07-28", seen.GetProperty("negotiatedAtEnd").GetString());
        Assert.Equal("modern", seen.GetProperty("era").GetString());
        // Every message, in order: the probe, then requests only (no initialize, no ping, and no response: the server
        // never asked the client anything). Each push-API ask is two tools/call: the round and the retry with the answer.
        Assert.Equal(
            [
                "server/discover", "tools/list", "prompts/list", "resources/list", "tools/call", "prompts/get", "resources/read",
                "tools/call", "tools/call", "tools/call", "tools/call", "tools/call", "tools/call", "tools/call", "tools/call",
                "tools/call", "subscriptions/listen", "tools/call", "notifications/cancelled",
            ],
            seen.GetProperty("sent").EnumerateArray().Select(m => m.GetString()).ToArray());
        // extensions: the tasks extension (io.modelcontextprotocol/tasks) that TaskTools brings.
        Assert.Equal("""{"supportedVersions":["2026-07-28"],"capabilities":["completions","extensions","logging","prompts","resources","tools"]}""",
            seen.GetProperty("discover").GetRawText());
        Assert.Equal("mcpforge-everything", seen.GetProperty("server").GetProperty("name").GetString());

        Assert.Contains("test_input_required_result_elicitation", seen.GetProperty("tools").EnumerateArray().Select(t => t.GetString()));
        Assert.Contains("test_input_required_result_prompt", seen.GetProperty("prompts").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(["test://static-text", "test://static-binary", "test://watched-resource"],
            seen.GetProperty("resources").EnumerateArray().Select(r => r.GetString()).ToArray());
        TypeScriptClientTests.AssertProgressBeforeResult(seen);
        Assert.Equal("Progress reported: 0, 50, 100 of 100", seen.GetProperty("progressText").GetString());
        Assert.Equal("Prompt with arguments: arg1='a', arg2='b'", seen.GetProperty("prompt").GetString());
        Assert.Equal("This is the content of the static text resource.", seen.GetProperty("staticText").GetString());

        // Asks written with the push API reached the client's handlers as input_required rounds, and completed.
        Assert.Equal("Hello, Alice!", seen.GetProperty("inputElicitation").GetString());
        Assert.Equal("Sampling result: Paris", seen.GetProperty("inputSampling").GetString());
        Assert.Equal("""User response: action=accept, content={"username":"ada","email":"ada@example.com"}""", seen.GetProperty("elicitation").GetString());
        Assert.Equal("LLM response: Paris", seen.GetProperty("sampling").GetString());
        Assert.Equal("""[{"message":"What is your name?","properties":["name"]},{"message":"Who are you?","properties":["username","email"]}]""",
            seen.GetProperty("elicitations").GetRawText());
        Assert.Equal(["What is the capital of France?", "What is MCP?"], seen.GetProperty("samplingRequests").EnumerateArray().Select(s => s.GetString()).ToArray());
        Assert.Equal("region: eu-west", seen.GetProperty("region").GetString());

        // subscriptions/listen: honoured filter, and a change made by another request arrived tagged with the subscription.
        Assert.Equal("""{"toolsListChanged":true}""", seen.GetProperty("honoredFilter").GetRawText());
        Assert.Equal("Tool list changed", seen.GetProperty("trigger").GetString());
        Assert.Equal(JsonValueKind.String, seen.GetProperty("listChangedSubscriptionId").ValueKind);
        Assert.Equal("local", seen.GetProperty("subscriptionClosed").GetString());
    }

    [Fact]
    public async Task The_TypeScript_v2_client_pinned_to_2026_07_28_uses_Everything_over_streamable_http()
    {
        await using var server = await HttpServerProcess.StartAsync("dotnet", RepositoryPaths.BuiltAssembly("samples/Everything", "Everything"));
        var seen = await TypeScriptClientTests.RunClientAsync("modern-client.mjs", "http", server.Mcp.ToString());
        AssertModern(seen);
        var exchanges = seen.GetProperty("http").EnumerateArray().ToArray();
        Assert.Equal(seen.GetProperty("sent").GetArrayLength(), exchanges.Length); // one POST per message, nothing else
        foreach (var exchange in exchanges)
        {
            Assert.Equal("POST", exchange.GetProperty("httpMethod").GetString()); // no GET stream, no DELETE
            Assert.Equal("2026-07-28", exchange.GetProperty("version").GetString());
            Assert.Equal(JsonValueKind.Null, exchange.GetProperty("sessionSent").ValueKind);
            Assert.Equal(JsonValueKind.Null, exchange.GetProperty("sessionReceived").ValueKind);
            var status = exchange.GetProperty("status").GetInt32();
            Assert.True(status is 200 or 202, exchange.GetRawText());
        }
        Assert.Contains(exchanges, e => e.GetProperty("name").ValueKind == JsonValueKind.String
            && e.GetProperty("name").GetString() == "test_x_mcp_header"
            && e.GetProperty("params").GetRawText() == """[["mcp-param-region","eu-west"]]""");
    }

    [Fact]
    public async Task The_TypeScript_v2_client_pinned_to_2026_07_28_uses_Everything_over_stdio()
    {
        var seen = await TypeScriptClientTests.RunClientAsync("modern-client.mjs", "stdio",
            "dotnet", RepositoryPaths.BuiltAssembly("samples/Everything", "Everything"), "--stdio");
        AssertModern(seen);
        Assert.Empty(seen.GetProperty("http").EnumerateArray());
    }

    [Fact]
    public async Task A_v1_session_client_and_a_v2_modern_client_share_one_endpoint_at_once()
    {
        await using var server = await HttpServerProcess.StartAsync("dotnet", RepositoryPaths.BuiltAssembly("samples/Everything", "Everything"));
        var legacy = TypeScriptClientTests.RunClientAsync("everything-client.mjs", "http", server.Mcp.ToString());
        var modern = TypeScriptClientTests.RunClientAsync("modern-client.mjs", "http", server.Mcp.ToString());
        await Task.WhenAll(legacy, modern);
        AssertModern(await modern);
        var old = await legacy;
        Assert.Matches("^[0-9a-f]{32}$", old.GetProperty("sessionId").GetString()); // the v1 client got its session
        Assert.Equal("LLM response: an answer from TypeScript", old.GetProperty("sampling").GetString());
        Assert.True(old.GetProperty("subscribed").GetBoolean());
    }
}
