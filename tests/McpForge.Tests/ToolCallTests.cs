using System.Threading.Tasks;
using McpForge.Tests.Fixtures;
using McpForge.Tests.Harness;

namespace McpForge.Tests;

/// <summary>Argument binding, result writing and tool errors, as the client sees them on the wire.</summary>
public sealed class ToolCallTests
{
    private static Task<ServerHarness> StartAsync(System.Action<McpServerOptions>? options = null) =>
        ServerHarness.StartInitializedAsync(options, b => b.AddTools<TypedTools>().AddTools<GreeterTools>().AddSingleton<IGreeter>(new Greeter()));

    [Fact]
    public async Task Every_scalar_type_binds_from_its_json_form()
    {
        await using var server = await StartAsync();
        var response = await server.CallToolAsync(1, "scalars", """
            {"s":"text","flag":true,"b":255,"sb":-128,"sh":-32768,"us":65535,"i":-5,"ui":4294967295,"l":-9223372036854775808,
             "ul":18446744073709551615,"huge":170141183460469231731687303715884105727,"f":1.5,"d":2.25e2,"m":0.1,"h":0.5,"c":"é",
             "colour":"Blue","id":"0f8fad5b-d9cb-469f-a165-70867728950e","when":"2025-11-25T14:30:00Z","whenOffset":"2025-11-25T14:30:00+01:00",
             "day":"2025-11-25","time":"14:30:05","span":"PT1H30M","link":"https://example.com/a?b=c"}
            """.ReplaceLineEndings(""));
        Assert.Equal(
            "text|True|255|-128|-32768|65535|-5|4294967295|-9223372036854775808|18446744073709551615|170141183460469231731687303715884105727|1.5|225|0.1|0.5|é|Blue|0f8fad5b-d9cb-469f-a165-70867728950e|2025-11-25T14:30:00.0000000Z|2025-11-25T14:30:00.0000000+01:00|2025-11-25|14:30:05.0000000|01:30:00|https://example.com/a?b=c",
            ServerHarness.Text(response));
    }

    [Fact]
    public async Task Integers_with_a_zero_fraction_are_integers_and_durations_take_dotnet_format_too()
    {
        await using var server = await StartAsync();
        var response = await server.CallToolAsync(1, "add", """{"a":5.0,"b":2e1}""");
        Assert.Equal("25", ServerHarness.Text(response));
    }

    [Fact]
    public async Task Collections_bind_element_by_element()
    {
        await using var server = await StartAsync();
        var response = await server.CallToolAsync(1, "collections", """{"numbers":[1,2,3],"words":["a","b"],"colours":["Red","Blue"],"weights":[0.5,0.25],"maybe":["x",null]}""");
        Assert.Equal("6|a,b|Red,Blue|0.75|x,null", ServerHarness.Text(response));
    }

    [Fact]
    public async Task Bad_elements_are_each_reported_with_their_index()
    {
        await using var server = await StartAsync();
        var response = await server.CallToolAsync(1, "collections", """{"numbers":[1,"two",3.5],"words":"not an array","colours":["Red","Purple"]}""");
        var errors = response.GetProperty("result").GetProperty("structuredContent").GetRawText();
        Assert.Equal(
            """{"errors":[{"path":"/numbers/1","message":"expected an integer between -2147483648 and 2147483647, got a string"},{"path":"/numbers/2","message":"expected an integer between -2147483648 and 2147483647, got 3.5"},{"path":"/words","message":"expected an array, got a string"},{"path":"/colours/1","message":"expected one of: Red, Green, Blue, got \"Purple\""}]}""",
            errors);
    }

    [Fact]
    public async Task Nullable_and_optional_arguments_take_null_and_defaults()
    {
        await using var server = await StartAsync();
        Assert.Equal("null|null|Green|0.5|False", ServerHarness.Text(await server.CallToolAsync(1, "optional", """{"count":null,"label":null}""")));
        Assert.Equal("3|x|Red|0.25|True", ServerHarness.Text(await server.CallToolAsync(2, "optional", """{"count":3,"label":"x","colour":"Red","ratio":0.25,"loud":true}""")));
        Assert.Equal("1|y|Green|0.5|False", ServerHarness.Text(await server.CallToolAsync(3, "optional", """{"count":1,"label":"y","colour":null,"ratio":null}""")));
    }

    [Fact]
    public async Task Missing_wrong_and_extra_arguments_are_one_tool_error_listing_each()
    {
        await using var server = await StartAsync();
        var response = await server.CallToolAsync(1, "add", """{"a":"one","c":true,"d~/x":1}""");
        Assert.Equal(
            """{"jsonrpc":"2.0","id":1,"result":{"content":[{"type":"text","text":"Invalid arguments for tool 'add':\n- /a: expected an integer between -2147483648 and 2147483647, got a string\n- /c: unknown argument; this tool accepts: a, b\n- /d~0~1x: unknown argument; this tool accepts: a, b\n- /b: required argument is missing"}],"structuredContent":{"errors":[{"path":"/a","message":"expected an integer between -2147483648 and 2147483647, got a string"},{"path":"/c","message":"unknown argument; this tool accepts: a, b"},{"path":"/d~0~1x","message":"unknown argument; this tool accepts: a, b"},{"path":"/b","message":"required argument is missing"}]},"isError":true}}""",
            response.GetRawText());
    }

    [Fact]
    public async Task Argument_errors_can_be_json_rpc_errors_instead()
    {
        await using var server = await StartAsync(o => o.ArgumentErrors = ErrorReporting.JsonRpcError);
        var response = await server.CallToolAsync(1, "add", """{"a":1,"b":null}""");
        Assert.Equal(
            """{"jsonrpc":"2.0","id":1,"error":{"code":-32602,"message":"Invalid params","data":{"details":"Invalid arguments for tool 'add'.","errors":[{"path":"/b","message":"must not be null"}]}}}""",
            response.GetRawText());
    }

    [Fact]
    public async Task Unknown_arguments_can_be_ignored()
    {
        await using var server = await StartAsync(o => o.RejectUnknownArguments = false);
        Assert.Equal("3", ServerHarness.Text(await server.CallToolAsync(1, "add", """{"a":1,"b":2,"extra":{"deep":[1,2]}}""")));
    }

    [Fact]
    public async Task Out_of_range_integers_are_errors_not_wrapped_values()
    {
        await using var server = await StartAsync();
        var response = await server.CallToolAsync(1, "add", """{"a":2147483648,"b":1.5}""");
        var text = ServerHarness.Text(response);
        Assert.Contains("/a: expected an integer between -2147483648 and 2147483647, got 2147483648", text);
        Assert.Contains("/b: expected an integer between -2147483648 and 2147483647, got 1.5", text);
    }

    [Fact]
    public async Task Missing_arguments_object_means_no_arguments()
    {
        await using var server = await StartAsync();
        Assert.Equal("""{"jsonrpc":"2.0","id":1,"result":{"content":[{"type":"text","text":"true"}]}}""",
            (await server.RequestAsync(1, "tools/call", """{"name":"truth"}""")).GetRawText());
        Assert.Equal("true", ServerHarness.Text(await server.RequestAsync(2, "tools/call", """{"name":"truth","arguments":null}""")));
    }

    [Theory]
    [InlineData("nothing", """{"content":[]}""")]
    [InlineData("nothing_async", """{"content":[]}""")]
    [InlineData("truth", """{"content":[{"type":"text","text":"true"}]}""")]
    [InlineData("colour_of", """{"content":[{"type":"text","text":"Blue"}]}""")]
    [InlineData("moment", """{"content":[{"type":"text","text":"2025-11-25T14:30:00.0000000+01:00"}]}""")]
    [InlineData("image", """{"content":[{"type":"image","data":"AQID","mimeType":"image/png"}]}""")]
    [InlineData("full", """{"content":[{"type":"text","text":"partial failure"}],"structuredContent":{"failed":2},"isError":true}""")]
    [InlineData("async_text", """{"content":[{"type":"text","text":"later"}]}""")]
    [InlineData("value_task_number", """{"content":[{"type":"text","text":"12"}]}""")]
    public async Task Each_return_kind_is_written_as_its_result(string tool, string result)
    {
        await using var server = await StartAsync();
        var response = await server.CallToolAsync(1, tool, "{}");
        Assert.Equal(result, response.GetProperty("result").GetRawText());
    }

    [Fact]
    public async Task Content_lists_keep_every_block_kind_and_annotations()
    {
        await using var server = await StartAsync();
        var response = await server.CallToolAsync(1, "blocks", "{}");
        Assert.Equal(
            """{"content":[{"type":"text","text":"hello","annotations":{"audience":["user"],"priority":0.5}},{"type":"audio","data":"BAU=","mimeType":"audio/wav"},{"type":"resource","resource":{"uri":"docs://readme","mimeType":"text/plain","text":"read me"}},{"type":"resource","resource":{"uri":"data://blob","mimeType":"application/octet-stream","blob":"/w=="}},{"type":"resource_link","uri":"docs://guide","name":"guide","mimeType":"text/markdown","size":12}]}""",
            response.GetProperty("result").GetRawText());
    }

    [Fact]
    public async Task Nullable_results_are_empty_content_when_null()
    {
        await using var server = await StartAsync();
        Assert.Equal("""{"content":[]}""", (await server.CallToolAsync(1, "maybe_number", """{"give":false}""")).GetProperty("result").GetRawText());
        Assert.Equal("7", ServerHarness.Text(await server.CallToolAsync(2, "maybe_number", """{"give":true}""")));
    }

    [Fact]
    public async Task Instance_tools_get_constructor_and_parameter_services_and_are_disposed()
    {
        await using var server = await StartAsync();
        var before = GreeterTools.Disposed;
        Assert.Equal("hi ada/hi ada", ServerHarness.Text(await server.CallToolAsync(1, "greet_service", """{"name":"ada"}""")));
        Assert.Equal(before + 1, GreeterTools.Disposed);
    }

    [Fact]
    public async Task A_missing_service_is_a_tool_error_that_names_the_type()
    {
        await using var server = await ServerHarness.StartInitializedAsync(configure: b => b.AddTools<GreeterTools>());
        var response = await server.CallToolAsync(1, "greet_service", """{"name":"ada"}""");
        Assert.True(response.GetProperty("result").GetProperty("isError").GetBoolean());
        Assert.Contains("McpForge.Tests.Fixtures.IGreeter", ServerHarness.Text(response));
    }

    [Fact]
    public async Task A_tool_that_throws_is_an_error_result_with_its_message()
    {
        await using var server = await StartAsync();
        Assert.Equal("""{"jsonrpc":"2.0","id":1,"result":{"content":[{"type":"text","text":"the disk is full"}],"isError":true}}""",
            (await server.CallToolAsync(1, "fail", "{}")).GetRawText());
    }

    [Fact]
    public async Task Tool_errors_can_be_json_rpc_errors_instead()
    {
        await using var server = await StartAsync(o => o.ToolErrors = ErrorReporting.JsonRpcError);
        Assert.Equal("""{"jsonrpc":"2.0","id":1,"error":{"code":-32000,"message":"Tool execution failed","data":{"details":"the disk is full"}}}""",
            (await server.CallToolAsync(1, "fail", "{}")).GetRawText());
    }

    [Fact]
    public async Task A_response_over_the_limit_is_an_internal_error()
    {
        await using var server = await StartAsync(o => o.MaxResponseBytes = 1000);
        var response = await server.CallToolAsync(1, "big", """{"length":5000}""");
        Assert.Equal(
            """{"code":-32603,"message":"Internal error","data":{"details":"The result of tool 'big' is over the limit of 1000 bytes (McpServerOptions.MaxResponseBytes); writing stopped there."}}""",
            ServerHarness.Error(response));
        Assert.Equal(500, ServerHarness.Text(await server.CallToolAsync(2, "big", """{"length":500}""")).Length);
    }

    [Theory]
    [InlineData("list_addresses", """{"count":500}""")] // JSON text, written to a scratch buffer first
    [InlineData("word_counts", null)]                   // structured content and its text copy
    public async Task A_serialized_result_over_the_limit_stops_while_it_is_written(string tool, string? arguments)
    {
        arguments ??= "{\"words\":[" + string.Join(",", System.Linq.Enumerable.Select(System.Linq.Enumerable.Range(0, 500), i => "\"word" + i + "\"")) + "]}";
        await using var server = await ServerHarness.StartInitializedAsync(o => o.MaxResponseBytes = 1000, b => b.AddTools<UserTypeTools>());
        Assert.Equal(
            $$$"""{"code":-32603,"message":"Internal error","data":{"details":"The result of tool '{{{tool}}}' is over the limit of 1000 bytes (McpServerOptions.MaxResponseBytes); writing stopped there."}}""",
            ServerHarness.Error(await server.CallToolAsync(1, tool, arguments)));
    }

    [Fact]
    public async Task Building_a_server_with_two_tools_of_one_name_fails()
    {
        var builder = McpServer.CreateBuilder("dup", "1").AddTools<BasicTools>().AddTools(new Generated.McpToolSet(
            [new Tools.McpTool("echo", """{"name":"echo","inputSchema":{"type":"object"}}"""u8, static (_, _) => default)], static _ => 0));
        var error = Assert.Throws<System.InvalidOperationException>(() => builder.Build());
        Assert.Equal("Two registered tools are named 'echo'. Tool names must be unique within a server.", error.Message);
    }
}
