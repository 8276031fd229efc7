using System.Linq;
using System.Text;
using System.Threading.Tasks;
using McpForge.Tests.Harness;

namespace McpForge.Tests;

/// <summary>
/// Every kind of bad input gets its documented error (or is ignored where JSON-RPC says so), and the next valid
/// request is still answered.
/// </summary>
public sealed class BadInputTests
{
    private static async Task AssertStillServing(ServerHarness server)
    {
        var response = await server.CallToolAsync(9999, "echo", """{"message":"alive"}""");
        Assert.Equal("alive", ServerHarness.Text(response));
    }

    [Theory]
    [InlineData("{not json", "Parse error")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"} trailing", "Parse error")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"", "Parse error")]
    public async Task Invalid_json_is_a_parse_error_with_a_null_id(string line, string message)
    {
        await using var server = await ServerHarness.StartInitializedAsync();
        await server.SendAsync(line);
        var response = await server.ReadMessageAsync();
        Assert.Equal("null", response.GetProperty("id").GetRawText());
        Assert.Equal(-32700, response.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(message, response.GetProperty("error").GetProperty("message").GetString());
        Assert.StartsWith("The message is not valid JSON: ", response.GetProperty("error").GetProperty("data").GetProperty("details").GetString());
        await AssertStillServing(server);
    }

    [Fact]
    public async Task Invalid_utf8_is_a_parse_error()
    {
        await using var server = await ServerHarness.StartInitializedAsync();
        var bytes = Encoding.UTF8.GetBytes("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"X\"}}}\n");
        bytes[System.Array.IndexOf(bytes, (byte)'X')] = 0xC3; // a lead byte with no continuation byte
        await server.SendRawAsync(bytes);
        Assert.Equal(
            """{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error","data":{"details":"The message is not valid JSON: The bytes are not UTF-8 text, which JSON exchanged between systems must be (RFC 8259 §8.1)."}}}""",
            (await server.ReadMessageAsync()).GetRawText());
        await AssertStillServing(server);
    }

    [Fact]
    public async Task A_modern_request_repeating_the_last_meta_is_still_checked_as_text()
    {
        // A repeated _meta at the end of a message is not checked as text again (it was, in the request that first sent
        // it): what comes before it is, on every request.
        await using var server = await ServerHarness.StartInitializedAsync();
        await server.SendRawAsync(ModernEcho(1, "plain"));
        Assert.Equal("plain", ServerHarness.Text(await server.ReadMessageAsync()));

        var invalidUtf8 = ModernEcho(2, "X");
        invalidUtf8[System.Array.IndexOf(invalidUtf8, (byte)'X')] = 0xC3;
        await server.SendRawAsync(invalidUtf8);
        Assert.Equal(
            """{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error","data":{"details":"The message is not valid JSON: The bytes are not UTF-8 text, which JSON exchanged between systems must be (RFC 8259 §8.1)."}}}""",
            (await server.ReadMessageAsync()).GetRawText());

        await server.SendRawAsync(ModernEcho(3, "\\ud800"));
        Assert.Equal(
            """{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error","data":{"details":"The message is not valid JSON: A \\u escape names half of a UTF-16 surrogate pair, which is not text (RFC 8259 §8.2)."}}}""",
            (await server.ReadMessageAsync()).GetRawText());
        await AssertStillServing(server);
    }

    /// <summary>A 2026-07-28 <c>echo</c> of <paramref name="message"/> (JSON string content), its <c>_meta</c> last, as such clients send it.</summary>
    private static byte[] ModernEcho(int id, string message) => Encoding.UTF8.GetBytes(
        "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"" + message + "\"},\"_meta\":"
        + """{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{},"io.modelcontextprotocol/clientInfo":{"name":"tests","version":"1.0"}}}}""" + "\n");

    [Theory]
    [InlineData("""{"jsonrpc":"2.0\udfff","id":1,"method":"ping"}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"message":"\ud800"}}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"m\udfffessage":"x"}}}""")]
    public async Task A_lone_surrogate_escape_anywhere_is_a_parse_error(string message)
    {
        // Found by the property tests (tests/Fuzz/regressions): such a string could not be read as text, and the
        // exception escaped whichever handler read it first.
        await using var server = await ServerHarness.StartInitializedAsync();
        await server.SendAsync(message);
        Assert.Equal(
            """{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error","data":{"details":"The message is not valid JSON: A \\u escape names half of a UTF-16 surrogate pair, which is not text (RFC 8259 §8.2)."}}}""",
            (await server.ReadMessageAsync()).GetRawText());
        await AssertStillServing(server);
    }

    [Fact]
    public async Task A_surrogate_pair_written_as_two_escapes_is_text()
    {
        await using var server = await ServerHarness.StartInitializedAsync();
        Assert.Equal("\U0001F600", ServerHarness.Text(await server.CallToolAsync(1, "echo", """{"message":"\ud83d\ude00"}""")));
    }

    [Fact]
    public async Task Ten_thousand_levels_of_nesting_are_a_parse_error()
    {
        await using var server = await ServerHarness.StartInitializedAsync();
        await server.SendAsync("""{"jsonrpc":"2.0","id":1,"method":"ping","params":{"x":""" + new string('[', 10_000) + new string(']', 10_000) + "}}");
        var response = await server.ReadMessageAsync();
        Assert.Equal(-32700, response.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Contains("depth", response.GetProperty("error").GetProperty("data").GetProperty("details").GetString());
        await AssertStillServing(server);
    }

    [Theory]
    [InlineData("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]", "null", "Batches (JSON arrays) are not supported: send one JSON-RPC object per line.")]
    [InlineData("42", "null", "A JSON-RPC message must be a JSON object.")]
    [InlineData("\"ping\"", "null", "A JSON-RPC message must be a JSON object.")]
    [InlineData("{\"id\":5,\"method\":\"ping\"}", "5", "The \\\"jsonrpc\\\": \\\"2.0\\\" member is missing.")]
    [InlineData("{\"jsonrpc\":\"1.0\",\"id\":5,\"method\":\"ping\"}", "5", "\\\"jsonrpc\\\" must be the string \\\"2.0\\\".")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"ping\"}", "null", "\\\"id\\\" must be a string or an integer.")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"ping\"}", "null", "\\\"id\\\" must be a string or an integer.")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}", "null", "\\\"id\\\" must be a string or an integer; MCP does not allow null ids.")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":\"x\"}", "\"x\"", "The \\\"method\\\" member is missing.")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":42}", "7", "\\\"method\\\" must be a string.")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\",\"params\":\"x\"}", "7", "\\\"params\\\" must be an object or an array.")]
    public async Task Malformed_requests_are_invalid_requests(string line, string id, string details)
    {
        await using var server = await ServerHarness.StartInitializedAsync();
        await server.SendAsync(line);
        Assert.Equal(
            "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"error\":{\"code\":-32600,\"message\":\"Invalid Request\",\"data\":{\"details\":\"" + details + "\"}}}",
            (await server.ReadMessageAsync()).GetRawText());
        await AssertStillServing(server);
    }

    [Fact]
    public async Task A_ten_megabyte_line_is_rejected_without_stopping_the_server()
    {
        await using var server = await ServerHarness.StartInitializedAsync(o => o.MaxMessageBytes = 1024 * 1024);
        var huge = """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"message":" """ + new string('a', 10 * 1024 * 1024) + "\"}}}";
        var send = server.SendAsync(huge);
        var response = await server.ReadMessageAsync();
        await send;
        Assert.Equal(
            """{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid Request","data":{"details":"The message exceeds the maximum size of 1048576 bytes (McpServerOptions.MaxMessageBytes)."}}}""",
            response.GetRawText());
        await AssertStillServing(server);
    }

    [Fact]
    public async Task An_unknown_method_is_method_not_found_with_its_name()
    {
        await using var server = await ServerHarness.StartInitializedAsync();
        var response = await server.RequestAsync(3, "prompts/list");
        Assert.Equal("""{"jsonrpc":"2.0","id":3,"error":{"code":-32601,"message":"Method not found","data":{"method":"prompts/list"}}}""", response.GetRawText());
        await AssertStillServing(server);
    }

    [Fact]
    public async Task Unknown_notifications_empty_lines_and_client_responses_are_ignored()
    {
        await using var server = await ServerHarness.StartInitializedAsync();
        await server.SendAsync("""{"jsonrpc":"2.0","method":"notifications/whatever","params":{}}""");
        await server.SendAsync("");
        await server.SendAsync("   ");
        await server.SendAsync("""{"jsonrpc":"2.0","id":"s1","result":{}}""");
        await server.SendAsync("""{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":{"bad":1}}}""");
        var response = await server.CallToolAsync(1, "echo", """{"message":"first answer"}""");
        Assert.Equal("first answer", ServerHarness.Text(response));
    }

    [Theory]
    [InlineData("""{"arguments":{}}""", "tools/call requires \\\"name\\\".")]
    [InlineData("""{"name":7}""", "tools/call \\\"name\\\" must be a string.")]
    [InlineData("""{"name":"nope","arguments":{}}""", "Unknown tool: 'nope'. Call tools/list for the available tools.")]
    [InlineData("""{"name":"echo","arguments":[1]}""", "tools/call \\\"arguments\\\" must be an object.")]
    [InlineData("""{"name":"echo","arguments":"x"}""", "tools/call \\\"arguments\\\" must be an object.")]
    [InlineData("""[1,2]""", "\\\"params\\\" must be an object.")]
    public async Task Tools_call_with_params_that_break_its_schema_is_invalid_params(string @params, string details)
    {
        await using var server = await ServerHarness.StartInitializedAsync();
        var response = await server.RequestAsync(4, "tools/call", @params);
        Assert.Equal("{\"code\":-32602,\"message\":\"Invalid params\",\"data\":{\"details\":\"" + details + "\"}}", ServerHarness.Error(response));
        await AssertStillServing(server);
    }

    [Fact]
    public async Task A_notification_that_is_not_a_valid_request_object_gets_an_error_with_a_null_id()
    {
        // JSON-RPC 2.0 answers an invalid Request object even when it has no id (spec example: "method": 1).
        await using var server = await ServerHarness.StartInitializedAsync();
        await server.SendAsync("""{"jsonrpc":"2.0","method":"notifications/cancelled","params":"not an object"}""");
        Assert.Equal(
            """{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid Request","data":{"details":"\"params\" must be an object or an array."}}}""",
            (await server.ReadMessageAsync()).GetRawText());
        await AssertStillServing(server);
    }

    [Theory]
    [InlineData("""{"json\u0072pc":"2.0","\u0069d":7,"met\u0068od":"tools/call","p\u0061rams":{"n\u0061me":"echo","\u0061rguments":{"message":"read"}}}""")]
    [InlineData("""{"jsonrpx":1,"jsonrpc":"2.0","ix":1,"id":7,"methoz":"ping","method":"tools/call","paramz":[],"params":{"name":"echo","arguments":{"message":"read"}},"errox":1,"resulx":1}""")]
    public async Task Envelope_members_are_told_by_their_text_not_their_spelling(string message)
    {
        // Names written with escapes are the members they spell; names as long as a member's, one byte off, are others.
        await using var server = await ServerHarness.StartInitializedAsync();
        await server.SendAsync(message);
        var response = await server.ReadMessageAsync();
        Assert.Equal(7, response.GetProperty("id").GetInt32());
        Assert.Equal("read", ServerHarness.Text(response));
    }

    [Fact]
    public async Task A_tool_name_with_json_escapes_is_found()
    {
        await using var server = await ServerHarness.StartInitializedAsync();
        var response = await server.RequestAsync(1, "tools/call", """{"name":"ec\u0068o","arguments":{"message":"escaped"}}""");
        Assert.Equal("escaped", ServerHarness.Text(response));
    }

    [Fact]
    public async Task Ids_are_echoed_exactly_as_strings_or_numbers()
    {
        await using var server = await ServerHarness.StartInitializedAsync();
        Assert.Equal("\"abc\"", (await server.RequestAsync("abc", "ping")).GetProperty("id").GetRawText());
        Assert.Equal("-9007199254740993", (await server.RequestAsync(-9007199254740993L, "ping")).GetProperty("id").GetRawText());
    }
}
