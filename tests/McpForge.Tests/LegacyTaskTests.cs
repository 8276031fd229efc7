using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading.Tasks;
using McpForge.Tasks;
using McpForge.Tests.Fixtures;
using McpForge.Tests.Harness;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace McpForge.Tests;

/// <summary>
/// 2025-11-25 tasks in a session, as a client sees them over stdio framing (the cases of reference/tasks.md §3.8; the
/// session-independence and other-user cases run over Kestrel in McpForge.AspNetCore.Tests): capability and
/// <c>execution.taskSupport</c>, the <c>task</c> param, <c>CreateTaskResult</c>, <c>tasks/get</c>, <c>tasks/result</c>,
/// input through the task, <c>tasks/cancel</c>, <c>tasks/list</c> and progress.
/// </summary>
public sealed class LegacyTaskTests
{
    private static readonly DateTimeOffset Start = ModernTaskTests.Start;

    private static async Task<ServerHarness> StartAsync(FakeTimeProvider? clock = null, Action<McpTaskOptions>? tasks = null, string capabilities = "{}")
    {
        var server = ModernTaskTests.StartServer(clock ?? new FakeTimeProvider(Start), tasks);
        await server.InitializeAsync(capabilities: capabilities);
        return server;
    }

    private static string Key() => Guid.NewGuid().ToString("N");

    private static async Task<string> CreateAsync(ServerHarness server, object id, string tool, string arguments, string task = "{}")
    {
        var created = await server.RequestAsync(id, "tools/call", $$"""{"name":"{{tool}}","arguments":{{arguments}},"task":{{task}}}""");
        return created.GetProperty("result").GetProperty("task").GetProperty("taskId").GetString()!;
    }

    private static async Task<JsonElement> StatusAsync(ServerHarness server, object id, string taskId, List<JsonElement>? notifications = null) =>
        (await server.RequestAsync(id, "tasks/get", $$"""{"taskId":"{{taskId}}"}""", notifications)).GetProperty("result");

    /// <summary>The <c>notifications/tasks/status</c> of a task (its id as <c>ID</c>) with the default time to live, made at <see cref="Start"/>.</summary>
    private static string StatusNotification(string status, string? message = null, long ttl = 3600000) =>
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tasks/status\",\"params\":{\"taskId\":\"ID\",\"status\":\"" + status + "\""
        + (message is null ? "" : ",\"statusMessage\":\"" + message + "\"")
        + ",\"createdAt\":\"2026-12-02T10:00:00.000Z\",\"lastUpdatedAt\":\"2026-12-02T10:00:00.000Z\",\"ttl\":" + ttl + ",\"pollInterval\":250}}";

    private static string[] Normalized(List<JsonElement> messages, string taskId) => [.. messages.ConvertAll(m => ModernTaskTests.Normalized(m, taskId))];

    [Fact]
    public async Task Initialize_declares_the_tasks_capability_and_tools_list_names_each_tools_taskSupport_on_this_wire_only()
    {
        await using var server = ModernTaskTests.StartServer(new FakeTimeProvider(Start));
        var initialized = await server.InitializeAsync();
        Assert.Equal("""{"list":{},"cancel":{},"requests":{"tools":{"call":{}}}}""",
            initialized.GetProperty("result").GetProperty("capabilities").GetProperty("tasks").GetRawText());
        var tools = (await server.RequestAsync(1, "tools/list")).GetProperty("result").GetProperty("tools");
        var support = new Dictionary<string, string>();
        foreach (var tool in tools.EnumerateArray())
        {
            support[tool.GetProperty("name").GetString()!] = tool.TryGetProperty("execution", out var execution) ? execution.GetRawText() : "-";
        }
        Assert.Equal("""{"taskSupport":"optional"}""", support["gated"]);
        Assert.Equal("""{"taskSupport":"required"}""", support["required_task"]);
        Assert.Equal("-", support["never_a_task"]);
        // The 2026-07-28 wire has no Tool.execution.
        Assert.DoesNotContain("execution", (await server.ModernAsync(2, "tools/list")).GetRawText());
    }

    [Fact]
    public async Task Without_tasks_on_the_server_the_capability_is_absent_and_a_task_param_is_ignored()
    {
        await using var server = ServerHarness.Start(b => b.AddTools<TaskFixtures>());
        var initialized = await server.InitializeAsync();
        Assert.False(initialized.GetProperty("result").GetProperty("capabilities").TryGetProperty("tasks", out _));
        Assert.DoesNotContain("execution", (await server.RequestAsync(1, "tools/list")).GetRawText());
        var key = Key();
        TaskFixtures.Gate(key).SetResult("ran");
        Assert.Equal("ran", ServerHarness.Text(await server.RequestAsync(2, "tools/call", $$$"""{"name":"gated","arguments":{"key":"{{{key}}}"},"task":{}}""")));
        Assert.Equal("""{"code":-32601,"message":"Method not found","data":{"method":"tasks/get"}}""",
            ServerHarness.Error(await server.RequestAsync(3, "tasks/get", """{"taskId":"x"}""")));
    }

    [Fact]
    public async Task A_forbidden_tool_asked_for_a_task_and_a_required_tool_called_without_one_get_32601()
    {
        await using var server = await StartAsync();
        Assert.Equal(
            """{"code":-32601,"message":"Method not found","data":{"details":"Tool 'never_a_task' does not run as a task (its execution.taskSupport is forbidden): call it without \"task\"."}}""",
            ServerHarness.Error(await server.RequestAsync(1, "tools/call", """{"name":"never_a_task","arguments":{},"task":{}}""")));
        Assert.Equal(
            """{"code":-32601,"message":"Method not found","data":{"details":"Tool 'required_task' runs only as a task (its execution.taskSupport is required): call it with \"task\"."}}""",
            ServerHarness.Error(await server.RequestAsync(2, "tools/call", """{"name":"required_task","arguments":{"key":"x"}}""")));
    }

    [Fact]
    public async Task CreateTaskResult_is_nested_with_the_ttl_cut_to_the_maximum_and_iso_timestamps_and_tasks_get_is_flat()
    {
        await using var server = await StartAsync(tasks: t => t.MaxTimeToLive = TimeSpan.FromHours(2));
        var created = await server.RequestAsync(1, "tools/call", $$$"""{"name":"gated","arguments":{"key":"{{{Key()}}}"},"task":{"ttl":36000000}}""");
        var taskId = created.GetProperty("result").GetProperty("task").GetProperty("taskId").GetString()!;
        Assert.Equal(
            """{"jsonrpc":"2.0","id":1,"result":{"task":{"taskId":"ID","status":"working","createdAt":"2026-12-02T10:00:00.000Z","lastUpdatedAt":"2026-12-02T10:00:00.000Z","ttl":7200000,"pollInterval":250}}}""",
            ModernTaskTests.Normalized(created, taskId));
        Assert.Equal(
            """{"jsonrpc":"2.0","id":2,"result":{"taskId":"ID","status":"working","createdAt":"2026-12-02T10:00:00.000Z","lastUpdatedAt":"2026-12-02T10:00:00.000Z","ttl":7200000,"pollInterval":250}}""",
            ModernTaskTests.Normalized(await server.RequestAsync(2, "tasks/get", $$"""{"taskId":"{{taskId}}"}"""), taskId));
        // A task made even by a tool that ends at once (the client asked for one).
        var instant = await CreateAsync(server, 3, "instant", "{}");
        var status = new List<JsonElement>();
        Assert.Equal("""{"content":[{"type":"text","text":"instant"}],"_meta":{"io.modelcontextprotocol/related-task":{"taskId":"ID"}}}""",
            ModernTaskTests.Normalized((await server.RequestAsync(4, "tasks/result", $$"""{"taskId":"{{instant}}"}""", status)).GetProperty("result"), instant));
        // The status changed after the handle: the session hears of it before the result (the task's time to live is the default).
        Assert.Equal([StatusNotification("completed")], Normalized(status, instant));
    }

    [Fact]
    public async Task An_unknown_another_connections_or_expired_task_is_not_found()
    {
        var clock = new FakeTimeProvider(Start);
        await using var server = await StartAsync(clock, t => t.DefaultTimeToLive = TimeSpan.FromMinutes(1));
        const string NotFound = """{"code":-32602,"message":"Invalid params","data":{"details":"No task has the id 'ID' (tasks expire with their time to live, and each caller sees only its own)."}}""";
        Assert.Equal(NotFound.Replace("ID", "nope"), ServerHarness.Error(await server.RequestAsync(1, "tasks/get", """{"taskId":"nope"}""")));
        var key = Key();
        var taskId = await CreateAsync(server, 2, "gated", $$"""{"key":"{{key}}"}""");
        TaskFixtures.Gate(key).SetResult("x");
        clock.Advance(TimeSpan.FromMinutes(1));
        // The task ends completed or, if its time to live runs out first, cancelled: the session hears one status, whichever.
        var status = new List<JsonElement>();
        foreach (var method in new[] { "tasks/get", "tasks/result", "tasks/cancel" })
        {
            Assert.Equal(NotFound.Replace("ID", taskId), ServerHarness.Error(await server.RequestAsync(3, method, $$"""{"taskId":"{{taskId}}"}""", status)));
        }
        Assert.True(status.Count <= 1, string.Join("\n", Normalized(status, taskId)));
    }

    [Fact]
    public async Task An_anonymous_sessions_tasks_are_its_own()
    {
        var clock = new FakeTimeProvider(Start);
        var builder = McpServer.CreateBuilder("test-server", "9.9.9");
        builder.Options.ErrorLog = System.IO.TextWriter.Null;
        builder.Options.TimeProvider = clock;
        builder.Options.Tasks = new McpTaskOptions();
        var mcp = builder.AddTools<TaskFixtures>().Build();
        await using var first = ServerHarness.Start(mcp);
        await using var second = ServerHarness.Start(mcp);
        await first.InitializeAsync();
        await second.InitializeAsync();
        var taskId = await CreateAsync(first, 1, "gated", $$"""{"key":"{{Key()}}"}""");
        Assert.Equal("working", (await StatusAsync(first, 2, taskId)).GetProperty("status").GetString());
        Assert.Equal(-32602, (await second.RequestAsync(2, "tasks/get", $$"""{"taskId":"{{taskId}}"}""")).GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(-32602, (await second.RequestAsync(3, "tasks/cancel", $$"""{"taskId":"{{taskId}}"}""")).GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal("[]", (await second.RequestAsync(4, "tasks/list")).GetProperty("result").GetProperty("tasks").GetRawText());
    }

    [Fact]
    public async Task Tasks_result_waits_for_the_end_then_answers_exactly_what_tools_call_would_with_the_related_task_key()
    {
        await using var server = await StartAsync();
        var key = Key();
        var taskId = await CreateAsync(server, 1, "gated", $$"""{"key":"{{key}}"}""");
        await server.SendAsync($$$"""{"jsonrpc":"2.0","id":2,"method":"tasks/result","params":{"taskId":"{{{taskId}}}"}}""");
        // Still working, so no answer yet: a ping sent after it is answered first.
        await server.SendAsync("""{"jsonrpc":"2.0","id":90,"method":"ping"}""");
        Assert.Equal("""{"jsonrpc":"2.0","id":90,"result":{}}""", (await server.ReadMessageAsync()).GetRawText());
        TaskFixtures.Gate(key).SetResult("the report");
        var status = new List<JsonElement>();
        Assert.Equal(
            """{"jsonrpc":"2.0","id":2,"result":{"content":[{"type":"text","text":"the report"}],"_meta":{"io.modelcontextprotocol/related-task":{"taskId":"ID"}}}}""",
            ModernTaskTests.Normalized(await server.ReadResponseAsync("2", status), taskId));
        // The full Task, without the related-task key, before the result.
        Assert.Equal([StatusNotification("completed")], Normalized(status, taskId));
        Assert.Equal("completed", (await StatusAsync(server, 3, taskId)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_tool_error_fails_the_task_and_tasks_result_returns_the_isError_result_unchanged()
    {
        await using var server = await StartAsync();
        var key = Key();
        var taskId = await CreateAsync(server, 1, "gated_tool_error", $$"""{"key":"{{key}}"}""");
        TaskFixtures.Gate(key).SetResult("bad input");
        var notified = new List<JsonElement>();
        Assert.Equal(
            """{"content":[{"type":"text","text":"bad input"}],"isError":true,"_meta":{"io.modelcontextprotocol/related-task":{"taskId":"ID"}}}""",
            ModernTaskTests.Normalized((await server.RequestAsync(2, "tasks/result", $$"""{"taskId":"{{taskId}}"}""", notified)).GetProperty("result"), taskId));
        Assert.Equal([StatusNotification("failed", "bad input")], Normalized(notified, taskId));
        var status = await StatusAsync(server, 3, taskId);
        Assert.Equal("failed", status.GetProperty("status").GetString());
        Assert.Equal("bad input", status.GetProperty("statusMessage").GetString());
    }

    [Fact]
    public async Task A_tasks_result_that_comes_while_the_task_stores_its_end_gets_the_status_first()
    {
        // The store shows the task failed before the session is told: a tasks/result read then waits for the telling.
        var store = new PausingTaskStore();
        await using var server = await StartAsync(tasks: t => t.Store = store);
        var key = Key();
        var taskId = await CreateAsync(server, 1, "gated_tool_error", $$"""{"key":"{{key}}"}""");
        TaskFixtures.Gate(key).SetResult("bad input");
        await store.EndStored.Task;
        await server.SendAsync($$$"""{"jsonrpc":"2.0","id":2,"method":"tasks/result","params":{"taskId":"{{{taskId}}}"}}""");
        await server.SendAsync("""{"jsonrpc":"2.0","id":90,"method":"ping"}""");
        Assert.Equal("""{"jsonrpc":"2.0","id":90,"result":{}}""", (await server.ReadMessageAsync()).GetRawText());
        store.Release.SetResult();
        var notified = new List<JsonElement>();
        Assert.Equal(
            """{"content":[{"type":"text","text":"bad input"}],"isError":true,"_meta":{"io.modelcontextprotocol/related-task":{"taskId":"ID"}}}""",
            ModernTaskTests.Normalized((await server.ReadResponseAsync("2", notified)).GetProperty("result"), taskId));
        Assert.Equal([StatusNotification("failed", "bad input")], Normalized(notified, taskId));
    }

    [Fact]
    public async Task A_protocol_error_fails_the_task_and_tasks_result_returns_the_same_json_rpc_error()
    {
        await using var server = await StartAsync();
        var key = Key();
        var taskId = await CreateAsync(server, 1, "gated_protocol_error", $$"""{"key":"{{key}}"}""");
        TaskFixtures.Gate(key).SetResult("worker lost");
        var status = new List<JsonElement>();
        Assert.Equal("""{"jsonrpc":"2.0","id":2,"error":{"code":-32603,"message":"Internal error","data":{"details":"worker lost"}}}""",
            (await server.RequestAsync(2, "tasks/result", $$"""{"taskId":"{{taskId}}"}""", status)).GetRawText());
        Assert.Equal([StatusNotification("failed", "worker lost")], Normalized(status, taskId));
        Assert.Equal("failed", (await StatusAsync(server, 3, taskId)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_tasks_ask_carries_the_related_task_key_on_the_tasks_result_stream_and_the_task_goes_input_required_then_working()
    {
        await using var server = await StartAsync(capabilities: """{"elicitation":{}}""");
        var key = Key();
        var taskId = await CreateAsync(server, 1, "ask_then_gate", $$"""{"key":"{{key}}"}""");
        TaskFixtures.Gate(key + "/ask").SetResult("ask");
        await server.SendAsync($$$"""{"jsonrpc":"2.0","id":2,"method":"tasks/result","params":{"taskId":"{{{taskId}}}"}}""");
        Assert.Equal(StatusNotification("input_required", "Waiting for the client's answer to elicitation/create."),
            ModernTaskTests.Normalized(await server.ReadMessageAsync(), taskId));
        var ask = await server.ReadMessageAsync();
        Assert.Equal("elicitation/create", ask.GetProperty("method").GetString());
        Assert.Equal($$$"""{"io.modelcontextprotocol/related-task":{"taskId":"{{{taskId}}}"}}""", ask.GetProperty("params").GetProperty("_meta").GetRawText());
        Assert.Equal("Go on?", ask.GetProperty("params").GetProperty("message").GetString());
        var asking = await StatusAsync(server, 3, taskId);
        Assert.Equal("input_required", asking.GetProperty("status").GetString());
        Assert.Equal("Waiting for the client's answer to elicitation/create.", asking.GetProperty("statusMessage").GetString());
        await server.SendAsync("{\"jsonrpc\":\"2.0\",\"id\":" + ask.GetProperty("id").GetRawText() + ""","result":{"action":"accept","content":{"confirm":true}}}""");
        JsonElement working = default;
        var status = new List<JsonElement>();
        for (var i = 0; i < 1000; i++)
        {
            working = await StatusAsync(server, 100 + i, taskId, status);
            if (working.GetProperty("status").GetString() != "input_required") break;
            await Task.Yield();
        }
        Assert.Equal("working", working.GetProperty("status").GetString());
        TaskFixtures.Gate(key).SetResult("done");
        var result = await server.ReadResponseAsync("2", status);
        Assert.Equal("confirmed done", ServerHarness.Text(result));
        Assert.Equal([StatusNotification("working"), StatusNotification("completed")], Normalized(status, taskId));
    }

    [Fact]
    public async Task Cancel_answers_the_cancelled_task_a_later_completion_changes_nothing_and_an_ended_task_gets_32602()
    {
        await using var server = await StartAsync();
        var key = Key();
        var taskId = await CreateAsync(server, 1, "gated", $$"""{"key":"{{key}}"}""");
        var status = new List<JsonElement>();
        Assert.Equal(
            """{"jsonrpc":"2.0","id":2,"result":{"taskId":"ID","status":"cancelled","statusMessage":"Cancelled by the client.","createdAt":"2026-12-02T10:00:00.000Z","lastUpdatedAt":"2026-12-02T10:00:00.000Z","ttl":3600000,"pollInterval":250}}""",
            ModernTaskTests.Normalized(await server.RequestAsync(2, "tasks/cancel", $$"""{"taskId":"{{taskId}}"}""", status), taskId));
        Assert.Equal([StatusNotification("cancelled", "Cancelled by the client.")], Normalized(status, taskId));
        TaskFixtures.Gate(key).TrySetResult("too late");
        Assert.Equal("cancelled", (await StatusAsync(server, 3, taskId)).GetProperty("status").GetString());
        Assert.Equal(
            $$$"""{"code":-32602,"message":"Invalid params","data":{"details":"Task '{{{taskId}}}' already ended (cancelled); it cannot be cancelled."}}""",
            ServerHarness.Error(await server.RequestAsync(4, "tasks/cancel", $$"""{"taskId":"{{taskId}}"}""")));
        Assert.Equal(
            $$$"""{"code":-32602,"message":"Invalid params","data":{"details":"Task '{{{taskId}}}' was cancelled; it has no result."}}""",
            ServerHarness.Error(await server.RequestAsync(5, "tasks/result", $$"""{"taskId":"{{taskId}}"}""")));
    }

    [Fact]
    public async Task Tasks_list_pages_oldest_first_and_refuses_a_cursor_it_did_not_issue()
    {
        var clock = new FakeTimeProvider(Start);
        await using var server = await StartAsync(clock, t => t.PageSize = 2);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await CreateAsync(server, i + 1, "gated", $$"""{"key":"{{Key()}}"}"""));
            clock.Advance(TimeSpan.FromSeconds(1));
        }
        var first = (await server.RequestAsync(10, "tasks/list")).GetProperty("result");
        Assert.Equal(2, first.GetProperty("tasks").GetArrayLength());
        Assert.Equal(ids[0], first.GetProperty("tasks")[0].GetProperty("taskId").GetString());
        Assert.Equal(ids[1], first.GetProperty("tasks")[1].GetProperty("taskId").GetString());
        var cursor = first.GetProperty("nextCursor").GetString();
        var second = (await server.RequestAsync(11, "tasks/list", $$"""{"cursor":"{{cursor}}"}""")).GetProperty("result");
        Assert.Equal(ids[2], second.GetProperty("tasks")[0].GetProperty("taskId").GetString());
        Assert.Equal(1, second.GetProperty("tasks").GetArrayLength());
        Assert.False(second.TryGetProperty("nextCursor", out _));
        Assert.Equal("""{"code":-32602,"message":"Invalid params","data":{"details":"The cursor is not one this server issued."}}""",
            ServerHarness.Error(await server.RequestAsync(12, "tasks/list", """{"cursor":"forged"}""")));
    }

    [Fact]
    public async Task Progress_with_the_original_token_goes_on_after_CreateTaskResult_and_stops_at_the_end()
    {
        await using var server = await StartAsync();
        var key = Key();
        // The handler reports its first progress as it starts: before or after CreateTaskResult, whichever the race gives.
        var early = new List<JsonElement>();
        var created = await server.RequestAsync(1, "tools/call", $$$"""{"name":"gated_progress","arguments":{"key":"{{{key}}}"},"task":{},"_meta":{"progressToken":"p1"}}""", early);
        var taskId = created.GetProperty("result").GetProperty("task").GetProperty("taskId").GetString()!;
        var half = early.Count > 0 ? Assert.Single(early) : await server.ReadMessageAsync();
        Assert.Equal("""{"jsonrpc":"2.0","method":"notifications/progress","params":{"progressToken":"p1","progress":1,"total":2,"message":"half"}}""", half.GetRawText());
        await server.SendAsync($$$"""{"jsonrpc":"2.0","id":2,"method":"tasks/result","params":{"taskId":"{{{taskId}}}"}}""");
        TaskFixtures.Gate(key).SetResult("ok");
        var notifications = new List<JsonElement>();
        var result = await server.ReadResponseAsync("2", notifications);
        Assert.Equal("ok", ServerHarness.Text(result));
        Assert.Equal(
            [
                """{"jsonrpc":"2.0","method":"notifications/progress","params":{"progressToken":"p1","progress":2,"total":2,"message":"done"}}""",
                StatusNotification("completed"),
            ],
            Normalized(notifications, taskId));
        // Progress stops at the end: the next message is the answer to a ping sent now.
        await server.SendAsync("""{"jsonrpc":"2.0","id":91,"method":"ping"}""");
        Assert.Equal("""{"jsonrpc":"2.0","id":91,"result":{}}""", (await server.ReadMessageAsync()).GetRawText());
    }
}
