using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;
using McpForge.AspNetCore.Tests.Harness;

namespace McpForge.AspNetCore.Tests;

/// <summary>
/// A tool returning a number or a boolean: 2026-07-28 lists give it a scalar <c>outputSchema</c> and its calls the value
/// as <c>structuredContent</c> (beside the same JSON as text); session-era clients, whose output schemas must be objects,
/// get no output schema and the text alone. A number JSON cannot carry (NaN) is the text alone. Over real Kestrel.
/// </summary>
public sealed class ScalarResultTests
{
    private static Task<McpTestHost> StartAsync() => McpTestHost.StartAsync(mcp: b => b.AddTools<CatalogComponents>());

    private static JsonElement Tool(JsonElement result, string name) =>
        result.GetProperty("tools").EnumerateArray().Single(t => t.GetProperty("name").GetString() == name);

    [Fact]
    public async Task A_modern_list_gives_numbers_and_booleans_their_scalar_output_schema_and_a_legacy_list_none()
    {
        await using var host = await StartAsync();
        var modern = (await host.SendModernAsync(Modern.Request("1", "tools/list"))).Result;
        Assert.Equal("""{"type":"integer"}""", Tool(modern, "count_items").GetProperty("outputSchema").GetRawText());
        Assert.Equal("""{"type":"number","description":"In euros."}""", Tool(modern, "average_price").GetProperty("outputSchema").GetRawText());
        Assert.Equal("""{"type":"boolean"}""", Tool(modern, "in_stock").GetProperty("outputSchema").GetRawText());
        Assert.False(Tool(modern, "count_as_text").TryGetProperty("outputSchema", out _));

        var session = await host.InitializeAsync();
        var legacy = (await host.RequestAsync(session, """{"jsonrpc":"2.0","id":2,"method":"tools/list"}""")).GetProperty("result");
        foreach (var name in new[] { "count_items", "average_price", "in_stock" })
        {
            Assert.False(Tool(legacy, name).TryGetProperty("outputSchema", out _), name);
        }
    }

    [Theory]
    [InlineData("count_items", "3")]
    [InlineData("average_price", "2.5")]
    [InlineData("in_stock", "true")]
    public async Task A_modern_call_gets_the_value_as_structured_content_and_as_text(string tool, string json)
    {
        await using var host = await StartAsync();
        var answer = await host.SendModernAsync(Modern.Call("3", tool));
        Assert.True(answer.Status == HttpStatusCode.OK, answer.Body);
        Assert.Equal(json, answer.Result.GetProperty("structuredContent").GetRawText());
        Assert.Equal(json, answer.Result.GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_legacy_call_an_opted_out_tool_and_a_nan_get_the_text_alone()
    {
        await using var host = await StartAsync();
        var session = await host.InitializeAsync();
        var legacy = (await host.RequestAsync(session, """{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"average_price","arguments":{}}}""")).GetProperty("result");
        Assert.Equal("""{"content":[{"type":"text","text":"2.5"}]}""", legacy.GetRawText());

        foreach (var (tool, text) in new[] { ("count_as_text", "3"), ("unknown_ratio", "NaN") })
        {
            var result = (await host.SendModernAsync(Modern.Call("5", tool))).Result;
            Assert.False(result.TryGetProperty("structuredContent", out _), tool);
            Assert.Equal(text, result.GetProperty("content")[0].GetProperty("text").GetString());
        }
    }
}
