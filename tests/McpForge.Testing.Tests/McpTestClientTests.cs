using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace McpForge.Testing.Tests;

/// <summary>
/// The test client against a real server in process, through the protocol, in both eras: what a user of the package
/// asserts on (results, structured content, prompts, resources, errors, progress, logs, the client's answers).
/// </summary>
public sealed class McpTestClientTests
{
    public static TheoryData<McpTestProtocol> Eras => [McpTestProtocol.Session, McpTestProtocol.Stateless];

    private static Task<McpTestClient> Connect(McpTestProtocol protocol, Action<McpTestClientOptions>? configure = null)
    {
        var options = new McpTestClientOptions { Protocol = protocol };
        configure?.Invoke(options);
        return McpTestClient.ConnectAsync(WeatherServer.Builder(), options, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_session_client_initializes_and_sees_the_server_it_was_given()
    {
        var server = WeatherServer.Builder().Build();
        await using var client = await McpTestClient.ConnectAsync(server, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Same(server, client.Server);
        Assert.Equal(McpTestClient.SessionProtocolVersion, client.ServerDescription.GetProperty("protocolVersion").GetString());
        Assert.Equal("""{"name":"weather","version":"1.2.3"}""", client.ServerDescription.GetProperty("serverInfo").GetRawText());
    }

    [Fact]
    public async Task A_stateless_client_discovers_the_server_and_every_result_is_of_the_2026_era()
    {
        await using var client = await Connect(McpTestProtocol.Stateless);
        Assert.Contains(McpTestClient.StatelessProtocolVersion, client.ServerDescription.GetProperty("supportedVersions").EnumerateArray().Select(v => v.GetString()));
        var result = await client.CallToolAsync("add", new() { ["a"] = 2, ["b"] = 3 }, TestContext.Current.CancellationToken);
        Assert.Equal("complete", result.Result.GetProperty("resultType").GetString());
        Assert.Equal("""{"name":"weather","version":"1.2.3"}""", result.Result.GetProperty("_meta").GetProperty("io.modelcontextprotocol/serverInfo").GetRawText());
    }

    [Theory]
    [MemberData(nameof(Eras))]
    public async Task A_tool_called_with_JsonObject_arguments_answers_its_text(McpTestProtocol era)
    {
        await using var client = await Connect(era);
        var result = await client.CallToolAsync("add", new() { ["a"] = 2, ["b"] = 40 }, TestContext.Current.CancellationToken);
        Assert.False(result.IsError);
        Assert.Equal("42", result.Text);
        Assert.Equal("""[{"type":"text","text":"42"}]""", result.Content.GetRawText());
        Assert.Equal(1, result.Rounds);
    }

    [Theory]
    [MemberData(nameof(Eras))]
    public async Task Typed_arguments_go_in_and_structured_content_comes_back_typed(McpTestProtocol era)
    {
        await using var client = await Connect(era);
        var result = await client.CallToolAsync("forecast", new ForecastArguments("Oslo", 3), TestJsonContext.Default.ForecastArguments, TestContext.Current.CancellationToken);
        Assert.Equal("""{"city":"Oslo","days":3,"highCelsius":21.5}""", result.StructuredContent!.Value.GetRawText());
        Assert.Equal(new Forecast("Oslo", 3, 21.5), result.GetStructuredContent(TestJsonContext.Default.Forecast));
    }

    [Theory]
    [MemberData(nameof(Eras))]
    public async Task Invalid_arguments_and_a_throwing_tool_are_isError_results(McpTestProtocol era)
    {
        await using var client = await Connect(era);
        var invalid = await client.CallToolAsync("forecast", new() { ["city"] = "Oslo", ["days"] = 30 }, TestContext.Current.CancellationToken);
        Assert.True(invalid.IsError);
        Assert.Equal("Invalid arguments for tool 'forecast':\n- /days: must be at least 1 and at most 7, got 30", invalid.Text);
        Assert.Equal("""{"errors":[{"path":"/days","message":"must be at least 1 and at most 7, got 30"}]}""", invalid.StructuredContent!.Value.GetRawText());

        var failed = await client.CallToolAsync("fail", cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(failed.IsError);
        Assert.Equal("The forecast service is down.", failed.Text);
        if (era == McpTestProtocol.Session)
        {
            Assert.Null(failed.StructuredContent);
            Assert.Throws<InvalidOperationException>(() => failed.GetStructuredContent(TestJsonContext.Default.Forecast));
        }
        else
        {
            // 2026-07-28 describes a failure in structuredContent.error.
            Assert.Equal("fail", failed.StructuredContent!.Value.GetProperty("error").GetProperty("tool").GetString());
        }
    }

    [Theory]
    [MemberData(nameof(Eras))]
    public async Task An_unknown_tool_is_a_protocol_error_with_its_code(McpTestProtocol era)
    {
        await using var client = await Connect(era);
        var error = await Assert.ThrowsAsync<McpTestRequestException>(() => client.CallToolAsync("nope", cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal("tools/call", error.Method);
        Assert.Equal(-32602, error.Code);
        Assert.Equal("Invalid params", error.ErrorMessage);
        Assert.Equal("Unknown tool: 'nope'. Call tools/list for the available tools.", error.Details);
        Assert.Equal("'tools/call' failed with -32602: Invalid params (Unknown tool: 'nope'. Call tools/list for the available tools.)", error.Message);
    }

    [Theory]
    [MemberData(nameof(Eras))]
    public async Task Progress_and_logs_of_a_call_are_observed_at_the_level_asked_for(McpTestProtocol era)
    {
        await using var client = await Connect(era);
        var result = await client.CallToolAsync("work", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("worked", result.Text);
        Assert.Equal([new McpTestProgress(1, 3, "step 1"), new McpTestProgress(2, 3, "step 2"), new McpTestProgress(3, 3, "step 3")], result.Progress);
        // The default level is info: the debug entry is not sent.
        Assert.Equal(["info: done"], result.Logs.Select(l => l.Level + ": " + l.Text));
        Assert.Equal(["info: done"], client.Logs.Select(l => l.Level + ": " + l.Text));

        await using var verbose = await Connect(era, o => o.LogLevel = "debug");
        Assert.Equal(["debug: starting (debug)", "info: done"],
            (await verbose.CallToolAsync("work", cancellationToken: TestContext.Current.CancellationToken)).Logs.Select(l => l.Level + ": " + l.Text));
    }

    [Theory]
    [MemberData(nameof(Eras))]
    public async Task Prompts_are_listed_and_got_with_their_arguments(McpTestProtocol era)
    {
        await using var client = await Connect(era);
        Assert.Equal(["report"], (await client.ListPromptsAsync(TestContext.Current.CancellationToken)).Select(p => p.GetProperty("name").GetString()));
        var prompt = await client.GetPromptAsync("report", new Dictionary<string, string> { ["city"] = "Bergen" }, TestContext.Current.CancellationToken);
        Assert.Equal("""[{"role":"user","content":{"type":"text","text":"Write a short weather report for Bergen."}}]""", prompt.GetProperty("messages").GetRawText());
    }

    [Theory]
    [MemberData(nameof(Eras))]
    public async Task Resources_and_templates_are_listed_and_read(McpTestProtocol era)
    {
        await using var client = await Connect(era);
        Assert.Equal(["weather://stations"], (await client.ListResourcesAsync(TestContext.Current.CancellationToken)).Select(r => r.GetProperty("uri").GetString()));
        Assert.Equal(["weather://stations/{id}"], (await client.ListResourceTemplatesAsync(TestContext.Current.CancellationToken)).Select(r => r.GetProperty("uriTemplate").GetString()));
        Assert.Equal("""[{"uri":"weather://stations","mimeType":"text/plain","text":"Oslo, Bergen"}]""",
            (await client.ReadResourceAsync("weather://stations", TestContext.Current.CancellationToken)).GetProperty("contents").GetRawText());
        Assert.Equal("""[{"uri":"weather://stations/7","mimeType":"application/json","text":"{\"id\":7,\"celsius\":4}"}]""",
            (await client.ReadResourceAsync("weather://stations/7", TestContext.Current.CancellationToken)).GetProperty("contents").GetRawText());
    }

    [Fact]
    public async Task An_unknown_resource_is_minus_32002_in_a_session_and_minus_32602_with_its_uri_on_2026()
    {
        await using var session = await Connect(McpTestProtocol.Session);
        Assert.Equal(-32002, (await Assert.ThrowsAsync<McpTestRequestException>(() => session.ReadResourceAsync("weather://nowhere", TestContext.Current.CancellationToken))).Code);
        await using var stateless = await Connect(McpTestProtocol.Stateless);
        var error = await Assert.ThrowsAsync<McpTestRequestException>(() => stateless.ReadResourceAsync("weather://nowhere", TestContext.Current.CancellationToken));
        Assert.Equal(-32602, error.Code);
        Assert.Equal("weather://nowhere", error.Data!.Value.GetProperty("uri").GetString());
    }

    [Theory]
    [MemberData(nameof(Eras))]
    public async Task The_sampling_handler_answers_the_tools_request_to_the_model(McpTestProtocol era)
    {
        var asked = new List<string>();
        await using var client = await Connect(era, o => o.SamplingHandler = (request, _) =>
        {
            lock (asked) asked.Add(request.GetProperty("messages")[0].GetProperty("content").GetProperty("text").GetString()!);
            return ValueTask.FromResult(McpTestAnswers.SampledText("Old pond, frog jumps in", "haiku-1"));
        });
        var result = await client.CallToolAsync("haiku", new() { ["topic"] = "frogs" }, TestContext.Current.CancellationToken);
        Assert.Equal("Old pond, frog jumps in (haiku-1)", result.Text);
        Assert.Equal(["A haiku about frogs"], asked);
        // 2026-07-28 has no server-to-client requests: the ask is an input_required round, and the retry completes it.
        Assert.Equal(era == McpTestProtocol.Session ? 1 : 2, result.Rounds);
    }

    [Theory]
    [MemberData(nameof(Eras))]
    public async Task The_elicitation_handler_answers_and_a_2026_round_runs_the_handler_again(McpTestProtocol era)
    {
        await using var client = await Connect(era, o => o.ElicitationHandler = (request, _) =>
            ValueTask.FromResult(request.GetProperty("message").GetString() == "Your name?" ? McpTestAnswers.Accept(new JsonObject { ["name"] = "Ada" }) : McpTestAnswers.Cancel()));
        var runs = WeatherTools.AskNameRuns;
        var result = await client.CallToolAsync("ask_name", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("Hello, Ada", result.Text);
        Assert.Equal(era == McpTestProtocol.Session ? 1 : 2, WeatherTools.AskNameRuns - runs);

        await using var declining = await Connect(era, o => o.ElicitationHandler = (_, _) => ValueTask.FromResult(McpTestAnswers.Decline()));
        Assert.Equal("No name: Decline", (await declining.CallToolAsync("ask_name", cancellationToken: TestContext.Current.CancellationToken)).Text);
    }

    [Theory]
    [MemberData(nameof(Eras))]
    public async Task The_roots_handler_answers_roots_list(McpTestProtocol era)
    {
        await using var client = await Connect(era, o => o.RootsHandler = (_, _) => ValueTask.FromResult(McpTestAnswers.Roots("file:///work/app", "file:///work/lib")));
        Assert.Equal("file:///work/app, file:///work/lib", (await client.CallToolAsync("roots", cancellationToken: TestContext.Current.CancellationToken)).Text);
    }

    [Fact]
    public async Task Without_a_handler_the_capability_is_not_declared_and_the_server_says_so()
    {
        await using var session = await Connect(McpTestProtocol.Session);
        var result = await session.CallToolAsync("haiku", new() { ["topic"] = "frogs" }, TestContext.Current.CancellationToken);
        Assert.True(result.IsError);
        Assert.Equal("The client did not declare the 'sampling' capability, so it cannot be asked to sample.", result.Text);

        await using var stateless = await Connect(McpTestProtocol.Stateless);
        var error = await Assert.ThrowsAsync<McpTestRequestException>(() => stateless.CallToolAsync("haiku", new() { ["topic"] = "frogs" }, TestContext.Current.CancellationToken));
        Assert.Equal(-32021, error.Code);
        Assert.Equal("Missing required client capability", error.ErrorMessage);
        Assert.Equal("""{"details":"Serving this request needs the client's 'sampling' capability, which the request does not declare.","requiredCapabilities":{"sampling":{}}}""",
            error.Data!.Value.GetRawText());
    }

    [Fact]
    public async Task Cancelling_a_call_tells_the_server_whose_handler_sees_its_token_fire()
    {
        WeatherTools.Started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        WeatherTools.Cancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var client = await Connect(McpTestProtocol.Session);
        using var cancel = new CancellationTokenSource();
        var call = client.CallToolAsync("wait", cancellationToken: cancel.Token);
        await WeatherTools.Started.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        await WeatherTools.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task List_changes_reach_a_session_client_as_notifications()
    {
        await using var client = await Connect(McpTestProtocol.Session);
        Assert.True(client.Server.RemoveTool("fail"));
        // The notification is written before the answer to any later request, so one round trip is enough to see it.
        await client.SendRequestAsync("ping", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(["notifications/tools/list_changed"], client.Notifications.Select(n => n.GetProperty("method").GetString()));
        Assert.DoesNotContain("fail", (await client.ListToolsAsync(TestContext.Current.CancellationToken)).Select(t => t.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task A_disposed_client_has_stopped_its_server_and_refuses_more_requests()
    {
        var client = await Connect(McpTestProtocol.Session);
        await client.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.CallToolAsync("add", new() { ["a"] = 1, ["b"] = 1 }, TestContext.Current.CancellationToken));
    }
}
