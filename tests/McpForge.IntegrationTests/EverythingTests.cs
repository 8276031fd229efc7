using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;

namespace McpForge.IntegrationTests;

/// <summary>
/// samples/Everything as a real process, driven by the official TypeScript SDK client over Streamable HTTP
/// (<c>StreamableHTTPClientTransport</c>) and over stdio (<c>StdioClientTransport</c>): the same server, both transports.
/// </summary>
public sealed class EverythingTests
{
    private static void AssertSeen(JsonElement seen)
    {
        Assert.Equal("mcpforge-everything", seen.GetProperty("server").GetProperty("name").GetString());
        Assert.Equal(38, seen.GetProperty("tools").GetArrayLength()); // the 0.1.16 fixtures, the 2026-07-28 ones (ClientInputTools, ProtocolDiagnosticTools, test_x_mcp_header), FleetTools and the seven of TaskTools
        Assert.Equal("This is a simple text response for testing.", seen.GetProperty("simpleText").GetString());
        TypeScriptClientTests.AssertProgressBeforeResult(seen);
        Assert.Equal("LLM response: an answer from TypeScript", seen.GetProperty("sampling").GetString());
        Assert.Equal(["What is MCP?"], seen.GetProperty("samplingRequests").EnumerateArray().Select(s => s.GetString()).ToArray());
        Assert.Equal("""User response: action=accept, content={"username":"ada","email":"ada@example.com"}""", seen.GetProperty("elicitation").GetString());
        Assert.True(seen.GetProperty("error").GetProperty("isError").GetBoolean());
        Assert.Equal("This tool intentionally returns an error for testing", seen.GetProperty("error").GetProperty("text").GetString());
        Assert.Equal(["test://static-text", "test://static-binary", "test://watched-resource"],
            seen.GetProperty("resources").EnumerateArray().Select(r => r.GetString()).ToArray());
        Assert.Equal(["test://template/{id}/data"], seen.GetProperty("templates").EnumerateArray().Select(r => r.GetString()).ToArray());
        Assert.Equal("This is the content of the static text resource.", seen.GetProperty("staticText").GetString());
        Assert.Equal("""{"id":"42","templateTest":true,"data":"Data for ID: 42"}""", seen.GetProperty("templateRead").GetString());
        Assert.Equal(5, seen.GetProperty("prompts").GetArrayLength()); // with test_input_required_result_prompt
        Assert.Equal("Prompt with arguments: arg1='a', arg2='b'", seen.GetProperty("prompt").GetString());
        Assert.Equal("""{"values":["paris","park","parade"],"total":3,"hasMore":false}""", seen.GetProperty("completion").GetRawText());
        Assert.True(seen.GetProperty("subscribed").GetBoolean());
    }

    [Fact]
    public async Task The_official_TypeScript_client_uses_every_feature_over_streamable_http()
    {
        await using var server = await HttpServerProcess.StartAsync("dotnet", RepositoryPaths.BuiltAssembly("samples/Everything", "Everything"));
        var seen = await TypeScriptClientTests.RunClientAsync("everything-client.mjs", "http", server.Mcp.ToString());
        AssertSeen(seen);
        Assert.Matches("^[0-9a-f]{32}$", seen.GetProperty("sessionId").GetString());
    }

    [Fact]
    public async Task The_official_TypeScript_client_uses_every_feature_over_stdio()
    {
        var seen = await TypeScriptClientTests.RunClientAsync("everything-client.mjs", "stdio",
            "dotnet", RepositoryPaths.BuiltAssembly("samples/Everything", "Everything"), "--stdio");
        AssertSeen(seen);
        Assert.Equal(JsonValueKind.Null, seen.GetProperty("sessionId").ValueKind);
    }
}
