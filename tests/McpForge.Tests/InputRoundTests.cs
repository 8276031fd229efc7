using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using McpForge.Tests.Harness;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace McpForge.Tests;

/// <summary>
/// Multi round-trip requests (MCP 2026-07-28): a handler's asks end its run with <c>input_required</c>, the client's retry
/// brings the answers and the sealed state, and the same handler code serves a 2025-11-25 session with real requests.
/// </summary>
public sealed class InputRoundTests
{
    private const string AllCapabilities = """{"elicitation":{},"sampling":{},"roots":{}}""";
    private const string Ada = """{"action":"accept","content":{"name":"Ada"}}""";

    private static ServerHarness Start(Action<McpServerOptions>? options = null, Action<McpServerBuilder>? configure = null) =>
        ServerHarness.Start(b =>
        {
            b.AddTools<Fixtures.InputTools>();
            configure?.Invoke(b);
            options?.Invoke(b.Options);
        });

    private static string Call(string tool, string arguments = "{}", string? responses = null, string? state = null) =>
        $"\"name\":\"{tool}\",\"arguments\":{arguments}"
        + (responses is null ? "" : ",\"inputResponses\":" + responses)
        + (state is null ? "" : ",\"requestState\":" + JsonSerializer.Serialize(state));

    /// <summary>The result of an <c>input_required</c> response, checked for its fixed shape, and its sealed state.</summary>
    private static (JsonElement Requests, string State) InputRequired(JsonElement response)
    {
        var result = response.GetProperty("result");
        Assert.Equal(["inputRequests", "requestState", "resultType", "_meta"], result.EnumerateObject().Select(p => p.Name));
        Assert.Equal("input_required", result.GetProperty("resultType").GetString());
        return (result.GetProperty("inputRequests"), result.GetProperty("requestState").GetString()!);
    }

    [Fact]
    public async Task An_ask_ends_the_run_with_input_required_and_the_retry_with_the_answer_completes()
    {
        await using var server = Start();
        var (requests, state) = InputRequired(await server.ModernAsync(1, "tools/call", Call("ask_name"), AllCapabilities));
        Assert.Equal(
            """{"elicitation-1":{"method":"elicitation/create","params":{"mode":"form","message":"Your name?","requestedSchema":{"type":"object","properties":{"name":{"type":"string"}},"required":["name"]}}}}""",
            requests.GetRawText());
        Assert.Matches("^[A-Za-z0-9_-]+$", state); // base64url: safe in JSON and headers

        var done = await server.ModernAsync(2, "tools/call", Call("ask_name", responses: "{\"elicitation-1\":" + Ada + "}", state: state), AllCapabilities);
        Assert.Equal("Hello, Ada", ServerHarness.Text(done));
        Assert.Equal("complete", done.GetProperty("result").GetProperty("resultType").GetString());
    }

    [Fact]
    public async Task A_handler_runs_again_up_to_its_asks_on_each_retry()
    {
        await using var server = Start();
        var (started, finished) = (Fixtures.InputTools.StartedRuns, Fixtures.InputTools.FinishedRuns);
        var (_, state) = InputRequired(await server.ModernAsync(1, "tools/call", Call("ask_name"), AllCapabilities));
        await server.ModernAsync(2, "tools/call", Call("ask_name", responses: "{\"elicitation-1\":" + Ada + "}", state: state), AllCapabilities);
        Assert.Equal((started + 2, finished + 1), (Fixtures.InputTools.StartedRuns, Fixtures.InputTools.FinishedRuns));
    }

    [Fact]
    public async Task Asks_one_after_the_other_take_one_round_each_and_every_round_has_a_new_state()
    {
        await using var server = Start();
        var (first, state1) = InputRequired(await server.ModernAsync(1, "tools/call", Call("ask_twice"), AllCapabilities));
        Assert.Equal(["elicitation-1"], first.EnumerateObject().Select(p => p.Name));
        var (second, state2) = InputRequired(await server.ModernAsync(2, "tools/call",
            Call("ask_twice", responses: "{\"elicitation-1\":" + Ada + "}", state: state1), AllCapabilities));
        Assert.Equal(["elicitation-2"], second.EnumerateObject().Select(p => p.Name));
        Assert.NotEqual(state1, state2);
        // The state carries the first answer: the last round sends only the second.
        var done = await server.ModernAsync(3, "tools/call",
            Call("ask_twice", responses: """{"elicitation-2":{"action":"accept","content":{"name":"Grace"}}}""", state: state2), AllCapabilities);
        Assert.Equal("Ada/Grace", ServerHarness.Text(done));
    }

    [Fact]
    public async Task Several_asks_at_once_travel_in_one_round()
    {
        await using var server = Start();
        var (requests, state) = InputRequired(await server.ModernAsync(1, "tools/call", Call("ask_all"), AllCapabilities));
        Assert.Equal([("who", "elicitation/create"), ("model", "sampling/createMessage"), ("roots", "roots/list")],
            requests.EnumerateObject().Select(p => (p.Name, p.Value.GetProperty("method").GetString())));
        Assert.Equal("""{"method":"roots/list","params":{}}""", requests.GetProperty("roots").GetRawText());
        var done = await server.ModernAsync(2, "tools/call", Call("ask_all", responses:
            "{\"who\":" + Ada + ""","model":{"role":"assistant","content":{"type":"text","text":"Hello"},"model":"m"},"roots":{"roots":[{"uri":"file:///a"},{"uri":"file:///b"}]}}""",
            state: state), AllCapabilities);
        Assert.Equal("Ada|Hello|2", ServerHarness.Text(done));
    }

    [Fact]
    public async Task A_handler_that_catches_the_signal_still_gets_its_round()
    {
        await using var server = Start();
        var (requests, _) = InputRequired(await server.ModernAsync(1, "tools/call", Call("ask_and_swallow"), AllCapabilities));
        Assert.Equal(["elicitation-1"], requests.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task A_handler_with_its_own_state_gets_it_back_sealed_with_the_answers()
    {
        await using var server = Start();
        var (requests, state) = InputRequired(await server.ModernAsync(1, "tools/call", Call("own_state", """{"topic":"tea"}"""), AllCapabilities));
        Assert.Equal(["q"], requests.EnumerateObject().Select(p => p.Name));
        Assert.DoesNotContain("asked", Encoding.UTF8.GetString(Base64Url.DecodeFromChars(state)), StringComparison.Ordinal); // sealed: the client cannot read it
        var done = await server.ModernAsync(2, "tools/call", Call("own_state", """{"topic":"tea"}""", "{\"q\":" + Ada + "}", state), AllCapabilities);
        Assert.Equal("tea: Ada", ServerHarness.Text(done));
    }

    [Fact]
    public async Task A_missing_answer_is_asked_again_and_unknown_keys_are_ignored()
    {
        await using var server = Start();
        var (_, state) = InputRequired(await server.ModernAsync(1, "tools/call", Call("ask_name"), AllCapabilities));
        var (again, _) = InputRequired(await server.ModernAsync(2, "tools/call", Call("ask_name", responses: "{\"wrong_key\":" + Ada + "}", state: state), AllCapabilities));
        Assert.Equal(["elicitation-1"], again.EnumerateObject().Select(p => p.Name));
        var done = await server.ModernAsync(3, "tools/call",
            Call("ask_name", responses: "{\"elicitation-1\":" + Ada + ",\"extra\":{\"anything\":1}}", state: state), AllCapabilities);
        Assert.Equal("Hello, Ada", ServerHarness.Text(done));
    }

    [Theory]
    [InlineData("null", "\"inputResponses\" must be an object: the client's answers by the keys of the inputRequests it was sent.")]
    [InlineData("[]", "\"inputResponses\" must be an object: the client's answers by the keys of the inputRequests it was sent.")]
    [InlineData("{\"elicitation-1\":12345}", "inputResponses[\"elicitation-1\"] must be the result of 'elicitation/create' (an object).")]
    [InlineData("{\"elicitation-1\":{\"action\":\"maybe\"}}", "inputResponses[\"elicitation-1\"] must be an ElicitResult, whose \"action\" is accept, decline or cancel.")]
    public async Task Answers_that_are_not_answers_are_invalid_params(string responses, string details)
    {
        await using var server = Start();
        var (_, state) = InputRequired(await server.ModernAsync(1, "tools/call", Call("ask_name"), AllCapabilities));
        var error = ServerHarness.Error(await server.ModernAsync(2, "tools/call", Call("ask_name", responses: responses, state: state), AllCapabilities));
        Assert.Equal("{\"code\":-32602,\"message\":\"Invalid params\",\"data\":{\"details\":" + JsonSerializer.Serialize(details, JsonOptions) + "}}", error);
        // Without a state the answer is checked when the handler reads it: still invalid params, never a result.
        var stateless = ServerHarness.Error(await server.ModernAsync(3, "tools/call", Call("ask_name", responses: responses), AllCapabilities));
        Assert.StartsWith("{\"code\":-32602,", stateless);
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Theory]
    [InlineData("TAMPERED", "The requestState is not one this server issued, or it was changed.")]
    [InlineData("TRUNCATED", "The requestState is not one this server issued, or it was changed.")]
    [InlineData("!!", "The requestState is not one this server issued (it is not base64url).")]
    public async Task A_state_changed_on_its_way_is_refused(string change, string details)
    {
        await using var server = Start();
        var (_, state) = InputRequired(await server.ModernAsync(1, "tools/call", Call("ask_name"), AllCapabilities));
        var changed = change switch
        {
            "TAMPERED" => state[..^2] + (state[^2] == 'A' ? 'B' : 'A') + state[^1],
            "TRUNCATED" => state[..(state.Length / 2)],
            _ => state + change,
        };
        Assert.Equal("{\"code\":-32602,\"message\":\"Invalid params\",\"data\":{\"details\":\"" + details + "\"}}",
            ServerHarness.Error(await server.ModernAsync(2, "tools/call", Call("ask_name", responses: "{\"elicitation-1\":" + Ada + "}", state: changed), AllCapabilities)));
    }

    [Fact]
    public async Task A_state_opens_only_for_the_request_it_was_issued_for_and_before_it_expires()
    {
        var clock = new FakeTimeProvider();
        await using var server = Start(o =>
        {
            o.TimeProvider = clock;
            o.RequestStateLifetime = TimeSpan.FromMinutes(5);
        });
        var (_, state) = InputRequired(await server.ModernAsync(1, "tools/call", Call("own_state", """{"topic":"tea"}"""), AllCapabilities));
        var answer = "{\"q\":" + Ada + "}";
        Assert.Equal("The requestState was issued for another request (method, name or arguments differ).",
            Details(await server.ModernAsync(2, "tools/call", Call("own_state", """{"topic":"coffee"}""", answer, state), AllCapabilities)));
        Assert.Equal("The requestState was issued for another request (method, name or arguments differ).",
            Details(await server.ModernAsync(3, "tools/call", Call("ask_name", "{}", answer, state), AllCapabilities)));
        // The same arguments written differently (order, spacing, escapes) are the same request.
        Assert.Equal("tea: Ada", ServerHarness.Text(await server.ModernAsync(4, "tools/call", Call("own_state", """{ "topic" : "t\u0065a" }""", answer, state), AllCapabilities)));
        clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromMilliseconds(1));
        Assert.Equal("The requestState has expired; send the request again without it.",
            Details(await server.ModernAsync(5, "tools/call", Call("own_state", """{"topic":"tea"}""", answer, state), AllCapabilities)));
    }

    [Fact]
    public async Task A_state_sealed_by_another_server_does_not_open()
    {
        await using var first = Start();
        await using var second = Start();
        var (_, state) = InputRequired(await first.ModernAsync(1, "tools/call", Call("ask_name"), AllCapabilities));
        Assert.Equal("The requestState is not one this server issued, or it was changed.",
            Details(await second.ModernAsync(2, "tools/call", Call("ask_name", responses: "{\"elicitation-1\":" + Ada + "}", state: state), AllCapabilities)));
    }

    [Theory]
    [InlineData("ask_name", "{}", "elicitation (form mode)", """{"elicitation":{}}""")]
    [InlineData("ask_model_with_tools", """{"sampling":{}}""", "sampling.tools", """{"sampling":{"tools":{}}}""")]
    [InlineData("needs_sign_in", """{"elicitation":{}}""", "elicitation.url", """{"elicitation":{"url":{}}}""")]
    public async Task An_ask_the_request_did_not_declare_is_minus_32021_naming_the_capability(string tool, string capabilities, string name, string required)
    {
        await using var server = Start();
        Assert.Equal("{\"code\":-32021,\"message\":\"Missing required client capability\",\"data\":{\"details\":\"Serving this request needs the client's '"
            + name + "' capability, which the request does not declare.\",\"requiredCapabilities\":" + required + "}}",
            ServerHarness.Error(await server.ModernAsync(1, "tools/call", Call(tool), capabilities)));
    }

    [Fact]
    public async Task A_url_elicitation_required_is_a_round_of_input_without_the_session_era_id()
    {
        await using var server = Start();
        var (requests, _) = InputRequired(await server.ModernAsync(1, "tools/call", Call("needs_sign_in"), """{"elicitation":{"url":{}}}"""));
        Assert.Equal("""{"url-elicitation-1":{"method":"elicitation/create","params":{"mode":"url","message":"Sign in to continue","url":"https://example.com/sign-in"}}}""",
            requests.GetRawText());
    }

    [Fact]
    public async Task A_prompt_and_a_resource_read_ask_the_same_way()
    {
        var prompt = Prompts.McpPrompt.Create("briefing", "Asks what to brief on.", [], static async (_, call) =>
        {
            var answer = await call.Context.ElicitAsync("On what?", Fixtures.InputTools.NameForm);
            return new Protocol.GetPromptResult { Messages = [Protocol.PromptMessage.User("Brief on " + answer.Content!.Value.GetProperty("name").GetString())] };
        });
        var resource = Resources.McpResource.Create("notes://mine", "mine", null, "text/plain", static async call =>
        {
            var roots = await call.Context.ListRootsAsync();
            return new Protocol.TextResourceContents(call.Uri, roots.Count + " roots", "text/plain");
        });
        await using var server = Start(configure: b => b.AddPrompt(prompt));
        var (requests, state) = InputRequired(await server.ModernAsync(1, "prompts/get", "\"name\":\"briefing\"", AllCapabilities));
        Assert.Equal(["elicitation-1"], requests.EnumerateObject().Select(p => p.Name));
        var done = await server.ModernAsync(2, "prompts/get", "\"name\":\"briefing\",\"inputResponses\":{\"elicitation-1\":" + Ada + "},\"requestState\":\"" + state + "\"", AllCapabilities);
        Assert.Equal("""[{"role":"user","content":{"type":"text","text":"Brief on Ada"}}]""", done.GetProperty("result").GetProperty("messages").GetRawText());

        await using var reader = ServerHarness.Start(b => b.AddResources(new Generated.McpResourceSet([resource], [])));
        var (rootsAsk, rootsState) = InputRequired(await reader.ModernAsync(3, "resources/read", "\"uri\":\"notes://mine\"", AllCapabilities));
        Assert.Equal(["roots-1"], rootsAsk.EnumerateObject().Select(p => p.Name));
        var read = (await reader.ModernAsync(4, "resources/read",
            "\"uri\":\"notes://mine\",\"inputResponses\":{\"roots-1\":{\"roots\":[]}},\"requestState\":\"" + rootsState + "\"", AllCapabilities)).GetProperty("result");
        Assert.Equal("0 roots", read.GetProperty("contents")[0].GetProperty("text").GetString());
        Assert.True(read.TryGetProperty("ttlMs", out _)); // a complete read is cacheable; its input_required round was not
    }

    [Fact]
    public async Task In_a_session_the_same_handler_asks_with_real_requests()
    {
        await using var server = Start();
        await server.InitializeAsync(capabilities: """{"elicitation":{}}""");
        await server.SendAsync("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"ask_name","arguments":{}}}""");
        var ask = await server.ReadMessageAsync();
        Assert.Equal("elicitation/create", ask.GetProperty("method").GetString());
        await server.SendAsync("{\"jsonrpc\":\"2.0\",\"id\":" + ask.GetProperty("id").GetRawText() + ",\"result\":" + Ada + "}");
        var done = await server.ReadResponseAsync("1");
        Assert.Equal("""{"content":[{"type":"text","text":"Hello, Ada"}]}""", done.GetProperty("result").GetRawText());
    }

    [Fact]
    public async Task In_a_session_a_handler_with_its_own_state_is_run_again_after_the_server_asks_for_it()
    {
        await using var server = Start();
        await server.InitializeAsync(capabilities: """{"elicitation":{}}""");
        await server.SendAsync("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"own_state","arguments":{"topic":"tea"}}}""");
        var ask = await server.ReadMessageAsync();
        Assert.Equal("About tea?", ask.GetProperty("params").GetProperty("message").GetString());
        await server.SendAsync("{\"jsonrpc\":\"2.0\",\"id\":" + ask.GetProperty("id").GetRawText() + ",\"result\":" + Ada + "}");
        Assert.Equal("tea: Ada", ServerHarness.Text(await server.ReadResponseAsync("1")));
    }

    [Fact]
    public async Task In_a_session_a_handler_that_never_has_enough_fails_after_the_round_limit()
    {
        await using var server = Start(o => o.MaxInputRounds = 2);
        await server.InitializeAsync(capabilities: """{"elicitation":{}}""");
        await server.SendAsync("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"ask_forever","arguments":{}}}""");
        for (var round = 0; round < 2; round++)
        {
            var ask = await server.ReadMessageAsync();
            await server.SendAsync("{\"jsonrpc\":\"2.0\",\"id\":" + ask.GetProperty("id").GetRawText() + ",\"result\":" + Ada + "}");
        }
        var done = (await server.ReadResponseAsync("1")).GetProperty("result");
        Assert.True(done.GetProperty("isError").GetBoolean());
        Assert.Equal("The handler asked the client for input 2 times without finishing (McpServerOptions.MaxInputRounds).",
            done.GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_modern_client_is_never_sent_a_request()
    {
        await using var server = Start();
        await server.SendAsync("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":""" + ServerHarness.ModernParams(Call("ask_all"), AllCapabilities) + "}");
        var first = await server.ReadMessageAsync();
        Assert.Equal(1, first.GetProperty("id").GetInt32()); // the response itself, nothing before it
        Assert.False(first.TryGetProperty("method", out _));
    }

    private static string Details(JsonElement response) => response.GetProperty("error").GetProperty("data").GetProperty("details").GetString()!;
}
