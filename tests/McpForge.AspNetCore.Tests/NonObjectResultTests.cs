using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;
using McpForge.AspNetCore.Tests.Harness;

namespace McpForge.AspNetCore.Tests;

/// <summary>
/// A tool returning an array, a number or a boolean: 2026-07-28 lists give it an array or scalar <c>outputSchema</c> and
/// its calls the value as <c>structuredContent</c> (beside the same JSON as text); session-era clients, whose output
/// schemas must be objects, get no output schema and the text alone. A number JSON cannot carry (NaN) is the text
/// alone. Over real Kestrel.
/// </summary>
public sealed class NonObjectResultTests
{
    private static Task<McpTestHost> StartAsync() => McpTestHost.StartAsync(mcp: b => b.AddTools<CatalogComponents>());

    private const string ItemsSchema =
        """{"type":"array","items":{"type":"object","properties":{"id":{"type":"integer","minimum":-2147483648,"maximum":2147483647},"name":{"type":"string"}},"required":["id","name"],"description":"One item of the catalogue."}}""";

    private const string Items = """[{"id":1,"name":"pen"},{"id":2,"name":"ink"}]""";

    private static JsonElement Tool(JsonElement result, string name) =>
        result.GetProperty("tools").EnumerateArray().Single(t => t.GetProperty("name").GetString() == name);

    [Fact]
    public async Task A_modern_list_gives_an_array_result_its_array_output_schema_and_a_legacy_list_none()
    {
        await using var host = await StartAsync();
        var modern = (await host.SendModernAsync(Modern.Request("1", "tools/list"))).Result;
        Assert.Equal(ItemsSchema, Tool(modern, "list_items").GetProperty("outputSchema").GetRawText());
        Assert.False(Tool(modern, "list_items_as_text").TryGetProperty("outputSchema", out _));

        var session = await host.InitializeAsync();
        var legacy = (await host.RequestAsync(session, """{"jsonrpc":"2.0","id":2,"method":"tools/list"}""")).GetProperty("result");
        Assert.False(Tool(legacy, "list_items").TryGetProperty("outputSchema", out _));
        // Both eras list the same tool otherwise.
        Assert.Equal(Tool(legacy, "list_items").GetProperty("inputSchema").GetRawText(), Tool(modern, "list_items").GetProperty("inputSchema").GetRawText());
    }

    [Fact]
    public async Task A_modern_call_gets_the_array_as_structured_content_and_as_text()
    {
        await using var host = await StartAsync();
        var answer = await host.SendModernAsync(Modern.Call("3", "list_items"));
        Assert.True(answer.Status == HttpStatusCode.OK, answer.Body);
        var result = answer.Result;
        Assert.Equal(Items, result.GetProperty("structuredContent").GetRawText());
        Assert.Equal(Items, result.GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Equal("complete", result.GetProperty("resultType").GetString());
    }

    [Fact]
    public async Task A_legacy_call_and_a_tool_that_opted_out_get_the_text_alone()
    {
        await using var host = await StartAsync();
        var session = await host.InitializeAsync();
        var legacy = (await host.RequestAsync(session, """{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"list_items","arguments":{}}}""")).GetProperty("result");
        Assert.False(legacy.TryGetProperty("structuredContent", out _));
        Assert.Equal(Items, legacy.GetProperty("content")[0].GetProperty("text").GetString());

        var optedOut = (await host.SendModernAsync(Modern.Call("5", "list_items_as_text"))).Result;
        Assert.False(optedOut.TryGetProperty("structuredContent", out _));
        Assert.Equal("""[{"id":1,"name":"pen"}]""", optedOut.GetProperty("content")[0].GetProperty("text").GetString());
    }

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
