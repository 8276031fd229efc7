using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using McpForge.Tests.Fixtures;
using McpForge.Tests.Harness;

namespace McpForge.Tests.Serialization;

/// <summary>
/// Bad input inside user types, at any depth: each problem is reported once, with its JSON Pointer and what was
/// expected, all of them in one answer; nothing is coerced, nothing throws out of the dispatcher, and the server
/// goes on serving.
/// </summary>
public sealed class UserTypeBadInputTests
{
    private static Task<ServerHarness> StartAsync(System.Action<McpServerOptions>? options = null) =>
        ServerHarness.StartInitializedAsync(options, b => b.AddTools<UserTypeTools>());

    private static string[] Errors(JsonElement response) =>
        response.GetProperty("result").GetProperty("structuredContent").GetProperty("errors").EnumerateArray()
            .Select(e => e.GetProperty("path").GetString() + ": " + e.GetProperty("message").GetString()).ToArray();

    private const string GoodOrder = """{"id":"o-1","shipTo":{"street":"Main 1","zip":"12345"},"lines":[{"sku":"A1","quantity":2,"unit_price":1.5}],"tier":"Pro","placedAt":"2025-11-25T10:00:00+01:00"}""";

    [Fact]
    public async Task A_good_order_is_placed()
    {
        await using var server = await StartAsync();
        var response = await server.CallToolAsync(1, "place_order", "{\"order\":" + GoodOrder + ",\"note\":\"fragile\"}");
        Assert.Equal(
            """{"version":1,"id":"o-1","shipTo":{"street":"Main 1","zip":"12345","unit":null},"lines":[{"sku":"A1","quantity":2,"unit_price":1.5,"notes":[],"total":3.0}],"tier":"Pro","placedAt":"2025-11-25T10:00:00+01:00","labels":{"note":"fragile"},"discount":null}""",
            response.GetProperty("result").GetProperty("structuredContent").GetRawText());
    }

    [Fact]
    public async Task Every_problem_at_every_depth_is_reported_with_its_path()
    {
        await using var server = await StartAsync();
        var response = await server.CallToolAsync(1, "place_order", """
            {"order":{"id":"o-1","id":"o-2","shipTo":{"street":null,"zip":12345,"extra":true},
              "lines":[{"quantity":0,"unit_price":"cheap"},7,{"sku":"B","notes":["x",null]}],
              "tier":"Gold","placedAt":"yesterday","labels":{"a":"x","a":"y"},"discount":{"amount":1,"currency":"EURO"}}}
            """.ReplaceLineEndings(""));
        Assert.True(response.GetProperty("result").GetProperty("isError").GetBoolean());
        Assert.Equal(
            [
                "/order/id: property given more than once",
                "/order/shipTo/street: must not be null",
                "/order/shipTo/zip: expected a string, got 12345",
                "/order/shipTo/extra: unknown property; expected one of: street, zip, unit",
                "/order/lines/0/unit_price: expected a number, got a string",
                "/order/lines/0/sku: required property is missing",
                "/order/lines/0/quantity: must be at least 1 and at most 1000, got 0",
                "/order/lines/1: expected an object, got 7",
                "/order/lines/2/notes/1: must not be null",
                "/order/tier: expected one of: Free, Pro, enterprise-plus, got \"Gold\"",
                "/order/placedAt: expected a date-time string (ISO 8601, such as \"2025-11-25T14:30:00+01:00\"), got \"yesterday\"",
                "/order/labels/a: property given more than once",
                "/order/discount/currency: must have between 3 and 3 characters, got 4",
            ],
            Errors(response));
        Assert.Equal("""{"street":"Main 1","zip":"alive","unit":null}""", ServerHarness.Text(await server.CallToolAsync(2, "find_address", """{"zip":"alive"}"""))); // still serving
    }

    [Fact]
    public async Task Values_are_never_coerced()
    {
        await using var server = await StartAsync();
        var scalars = """
            {"value":{"text":1,"flag":"true","u8":300,"i8":-129,"i16":1.5,"u16":-1,"i32":"7","u32":4294967296,"i64":1e30,"u64":-1,
              "i128":"1","u128":-1,"f32":"1","f64":null,"money":true,"small":[],"letter":"ab","id":"not-a-guid",
              "at":"2025-13-45T00:00:00Z","atOffset":"noon","day":"2025-02-30","time":"25:00","span":"forever","link":"relative/path",
              "tier":2,"blob":"***","any":{}}}
            """.ReplaceLineEndings("");
        Assert.Equal(
            [
                "/value/text: expected a string, got 1",
                "/value/flag: expected true or false, got a string",
                "/value/u8: expected an integer between 0 and 255, got 300",
                "/value/i8: expected an integer between -128 and 127, got -129",
                "/value/i16: expected an integer between -32768 and 32767, got 1.5",
                "/value/u16: expected an integer between 0 and 65535, got -1",
                "/value/i32: expected an integer between -2147483648 and 2147483647, got a string",
                "/value/u32: expected an integer between 0 and 4294967295, got 4294967296",
                "/value/i64: expected an integer between -9223372036854775808 and 9223372036854775807, got 1e30",
                "/value/u64: expected an integer between 0 and 18446744073709551615, got -1",
                "/value/i128: expected an integer between -170141183460469231731687303715884105728 and 170141183460469231731687303715884105727, got a string",
                "/value/u128: expected an integer between 0 and 340282366920938463463374607431768211455, got -1",
                "/value/f32: expected a number, got a string",
                "/value/f64: must not be null",
                "/value/money: expected a number, got true",
                "/value/small: expected a number, got an array",
                "/value/letter: expected a string of exactly one character, got \"ab\"",
                "/value/id: expected a UUID string such as \"0f8fad5b-d9cb-469f-a165-70867728950e\", got \"not-a-guid\"",
                "/value/at: expected a date-time string (ISO 8601, such as \"2025-11-25T14:30:00Z\"), got \"2025-13-45T00:00:00Z\"",
                "/value/atOffset: expected a date-time string (ISO 8601, such as \"2025-11-25T14:30:00+01:00\"), got \"noon\"",
                "/value/day: expected a date string (yyyy-MM-dd), got \"2025-02-30\"",
                "/value/time: expected a time string (HH:mm:ss), got \"25:00\"",
                "/value/span: expected a duration string (ISO 8601, such as \"PT1H30M\"), got \"forever\"",
                "/value/link: expected an absolute URI string, got \"relative/path\"",
                "/value/tier: expected one of: Free, Pro, enterprise-plus, got 2",
                "/value/blob: expected a base64 string, got \"***\"",
            ],
            Errors(await server.CallToolAsync(1, "echo_scalars", scalars)));
    }

    [Fact]
    public async Task Duplicate_arguments_set_items_and_validation_at_depth()
    {
        await using var server = await StartAsync();
        var collections = """{"value":{"tags":["a","b","a"],"tierSet":["Pro","Pro"],"counts":{"x":1,"x":2},"grid":[[1],["two"]]}}""";
        Assert.Equal(
            ["/value/tags/2: duplicate item; each value may appear once", "/value/tierSet/1: duplicate item; each value may appear once",
             "/value/counts/x: property given more than once", "/value/grid/1/0: expected an integer between -2147483648 and 2147483647, got a string"],
            Errors(await server.CallToolAsync(1, "echo_collections", collections)));
        Assert.Equal(
            ["/address/zip: must match the pattern ^[0-9]{5}$", "/address: argument given more than once", "/weight: must be at least 1 and at most 5, got 9"],
            Errors(await server.CallToolAsync(2, "rate", """{"address":{"street":"s","zip":"1"},"address":{},"stars":null,"weight":9}""")));
    }

    [Fact]
    public async Task Paths_deeper_than_the_inline_path_buffer_are_reported_whole()
    {
        await using var server = await StartAsync();
        var tree = "{\"name\":5}";
        for (var i = 0; i < 10; i++) tree = "{\"name\":\"n" + i + "\",\"children\":[" + tree + "]}";
        var path = "/tree" + string.Concat(Enumerable.Repeat("/children/0", 10)) + "/name";
        Assert.Equal([path + ": expected a string, got 5"], Errors(await server.CallToolAsync(1, "echo_tree", "{\"tree\":" + tree + "}")));
    }

    [Fact]
    public async Task Unknown_properties_can_be_ignored_at_every_depth()
    {
        await using var server = await StartAsync(o => o.RejectUnknownArguments = false);
        var response = await server.CallToolAsync(1, "rate", """{"address":{"street":"s","zip":"12345","floor":3,"deep":{"x":[1]}},"stars":4,"extra":1}""");
        Assert.Equal("12345|4|1", ServerHarness.Text(response));
    }

    [Fact]
    public async Task A_required_nullable_member_may_be_left_out_only_under_the_llm_friendly_style()
    {
        await using (var strict = await StartAsync())
        {
            Assert.Equal(["/stars: required argument is missing"], Errors(await strict.CallToolAsync(1, "rate", """{"address":{"street":"s","zip":"12345"}}""")));
        }
        await using var friendly = await StartAsync(o => o.SchemaStyle = SchemaStyle.LlmFriendly);
        Assert.Equal("12345|null|1", ServerHarness.Text(await friendly.CallToolAsync(1, "rate", """{"address":{"street":"s","zip":"12345"}}""")));
        var tools = (await friendly.RequestAsync(2, "tools/list")).GetProperty("result").GetProperty("tools");
        var rate = tools.EnumerateArray().Single(t => t.GetProperty("name").GetString() == "rate").GetProperty("inputSchema");
        Assert.Equal("""["address"]""", rate.GetProperty("required").GetRawText());
        Assert.Equal("""{"type":"integer","minimum":-2147483648,"maximum":2147483647}""", rate.GetProperty("properties").GetProperty("stars").GetRawText());
    }

    [Fact]
    public async Task Argument_errors_inside_user_types_can_be_json_rpc_errors()
    {
        await using var server = await StartAsync(o => o.ArgumentErrors = ErrorReporting.JsonRpcError);
        var response = await server.CallToolAsync(1, "echo_counter", """{"counter":{"count":"many"}}""");
        Assert.Equal(
            """{"code":-32602,"message":"Invalid params","data":{"details":"Invalid arguments for tool 'echo_counter'.","errors":[{"path":"/counter/count","message":"expected an integer between -2147483648 and 2147483647, got a string"}]}}""",
            ServerHarness.Error(response));
    }

    [Fact]
    public async Task Bad_input_for_a_type_routed_through_the_users_context_is_reported_at_its_path()
    {
        await using var server = await StartAsync();
        var errors = Errors(await server.CallToolAsync(1, "echo_drawing", """{"drawing":{"title":"t","shapes":[{"kind":"circle","radius":1},{"kind":"hexagon"}]}}"""));
        Assert.Single(errors);
        Assert.StartsWith("/drawing/shapes/1: cannot be read as Shape: ", errors[0]);
    }

    [Fact]
    public async Task A_null_returned_for_a_non_nullable_result_is_the_tools_error()
    {
        await using var server = await StartAsync();
        var result = (await server.CallToolAsync(1, "broken_promise", "{}")).GetProperty("result");
        Assert.True(result.GetProperty("isError").GetBoolean());
        Assert.Equal("Tool 'broken_promise' returned null, but its result type is not nullable; declare it nullable to send null.", ServerHarness.Text(await server.CallToolAsync(2, "broken_promise", "{}")));
    }
}
