using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using McpForge.AspNetCore.Tests.Harness;

namespace McpForge.AspNetCore.Tests;

/// <summary>
/// 2026-07-28 requests over Streamable HTTP, rung by rung of the classification ladder (reference section 5): each
/// refusal with its exact status, JSON-RPC code and the request id echoed with its JSON type; then what a served modern
/// request looks like (no session, the modern result fields) and how it shares the endpoint with a legacy session.
/// </summary>
public sealed class ModernRequestTests
{
    private static Task<McpTestHost> StartAsync() =>
        McpTestHost.StartAsync(mcp: b => b.AddTools<ModernTools>().AddTool(ModernTools.Routed()));

    private const string Discover = """{"jsonrpc":"2.0","id":1,"method":"server/discover","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}}}""";

    private const string ServerInfo = """{"name":"http-tests","version":"2.0.0"}""";

    [Fact]
    public async Task Server_discover_is_answered_statelessly_with_the_modern_fields()
    {
        await using var host = await StartAsync();
        var answer = await host.SendModernAsync(Discover);
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("application/json", answer.MediaType);
        Assert.Null(answer.SessionId);
        var json = answer.Json;
        Assert.Equal("1", json.GetProperty("id").GetRawText());
        var result = answer.Result;
        Assert.Equal("""["2026-07-28"]""", result.GetProperty("supportedVersions").GetRawText());
        Assert.Equal("complete", result.GetProperty("resultType").GetString());
        Assert.Equal(0, result.GetProperty("ttlMs").GetInt64());
        Assert.Equal("private", result.GetProperty("cacheScope").GetString());
        Assert.Equal(ServerInfo, result.GetProperty("_meta").GetProperty("io.modelcontextprotocol/serverInfo").GetRawText());
        Assert.True(result.GetProperty("capabilities").TryGetProperty("tools", out _), answer.Body);
        Assert.False(result.TryGetProperty("serverInfo", out _)); // spec PR #3002: identity travels in _meta only
        Assert.False(result.TryGetProperty("protocolVersion", out _));
    }

    [Fact]
    public async Task A_modern_claim_without_the_version_header_is_a_header_mismatch()
    {
        await using var host = await StartAsync();
        var answer = await host.SendModernAsync(Discover, h => h.Set("MCP-Protocol-Version", null));
        var error = answer.AssertError(HttpStatusCode.BadRequest, -32020, "1");
        Assert.Contains("MCP-Protocol-Version header is required", error.GetProperty("data").GetProperty("details").GetString());
    }

    public static TheoryData<string, string, string> MalformedMeta => new()
    {
        // id (raw JSON), params (raw JSON), what the details name
        { "1", """{}""", "no \"_meta\"" },
        { "\"no-params\"", "", "has no params" },
        { "2", """{"_meta":[]}""", "\"params._meta\" must be an object" },
        { "3", """{"_meta":{"io.modelcontextprotocol/clientCapabilities":{}}}""", "protocolVersion\" is required" },
        { "\"4\"", """{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28"}}""", "clientCapabilities\" is required" },
        { "5", """{"_meta":{"io.modelcontextprotocol/protocolVersion":20260728,"io.modelcontextprotocol/clientCapabilities":{}}}""", "protocolVersion\" must be a string" },
        { "6", """{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":[]}}""", "clientCapabilities\" must be an object" },
        { "7", """{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{},"io.modelcontextprotocol/clientInfo":"me"}}""", "clientInfo\" must be an object" },
        { "8", """{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{},"io.modelcontextprotocol/clientInfo":{"name":"x"}}}""", "clientInfo\" must be an object" },
        { "9", """{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{},"io.modelcontextprotocol/logLevel":"loud"}}""", "logLevel\" must be one of" },
        { "10", """{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{},"progressToken":{"a":1}}}""", "progressToken\" must be a string or an integer" },
    };

    [Theory]
    [MemberData(nameof(MalformedMeta))]
    public async Task Missing_or_mistyped_meta_is_400_invalid_params_with_the_id_echoed(string id, string @params, string details)
    {
        await using var host = await StartAsync();
        var body = "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"server/discover\"" + (@params.Length > 0 ? ",\"params\":" + @params : "") + "}";
        var answer = await host.SendModernAsync(body); // the header says 2026-07-28: the request is modern whatever its body
        var error = answer.AssertError(HttpStatusCode.BadRequest, -32602, id);
        Assert.Contains(details, error.GetProperty("data").GetProperty("details").GetString());
    }

    [Fact]
    public async Task A_header_that_differs_from_meta_is_a_mismatch_and_wins_over_an_unsupported_version()
    {
        await using var host = await StartAsync();
        var differs = await host.SendModernAsync(Modern.Request("\"d\"", "tools/list", capabilities: "{}"), h => h.Set("MCP-Protocol-Version", "2026-07-29"));
        differs.AssertError(HttpStatusCode.BadRequest, -32020, "\"d\"");

        // Header 2026-07-28, _meta v999.0.0: both wrong in a way, but the mismatch is reported (the conformance suite's order).
        var body = Discover.Replace("\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\"", "\"io.modelcontextprotocol/protocolVersion\":\"v999.0.0\"");
        var mismatch = await host.SendModernAsync(body, h => h.Set("MCP-Protocol-Version", "2026-07-28"));
        var error = mismatch.AssertError(HttpStatusCode.BadRequest, -32020, "1");
        Assert.Contains("'2026-07-28' differs from", error.GetProperty("data").GetProperty("details").GetString());
    }

    [Fact]
    public async Task An_unsupported_version_is_400_and_names_what_is_served_and_what_was_asked()
    {
        await using var host = await StartAsync();
        var body = Discover.Replace("\"2026-07-28\"", "\"v999.0.0\"");
        var answer = await host.SendModernAsync(body);
        var error = answer.AssertError(HttpStatusCode.BadRequest, -32022, "1");
        Assert.Equal("""["2026-07-28"]""", error.GetProperty("data").GetProperty("supported").GetRawText());
        Assert.Equal("v999.0.0", error.GetProperty("data").GetProperty("requested").GetString());
    }

    [Fact]
    public async Task A_modern_claim_naming_a_session_version_is_unsupported_per_request()
    {
        await using var host = await StartAsync();
        var body = Discover.Replace("\"2026-07-28\"", "\"2025-11-25\"");
        var answer = await host.SendModernAsync(body);
        var error = answer.AssertError(HttpStatusCode.BadRequest, -32022, "1");
        Assert.Equal("""["2026-07-28"]""", error.GetProperty("data").GetProperty("supported").GetRawText());
        Assert.Equal("2025-11-25", error.GetProperty("data").GetProperty("requested").GetString());
        Assert.Contains("reached through initialize", error.GetProperty("data").GetProperty("details").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("tools/call")]
    [InlineData("Tools/List")]
    [InlineData("tools/list ,tools/list")]
    public async Task Mcp_method_missing_or_different_is_a_header_mismatch(string? header)
    {
        await using var host = await StartAsync();
        var answer = await host.SendModernAsync(Modern.Request("11", "tools/list"), h => h.Set("Mcp-Method", header));
        answer.AssertError(HttpStatusCode.BadRequest, -32020, "11");
    }

    [Theory]
    [InlineData("mcp-method", "mcp-protocol-version")]
    [InlineData("MCP-METHOD", "MCP-PROTOCOL-VERSION")]
    [InlineData("mCp-MeThOd", "Mcp-Protocol-Version")]
    public async Task Header_names_are_case_insensitive(string methodHeader, string versionHeader)
    {
        await using var host = await StartAsync();
        var answer = await host.SendModernAsync(Modern.Request("12", "tools/list"), h =>
        {
            h.Set("Mcp-Method", null);
            h.Set("MCP-Protocol-Version", null);
            h.Set(methodHeader, "tools/list");
            h.Set(versionHeader, Modern.Version);
        });
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("complete", answer.Result.GetProperty("resultType").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("ECHO")]
    [InlineData("steps")]
    [InlineData("=?base64?ZWNobw?=")]     // "echo" without its padding
    [InlineData("=?base64?ZW*obw==?=")]   // a character outside the alphabet
    [InlineData("=?base64?c3RlcHM=?=")]   // "steps", well encoded: still another name
    public async Task Mcp_name_missing_different_or_undecodable_is_a_header_mismatch(string? header)
    {
        await using var host = await StartAsync();
        var answer = await host.SendModernAsync(Modern.Call("13", "echo", """{"message":"hi"}"""), h => h.Set("Mcp-Name", header));
        answer.AssertError(HttpStatusCode.BadRequest, -32020, "13");
    }

    [Theory]
    [InlineData("echo")]
    [InlineData("  echo\t")]
    [InlineData("=?base64?ZWNobw==?=")]
    [InlineData(" =?base64?ZWNobw==?= ")]
    public async Task Mcp_name_with_surrounding_whitespace_or_base64_is_accepted(string header)
    {
        await using var host = await StartAsync();
        var answer = await host.SendModernAsync(Modern.Call("14", "echo", """{"message":"hi"}"""), h => h.Set("Mcp-Name", header));
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("hi", answer.Result.GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Theory]
    // The envelope notes params.name as it reads the message when the method comes first; otherwise the header check reads
    // params itself. Both ways give the same answers.
    [InlineData("""{"jsonrpc":"2.0","id":16,"method":"tools/call","params":{"name":"echo","arguments":{"message":"hi"},META}}""", "echo", true)]
    [InlineData("""{"jsonrpc":"2.0","id":16,"params":{"name":"echo","arguments":{"message":"hi"},META},"method":"tools/call"}""", "echo", true)]
    [InlineData("""{"jsonrpc":"2.0","id":16,"params":{"name":"echo","arguments":{"message":"hi"},META},"method":"tools/call"}""", "steps", false)]
    [InlineData("""{"jsonrpc":"2.0","id":16,"method":"tools/call","params":{"name":"ech\u006f","arguments":{"message":"hi"},META}}""", "echo", true)]
    [InlineData("""{"jsonrpc":"2.0","id":16,"method":"tools/call","params":{"name":"ech\u006f","arguments":{"message":"hi"},META}}""", "ech\\u006f", false)]
    [InlineData("""{"jsonrpc":"2.0","id":16,"method":"tools/call","params":{"name":"steps","name":"echo","arguments":{"message":"hi"},META}}""", "echo", true)]
    [InlineData("""{"jsonrpc":"2.0","id":16,"method":"tools/call","params":{"name":"steps","name":"echo","arguments":{"message":"hi"},META}}""", "steps", false)]
    public async Task Mcp_name_is_compared_with_the_name_the_tool_is_called_by(string json, string header, bool accepted)
    {
        await using var host = await StartAsync();
        var body = json.Replace("META", Modern.Meta(), System.StringComparison.Ordinal);
        var answer = await host.SendModernAsync(body, h => h.Set("Mcp-Name", header));
        if (!accepted)
        {
            answer.AssertError(HttpStatusCode.BadRequest, -32020, "16");
            return;
        }
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("hi", answer.Result.GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Mcp_name_of_resources_read_repeats_the_uri()
    {
        await using var host = await StartAsync();
        var read = Modern.Request("15", "resources/read", """{"uri":"notes://one"}""");
        Assert.Equal(HttpStatusCode.OK, (await host.SendModernAsync(read)).Status);
        (await host.SendModernAsync(read, h => h.Set("Mcp-Name", "notes://two"))).AssertError(HttpStatusCode.BadRequest, -32020, "15");
        (await host.SendModernAsync(read, h => h.Set("Mcp-Name", null))).AssertError(HttpStatusCode.BadRequest, -32020, "15");
    }

    [Theory]
    [InlineData("""{"region":"eu-west"}""", "eu-west", null, "region=eu-west")]
    [InlineData("""{"region":"eu-west"}""", "=?base64?ZXUtd2VzdA==?=", null, "region=eu-west")]
    [InlineData("""{"region":"=?base64?ZXUtd2VzdA=="}""", "=?base64?ZXUtd2VzdA==", null, "region==?base64?ZXUtd2VzdA==")] // no suffix: literal
    [InlineData("""{"region":"ZXUtd2VzdA==?="}""", "ZXUtd2VzdA==?=", null, "region=ZXUtd2VzdA==?=")]                     // no prefix: literal
    [InlineData("""{"region":"eu","count":3}""", "eu", "3", "region=eu count=3")]
    [InlineData("""{"region":"eu","count":3}""", "eu", "3.0", "region=eu count=3")]                                       // numbers by value
    [InlineData("""{"region":"eu","count":3}""", "eu", " 3 ", "region=eu count=3")]
    [InlineData("""{"region":"eu","count":null}""", "eu", null, "region=eu count=null")]                                 // null needs no header
    public async Task Mcp_param_headers_that_agree_with_the_body_are_accepted(string arguments, string region, string? count, string text)
    {
        await using var host = await StartAsync();
        var answer = await host.SendModernAsync(Modern.Call("\"p\"", "routed", arguments), h =>
        {
            h.Set("Mcp-Param-Region", region);
            h.Set("Mcp-Param-Count", count);
        });
        Assert.True(answer.Status == HttpStatusCode.OK, answer.Body);
        Assert.Equal(text, answer.Result.GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Theory]
    [InlineData("""{"region":"eu-west"}""", null, null)]                          // missing while the body has a value
    [InlineData("""{"region":"eu-west"}""", "eu-east", null)]                     // different
    [InlineData("""{"region":"eu-west"}""", "EU-WEST", null)]                     // values are case-sensitive
    [InlineData("""{"region":"eu-west"}""", "=?base64?ZXUtd2VzdA?=", null)]       // bad padding
    [InlineData("""{"region":"eu-west"}""", "=?base64?ZXUtd2V$dA==?=", null)]     // not in the alphabet
    [InlineData("""{"region":"eu-west"}""", "=?BASE64?ZXUtd2VzdA==?=", null)]     // markers are case-sensitive: literal, and different
    [InlineData("""{"region":"eu","count":3}""", "eu", "4")]
    [InlineData("""{"region":"eu","count":3}""", "eu", null)]
    [InlineData("""{"region":"eu","count":3}""", "eu", "three")]
    [InlineData("""{"region":"eu"}""", "eu", "3")]                                // a header for an argument the body lacks
    public async Task Mcp_param_headers_missing_different_or_malformed_are_a_header_mismatch(string arguments, string? region, string? count)
    {
        await using var host = await StartAsync();
        var answer = await host.SendModernAsync(Modern.Call("21", "routed", arguments), h =>
        {
            h.Set("Mcp-Param-Region", region);
            h.Set("Mcp-Param-Count", count);
        });
        var error = answer.AssertError(HttpStatusCode.BadRequest, -32020, "21");
        Assert.Contains("Mcp-Param-", error.GetProperty("data").GetProperty("details").GetString());
    }

    [Fact]
    public async Task A_generated_tool_lists_its_McpHeader_arguments_as_x_mcp_header()
    {
        await using var host = await StartAsync();
        var answer = await host.SendModernAsync(Modern.Request("1", "tools/list"));
        var tool = answer.Result.GetProperty("tools").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "routed_sql");
        Assert.Equal(
            """{"type":"object","properties":{"region":{"type":"string","x-mcp-header":"Region"},"query":{"type":"string"},"shard":{"type":"integer","minimum":-2147483648,"maximum":2147483647,"x-mcp-header":"Shard"}},"required":["region","query"],"additionalProperties":false}""",
            tool.GetProperty("inputSchema").GetRawText());
    }

    [Theory]
    [InlineData("""{"region":"eu-west","query":"select 1"}""", "eu-west", null, "select 1 in eu-west")]
    [InlineData("""{"region":"eu-west","query":"select 1"}""", "=?base64?ZXUtd2VzdA==?=", null, "select 1 in eu-west")]
    [InlineData("""{"region":"zürich","query":"q","shard":7}""", "=?base64?esO8cmljaA==?=", "7", "q in zürich on shard 7")]
    [InlineData("""{"region":"eu","query":"q","shard":7}""", "eu", " 7 ", "q in eu on shard 7")]
    public async Task A_generated_tool_accepts_Mcp_param_headers_that_agree_with_the_body(string arguments, string region, string? shard, string text)
    {
        await using var host = await StartAsync();
        var answer = await host.SendModernAsync(Modern.Call("5", "routed_sql", arguments), h =>
        {
            h.Set("Mcp-Param-Region", region);
            h.Set("Mcp-Param-Shard", shard);
        });
        Assert.True(answer.Status == HttpStatusCode.OK, answer.Body);
        Assert.Equal(text, answer.Result.GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Theory]
    [InlineData("eu-east", null, "The Mcp-Param-Region header 'eu-east' differs from the argument 'region' (\"eu-west\").")]
    [InlineData("=?base64?ZXUtZWFzdA==?=", null, "The Mcp-Param-Region header 'eu-east' differs from the argument 'region' (\"eu-west\").")]
    [InlineData(null, null, "The Mcp-Param-Region header is required: it repeats the argument 'region' of tool 'routed_sql'.")]
    [InlineData("eu-west", "3", "The Mcp-Param-Shard header '3' differs from the argument 'shard' (absent).")]
    public async Task A_generated_tool_refuses_a_missing_or_different_Mcp_param_header_with_400_header_mismatch(string? region, string? shard, string details)
    {
        await using var host = await StartAsync();
        var answer = await host.SendModernAsync(Modern.Call("6", "routed_sql", """{"region":"eu-west","query":"select 1"}"""), h =>
        {
            h.Set("Mcp-Param-Region", region);
            h.Set("Mcp-Param-Shard", shard);
        });
        var error = answer.AssertError(HttpStatusCode.BadRequest, -32020, "6");
        Assert.Equal("Header mismatch", error.GetProperty("message").GetString());
        Assert.Equal(details, error.GetProperty("data").GetProperty("details").GetString());
    }

    [Theory]
    [InlineData("initialize")]
    [InlineData("ping")]
    [InlineData("logging/setLevel")]
    [InlineData("resources/subscribe")]
    [InlineData("resources/unsubscribe")]
    [InlineData("tasks/get")]
    [InlineData("tasks/list")]
    [InlineData("notifications/initialized")]
    [InlineData("no/such/method")]
    public async Task Removed_and_unknown_methods_are_404_method_not_found(string method)
    {
        await using var host = await StartAsync();
        var answer = await host.SendModernAsync(Modern.Request("\"r\"", method, """{"uri":"notes://one"}"""));
        var error = answer.AssertError(HttpStatusCode.NotFound, -32601, "\"r\"");
        Assert.Equal(method, error.GetProperty("data").GetProperty("method").GetString());
    }

    [Fact]
    public async Task A_tool_that_needs_an_undeclared_capability_is_400_missing_required_client_capability()
    {
        await using var host = await StartAsync();
        var answer = await host.SendModernAsync(Modern.Call("31", "ask", """{"question":"?"}""", capabilities: "{}"));
        var error = answer.AssertError(HttpStatusCode.BadRequest, -32021, "31");
        Assert.Equal("""{"sampling":{}}""", error.GetProperty("data").GetProperty("requiredCapabilities").GetRawText());

        var elicit = await host.SendModernAsync(Modern.Call("\"32\"", "greet", """{"salutation":"Hi"}""", capabilities: """{"sampling":{}}"""));
        error = elicit.AssertError(HttpStatusCode.BadRequest, -32021, "\"32\"");
        Assert.Equal("""{"elicitation":{}}""", error.GetProperty("data").GetProperty("requiredCapabilities").GetRawText());
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("DELETE")]
    public async Task Get_and_delete_naming_the_modern_version_are_405(string verb)
    {
        await using var host = await StartAsync();
        using var request = new HttpRequestMessage(new HttpMethod(verb), host.Endpoint);
        request.Headers.TryAddWithoutValidation("Accept", "text/event-stream");
        request.Headers.TryAddWithoutValidation("MCP-Protocol-Version", Modern.Version);
        using var response = await host.SendAsync(request);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.False(response.Headers.Contains("Mcp-Session-Id"));
    }

    [Fact]
    public async Task A_session_id_on_a_modern_request_is_ignored_never_echoed_nor_minted()
    {
        await using var host = await StartAsync();
        var unknown = await host.SendModernAsync(Discover, h => h.Set("Mcp-Session-Id", "0123456789abcdef0123456789abcdef"));
        Assert.Equal(HttpStatusCode.OK, unknown.Status); // an unknown session would be 404 on the legacy path
        Assert.Null(unknown.SessionId);

        var session = await host.InitializeAsync();
        var live = await host.SendModernAsync(Modern.Request("2", "tools/list"), h => h.Set("Mcp-Session-Id", session));
        Assert.Equal(HttpStatusCode.OK, live.Status);
        Assert.Null(live.SessionId);
        Assert.Equal("complete", live.Result.GetProperty("resultType").GetString()); // served as modern, not in the session

        // The modern calls left the session as it was.
        var legacy = await host.RequestAsync(session, """{"jsonrpc":"2.0","id":3,"method":"tools/list"}""");
        Assert.False(legacy.GetProperty("result").TryGetProperty("resultType", out _));
    }

    [Fact]
    public async Task A_modern_notification_is_accepted_with_202_and_no_body()
    {
        await using var host = await StartAsync();
        using var request = host.PostModern("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{" + Modern.Meta() + ",\"requestId\":99}}");
        using var response = await host.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        Assert.False(response.Headers.Contains("Mcp-Session-Id"));
    }

    [Fact]
    public async Task A_response_body_with_the_modern_header_is_400()
    {
        await using var host = await StartAsync();
        var answer = await host.SendModernAsync("""{"jsonrpc":"2.0","id":5,"result":{}}""");
        answer.AssertError(HttpStatusCode.BadRequest, -32600, "5");
        var error = await host.SendModernAsync("""{"jsonrpc":"2.0","id":"e","error":{"code":-1,"message":"no"}}""");
        error.AssertError(HttpStatusCode.BadRequest, -32600, "\"e\"");
    }

    [Fact]
    public async Task Both_eras_interleave_on_one_endpoint_and_neither_disturbs_the_other()
    {
        await using var host = await StartAsync();
        var session = await host.InitializeAsync();
        for (var i = 0; i < 3; i++)
        {
            var modern = await host.SendModernAsync(Modern.Call((10 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), "echo", """{"message":"modern"}"""));
            Assert.Equal(HttpStatusCode.OK, modern.Status);
            Assert.Null(modern.SessionId);
            Assert.Equal("complete", modern.Result.GetProperty("resultType").GetString());
            Assert.Equal(ServerInfo, modern.Result.GetProperty("_meta").GetProperty("io.modelcontextprotocol/serverInfo").GetRawText());

            var legacy = await host.RequestAsync(session, "{\"jsonrpc\":\"2.0\",\"id\":" + (20 + i) + ",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"legacy\"}}}");
            Assert.Equal("{\"jsonrpc\":\"2.0\",\"id\":" + (20 + i) + ",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"legacy\"}]}}", legacy.GetRawText());
        }
        // What only a session can do still works in it: a ping, logging/setLevel, resources/subscribe.
        Assert.Equal("""{"jsonrpc":"2.0","id":30,"result":{}}""", (await host.RequestAsync(session, """{"jsonrpc":"2.0","id":30,"method":"ping"}""")).GetRawText());
        Assert.Equal("""{"jsonrpc":"2.0","id":31,"result":{}}""", (await host.RequestAsync(session, """{"jsonrpc":"2.0","id":31,"method":"logging/setLevel","params":{"level":"debug"}}""")).GetRawText());
        Assert.Equal("""{"jsonrpc":"2.0","id":32,"result":{}}""", (await host.RequestAsync(session, """{"jsonrpc":"2.0","id":32,"method":"resources/subscribe","params":{"uri":"notes://one"}}""")).GetRawText());
        // And a session request without the session header is still the legacy error, not a modern one.
        using var orphan = await host.SendAsync(host.Post("""{"jsonrpc":"2.0","id":33,"method":"tools/list"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, orphan.StatusCode);
        Assert.Equal(-32600, JsonDocument.Parse(await orphan.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Cache_hints_are_on_lists_discover_and_reads_and_nowhere_else()
    {
        await using var host = await McpTestHost.StartAsync(mcp: b =>
        {
            b.AddTools<ModernTools>();
            b.Options.CacheTtl = System.TimeSpan.FromSeconds(30);
            b.Options.CacheScope = McpCacheScope.Public;
        });
        foreach (var method in new[] { "tools/list", "resources/list", "resources/templates/list" })
        {
            var list = (await host.SendModernAsync(Modern.Request("1", method))).Result;
            Assert.Equal("complete", list.GetProperty("resultType").GetString());
            Assert.Equal(30000, list.GetProperty("ttlMs").GetInt64());
            Assert.Equal("public", list.GetProperty("cacheScope").GetString());
            Assert.Equal(ServerInfo, list.GetProperty("_meta").GetProperty("io.modelcontextprotocol/serverInfo").GetRawText());
        }
        var read = (await host.SendModernAsync(Modern.Request("2", "resources/read", """{"uri":"notes://one"}"""))).Result;
        Assert.Equal("""[{"uri":"notes://one","mimeType":"text/plain","text":"one"}]""", read.GetProperty("contents").GetRawText());
        Assert.Equal(30000, read.GetProperty("ttlMs").GetInt64());
        Assert.Equal("public", read.GetProperty("cacheScope").GetString());

        var call = (await host.SendModernAsync(Modern.Call("3", "echo", """{"message":"x"}"""))).Result;
        Assert.Equal("complete", call.GetProperty("resultType").GetString());
        Assert.False(call.TryGetProperty("ttlMs", out _));
        Assert.False(call.TryGetProperty("cacheScope", out _));

        var ask = (await host.SendModernAsync(Modern.Call("4", "greet", """{"salutation":"Hi"}""", capabilities: """{"elicitation":{}}"""))).Result;
        Assert.Equal("input_required", ask.GetProperty("resultType").GetString());
        Assert.False(ask.TryGetProperty("ttlMs", out _));
        Assert.False(ask.TryGetProperty("cacheScope", out _));

        // The same lists in a legacy session carry none of the 2026-07-28 fields.
        var session = await host.InitializeAsync();
        var legacy = await host.RequestAsync(session, """{"jsonrpc":"2.0","id":5,"method":"resources/read","params":{"uri":"notes://one"}}""");
        Assert.Equal("""{"jsonrpc":"2.0","id":5,"result":{"contents":[{"uri":"notes://one","mimeType":"text/plain","text":"one"}]}}""", legacy.GetRawText());
    }

    [Fact]
    public async Task A_missing_resource_is_invalid_params_naming_the_uri_in_band()
    {
        await using var host = await StartAsync();
        var answer = await host.SendModernAsync(Modern.Request("\"nf\"", "resources/read", """{"uri":"notes://missing"}"""));
        var error = answer.AssertError(HttpStatusCode.OK, -32602, "\"nf\"");
        Assert.Equal("notes://missing", error.GetProperty("data").GetProperty("uri").GetString());
    }

    [Fact]
    public async Task Progress_of_a_modern_call_streams_without_event_ids_or_priming_and_logs_only_at_the_level_asked()
    {
        await using var host = await StartAsync();
        var progressOnly = await ReadEventsAsync(host, Modern.Call("40", "steps", more: null).Replace("\"_meta\":{", "\"_meta\":{\"progressToken\":\"t\","));
        Assert.Equal(
            [
                """{"jsonrpc":"2.0","method":"notifications/progress","params":{"progressToken":"t","progress":1,"total":2}}""",
                """{"jsonrpc":"2.0","method":"notifications/progress","params":{"progressToken":"t","progress":2,"total":2}}""",
                """{"jsonrpc":"2.0","id":40,"result":{"content":[{"type":"text","text":"done"}],"resultType":"complete","_meta":{"io.modelcontextprotocol/serverInfo":{"name":"http-tests","version":"2.0.0"}}}}""",
            ],
            progressOnly.Select(e => e.Data).ToArray());
        Assert.All(progressOnly, e => Assert.Null(e.Id));
        Assert.All(progressOnly, e => Assert.Null(e.Retry));

        var withLog = await ReadEventsAsync(host, Modern.Request("41", "tools/call", """{"name":"steps","arguments":{}}""",
            metaExtra: "\"progressToken\":7,\"io.modelcontextprotocol/logLevel\":\"info\""));
        Assert.Equal(
            [
                """{"jsonrpc":"2.0","method":"notifications/progress","params":{"progressToken":7,"progress":1,"total":2}}""",
                """{"jsonrpc":"2.0","method":"notifications/message","params":{"level":"info","data":"half way"}}""",
                """{"jsonrpc":"2.0","method":"notifications/progress","params":{"progressToken":7,"progress":2,"total":2}}""",
                """{"jsonrpc":"2.0","id":41,"result":{"content":[{"type":"text","text":"done"}],"resultType":"complete","_meta":{"io.modelcontextprotocol/serverInfo":{"name":"http-tests","version":"2.0.0"}}}}""",
            ],
            withLog.Select(e => e.Data).ToArray());

        var quieter = await ReadEventsAsync(host, Modern.Request("42", "tools/call", """{"name":"steps","arguments":{}}""",
            metaExtra: "\"io.modelcontextprotocol/logLevel\":\"warning\""));
        Assert.Single(quieter); // no progress token, and info is below warning: the result alone
        Assert.Contains("\"id\":42", quieter[0].Data);
    }

    private static async Task<System.Collections.Generic.List<SseEvent>> ReadEventsAsync(McpTestHost host, string json)
    {
        using var request = host.PostModern(json);
        using var response = await host.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Mcp-Session-Id"));
        var media = response.Content.Headers.ContentType?.MediaType;
        if (media == "application/json") return [new SseEvent(null, null, await response.Content.ReadAsStringAsync())];
        Assert.Equal("text/event-stream", media);
        using var reader = new SseReader(await response.Content.ReadAsStreamAsync());
        return await reader.ReadToEndAsync();
    }
}
