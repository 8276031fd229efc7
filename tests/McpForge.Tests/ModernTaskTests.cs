using System;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using McpForge.Tasks;
using McpForge.Tests.Fixtures;
using McpForge.Tests.Harness;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace McpForge.Tests;

/// <summary>
/// Tasks on 2026-07-28 requests (extension <c>io.modelcontextprotocol/tasks</c>) as a client sees them over stdio: every
/// state transition, the gates, expiry on a fake clock, the per-owner bound, cancellation racing completion, shutdown.
/// </summary>
public sealed class ModernTaskTests
{
    internal const string Ext = """{"extensions":{"io.modelcontextprotocol/tasks":{}},"elicitation":{}}""";
    private const string Identity = "\"_meta\":{\"io.modelcontextprotocol/serverInfo\":{\"name\":\"test-server\",\"version\":\"9.9.9\"}}";
    internal static readonly DateTimeOffset Start = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    internal static ServerHarness StartServer(FakeTimeProvider clock, Action<McpTaskOptions>? tasks = null, Action<McpServerOptions>? options = null) =>
        ServerHarness.Start(b =>
        {
            b.AddTools<TaskFixtures>();
            b.Options.TimeProvider = clock;
            var taskOptions = new McpTaskOptions { PollInterval = TimeSpan.FromMilliseconds(250) };
            tasks?.Invoke(taskOptions);
            b.Options.Tasks = taskOptions;
            options?.Invoke(b.Options);
        });

    private static string Key() => Guid.NewGuid().ToString("N");

    /// <summary>
    /// Waits for the handler called with <paramref name="key"/> to see its token fire, which the fixture signals. The bound
    /// only fails the test, so it is generous: a loaded machine may take long to get there, never long enough to pass.
    /// </summary>
    private static Task HandlerCancelledAsync(string key) =>
        TaskFixtures.Cancelled(key).Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

    /// <summary>The response with the task id replaced by <c>ID</c>.</summary>
    internal static string Normalized(JsonElement response, string taskId) => response.GetRawText().Replace(taskId, "ID", StringComparison.Ordinal);

    private static async Task<string> CreateAsync(ServerHarness server, object id, string tool, string arguments)
    {
        var created = await server.ModernAsync(id, "tools/call", $$"""
            "name":"{{tool}}","arguments":{{arguments}}
            """.Trim(), Ext);
        var result = created.GetProperty("result");
        Assert.Equal("task", result.GetProperty("resultType").GetString());
        return result.GetProperty("taskId").GetString()!;
    }

    /// <summary>The members of a tasks/update of <paramref name="taskId"/> answering with <paramref name="responses"/>.</summary>
    internal static string Update(string taskId, string responses) => "\"taskId\":\"" + taskId + "\",\"inputResponses\":" + responses;

    private static Task<JsonElement> GetAsync(ServerHarness server, object id, string taskId) =>
        server.ModernAsync(id, "tasks/get", $"\"taskId\":\"{taskId}\"", Ext);

    /// <summary>
    /// Polls tasks/get until the status is <paramref name="status"/>. Each poll waits only for its answer; the bound is a
    /// deadline on a monotonic clock that only fails the test (a count of polls would shrink to a fraction of a second of a
    /// loaded machine's time, while the task's work waits for a thread).
    /// </summary>
    internal static async Task<JsonElement> UntilAsync(ServerHarness server, string taskId, string status, int id = 1000)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; waited.Elapsed < ServerHarness.StateWait; i++)
        {
            var got = await GetAsync(server, id + i, taskId);
            if (got.GetProperty("result").GetProperty("status").GetString() == status) return got;
            await Task.Yield();
        }
        throw new Xunit.Sdk.XunitException($"Task {taskId} did not reach {status} within {ServerHarness.StateWait}.");
    }

    [Fact]
    public async Task A_task_is_created_flat_polled_while_working_and_completed_with_its_result_inlined()
    {
        var clock = new FakeTimeProvider(Start);
        await using var server = StartServer(clock);
        var key = Key();
        var created = await server.ModernAsync(1, "tools/call", $$"""
            "name":"gated","arguments":{"key":"{{key}}"}
            """.Trim(), Ext);
        var taskId = created.GetProperty("result").GetProperty("taskId").GetString()!;
        Assert.Matches("^[A-Za-z0-9_-]{22}$", taskId); // 128 random bits, base64url
        Assert.Equal(
            """{"jsonrpc":"2.0","id":1,"result":{"taskId":"ID","status":"working","createdAt":"2026-12-02T10:00:00.000Z","lastUpdatedAt":"2026-12-02T10:00:00.000Z","ttlMs":3600000,"pollIntervalMs":250,"resultType":"task",""" + Identity + "}}",
            Normalized(created, taskId));
        Assert.Equal(
            """{"jsonrpc":"2.0","id":2,"result":{"taskId":"ID","status":"working","createdAt":"2026-12-02T10:00:00.000Z","lastUpdatedAt":"2026-12-02T10:00:00.000Z","ttlMs":3600000,"pollIntervalMs":250,"resultType":"complete",""" + Identity + "}}",
            Normalized(await GetAsync(server, 2, taskId), taskId));

        clock.Advance(TimeSpan.FromSeconds(5));
        TaskFixtures.Gate(key).SetResult("done");
        var completed = await UntilAsync(server, taskId, "completed");
        Assert.Equal(
            """{"taskId":"ID","status":"completed","createdAt":"2026-12-02T10:00:00.000Z","lastUpdatedAt":"2026-12-02T10:00:05.000Z","ttlMs":3600000,"pollIntervalMs":250,"result":{"content":[{"type":"text","text":"done"}],""" + Identity + "},\"resultType\":\"complete\"," + Identity + "}",
            Normalized(completed.GetProperty("result"), taskId));
    }

    [Fact]
    public async Task Without_the_extension_an_optional_tool_answers_inline_and_a_required_one_is_refused_with_32021()
    {
        await using var server = StartServer(new FakeTimeProvider(Start));
        Assert.Equal("instant", ServerHarness.Text(await server.ModernAsync(1, "tools/call", "\"name\":\"instant\",\"arguments\":{}")));
        var key = Key();
        TaskFixtures.Gate(key).SetResult("sync");
        Assert.Equal("sync", ServerHarness.Text(await server.ModernAsync(2, "tools/call", $$"""
            "name":"gated","arguments":{"key":"{{key}}"}
            """.Trim())));
        Assert.Equal(
            """{"code":-32021,"message":"Missing required client capability","data":{"details":"Tool 'required_task' runs only as a task: the request's clientCapabilities must declare extensions[\"io.modelcontextprotocol/tasks\"].","requiredCapabilities":{"extensions":{"io.modelcontextprotocol/tasks":{}}}}}""",
            ServerHarness.Error(await server.ModernAsync(3, "tools/call", "\"name\":\"required_task\",\"arguments\":{\"key\":\"x\"}")));
    }

    [Fact]
    public async Task A_tool_that_ends_before_it_awaits_answers_inline_and_a_plain_tool_ignores_a_legacy_task_param()
    {
        await using var server = StartServer(new FakeTimeProvider(Start));
        var instant = await server.ModernAsync(1, "tools/call", "\"name\":\"instant\",\"arguments\":{}", Ext);
        Assert.Equal("complete", instant.GetProperty("result").GetProperty("resultType").GetString());
        Assert.Equal("instant", ServerHarness.Text(instant));
        var plain = await server.ModernAsync(2, "tools/call", "\"name\":\"never_a_task\",\"arguments\":{},\"task\":{\"ttl\":60000}", Ext);
        Assert.Equal("plain", ServerHarness.Text(plain));
        Assert.False(plain.GetProperty("result").TryGetProperty("taskId", out _));
    }

    [Fact]
    public async Task The_tasks_methods_are_gated_in_the_order_the_extension_gives()
    {
        await using var server = StartServer(new FakeTimeProvider(Start));
        // A request that does not declare the extension: -32021 before the (unknown) task is looked up.
        foreach (var (method, extra) in new[] { ("tasks/get", ""), ("tasks/update", ",\"inputResponses\":{}"), ("tasks/cancel", "") })
        {
            var refused = await server.ModernAsync(1, method, "\"taskId\":\"gate-test\"" + extra);
            Assert.Equal(-32021, refused.GetProperty("error").GetProperty("code").GetInt32());
            Assert.Equal("""{"extensions":{"io.modelcontextprotocol/tasks":{}}}""", refused.GetProperty("error").GetProperty("data").GetProperty("requiredCapabilities").GetRawText());
        }
        Assert.Equal(
            """{"code":-32602,"message":"Invalid params","data":{"details":"No task has the id 'nope' (tasks expire with their time to live, and each caller sees only its own)."}}""",
            ServerHarness.Error(await server.ModernAsync(2, "tasks/get", "\"taskId\":\"nope\"", Ext)));
        Assert.Equal(
            """{"code":-32602,"message":"Invalid params","data":{"details":"tasks/get requires \"taskId\" (a string)."}}""",
            ServerHarness.Error(await server.ModernAsync(3, "tasks/get", "", Ext)));
        // 2026-07-28 removed tasks/result and tasks/list.
        Assert.Equal("""{"code":-32601,"message":"Method not found","data":{"method":"tasks/result"}}""", ServerHarness.Error(await server.ModernAsync(4, "tasks/result", "\"taskId\":\"x\"", Ext)));
        Assert.Equal("""{"code":-32601,"message":"Method not found","data":{"method":"tasks/list"}}""", ServerHarness.Error(await server.ModernAsync(5, "tasks/list", "", Ext)));
    }

    [Fact]
    public async Task Without_tasks_on_the_server_the_methods_do_not_exist_and_discover_does_not_name_the_extension()
    {
        await using var server = ServerHarness.Start(b => b.AddTools<TaskFixtures>());
        Assert.Equal("""{"code":-32601,"message":"Method not found","data":{"method":"tasks/get"}}""", ServerHarness.Error(await server.ModernAsync(1, "tasks/get", "\"taskId\":\"x\"", Ext)));
        Assert.DoesNotContain("extensions", (await server.ModernAsync(2, "server/discover")).GetRawText());
        var key = Key();
        TaskFixtures.Gate(key).SetResult("no task");
        Assert.Equal("no task", ServerHarness.Text(await server.ModernAsync(3, "tools/call", $$"""
            "name":"gated","arguments":{"key":"{{key}}"}
            """.Trim(), Ext)));
    }

    [Fact]
    public async Task Discover_names_the_extension_and_not_the_legacy_tasks_capability()
    {
        await using var server = StartServer(new FakeTimeProvider(Start));
        var capabilities = (await server.ModernAsync(1, "server/discover")).GetProperty("result").GetProperty("capabilities");
        Assert.Equal("""{"io.modelcontextprotocol/tasks":{}}""", capabilities.GetProperty("extensions").GetRawText());
        Assert.False(capabilities.TryGetProperty("tasks", out _));
    }

    [Fact]
    public async Task Input_goes_working_to_input_required_and_back_and_an_answered_key_leaves_the_next_poll()
    {
        await using var server = StartServer(new FakeTimeProvider(Start));
        var key = Key();
        var taskId = await CreateAsync(server, 1, "ask_then_gate", $$"""{"key":"{{key}}"}""");
        TaskFixtures.Gate(key + "/ask").SetResult("ask");
        var asking = (await UntilAsync(server, taskId, "input_required")).GetProperty("result");
        Assert.Equal(
            """{"elicitation-1":{"method":"elicitation/create","params":{"mode":"form","message":"Go on?","requestedSchema":{"type":"object","properties":{"confirm":{"type":"boolean"}},"required":["confirm"]}}}}""",
            asking.GetProperty("inputRequests").GetRawText());
        Assert.Equal("Waiting for the client's input.", asking.GetProperty("statusMessage").GetString());
        Assert.False(asking.TryGetProperty("requestState", out _));

        // A key that is not open is ignored; a wrong-shaped answer to an open key is -32602 and changes nothing.
        var ignored = await server.ModernAsync(2, "tasks/update", Update(taskId, """{"unknown-key":{"ignored":true}}"""), Ext);
        Assert.Equal("""{"resultType":"complete",""" + Identity + "}", ignored.GetProperty("result").GetRawText());
        Assert.Equal(-32602, (await server.ModernAsync(3, "tasks/update", Update(taskId, """{"elicitation-1":{"action":"maybe"}}"""), Ext))
            .GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal("input_required", (await GetAsync(server, 4, taskId)).GetProperty("result").GetProperty("status").GetString());

        var ack = await server.ModernAsync(5, "tasks/update", Update(taskId, """{"elicitation-1":{"action":"accept","content":{"confirm":true}}}"""), Ext);
        Assert.Equal("""{"resultType":"complete",""" + Identity + "}", ack.GetProperty("result").GetRawText());
        var working = (await GetAsync(server, 6, taskId)).GetProperty("result");
        Assert.Equal("working", working.GetProperty("status").GetString());
        Assert.False(working.TryGetProperty("inputRequests", out _));
        TaskFixtures.Gate(key).SetResult("go");
        var done = await UntilAsync(server, taskId, "completed");
        Assert.Equal("confirmed go", done.GetProperty("result").GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_tool_error_completes_the_task_with_isError_and_a_protocol_error_fails_it_with_the_error()
    {
        await using var server = StartServer(new FakeTimeProvider(Start));
        var toolKey = Key();
        var toolError = await CreateAsync(server, 1, "gated_tool_error", $$"""{"key":"{{toolKey}}"}""");
        TaskFixtures.Gate(toolKey).SetResult("disk full");
        var completed = (await UntilAsync(server, toolError, "completed")).GetProperty("result");
        Assert.True(completed.GetProperty("result").GetProperty("isError").GetBoolean());
        Assert.Equal("disk full", completed.GetProperty("statusMessage").GetString());

        var protocolKey = Key();
        var protocolError = await CreateAsync(server, 2, "gated_protocol_error", $$"""{"key":"{{protocolKey}}"}""");
        TaskFixtures.Gate(protocolKey).SetResult("worker crashed");
        var failed = (await UntilAsync(server, protocolError, "failed")).GetProperty("result");
        Assert.Equal("""{"code":-32603,"message":"Internal error","data":{"details":"worker crashed"}}""", failed.GetProperty("error").GetRawText());
        Assert.Equal("worker crashed", failed.GetProperty("statusMessage").GetString());
        Assert.False(failed.TryGetProperty("result", out _));
    }

    [Fact]
    public async Task Cancel_acks_empty_fires_the_handlers_token_ends_cancelled_and_acks_again_once_terminal()
    {
        await using var server = StartServer(new FakeTimeProvider(Start));
        var key = Key();
        var taskId = await CreateAsync(server, 1, "gated", $$"""{"key":"{{key}}"}""");
        var ack = await server.ModernAsync(2, "tasks/cancel", $"\"taskId\":\"{taskId}\"", Ext);
        Assert.Equal("""{"resultType":"complete",""" + Identity + "}", ack.GetProperty("result").GetRawText());
        var cancelled = (await GetAsync(server, 3, taskId)).GetProperty("result");
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        Assert.Equal("Cancelled by the client.", cancelled.GetProperty("statusMessage").GetString());
        await HandlerCancelledAsync(key);
        // The work finishing later changes nothing: terminal states never change.
        TaskFixtures.Gate(key).TrySetResult("late");
        Assert.Equal("cancelled", (await GetAsync(server, 4, taskId)).GetProperty("result").GetProperty("status").GetString());
        Assert.Equal("""{"resultType":"complete",""" + Identity + "}", (await server.ModernAsync(5, "tasks/cancel", $"\"taskId\":\"{taskId}\"", Ext)).GetProperty("result").GetRawText());
    }

    [Fact]
    public async Task A_task_is_kept_until_its_time_to_live_then_is_unknown_and_its_memory_returned()
    {
        var clock = new FakeTimeProvider(Start);
        var store = new InMemoryMcpTaskStore(clock, TimeSpan.FromMinutes(1));
        await using var server = StartServer(clock, t =>
        {
            t.Store = store;
            t.DefaultTimeToLive = TimeSpan.FromMinutes(10);
        });
        var key = Key();
        var taskId = await CreateAsync(server, 1, "gated", $$"""{"key":"{{key}}"}""");
        TaskFixtures.Gate(key).SetResult("kept");
        await UntilAsync(server, taskId, "completed");
        clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromMilliseconds(1));
        Assert.Equal("completed", (await GetAsync(server, 2, taskId)).GetProperty("result").GetProperty("status").GetString());
        Assert.Equal(1, store.Count);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(-32602, (await GetAsync(server, 3, taskId)).GetProperty("error").GetProperty("code").GetInt32());
        clock.Advance(TimeSpan.FromMinutes(1)); // the sweep
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public async Task A_running_task_whose_time_to_live_runs_out_is_cancelled_and_its_handler_stopped()
    {
        var clock = new FakeTimeProvider(Start);
        await using var server = StartServer(clock, t => t.DefaultTimeToLive = TimeSpan.FromMinutes(1));
        var key = Key();
        var taskId = await CreateAsync(server, 1, "gated", $$"""{"key":"{{key}}"}""");
        clock.Advance(TimeSpan.FromMinutes(1));
        await HandlerCancelledAsync(key);
        Assert.Equal(-32602, (await GetAsync(server, 2, taskId)).GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task An_owner_at_its_bound_is_refused_until_one_of_its_tasks_expires()
    {
        var clock = new FakeTimeProvider(Start);
        await using var server = StartServer(clock, t =>
        {
            t.MaxTasksPerOwner = 2;
            t.DefaultTimeToLive = TimeSpan.FromMinutes(5);
        });
        await CreateAsync(server, 1, "gated", $$"""{"key":"{{Key()}}"}""");
        await CreateAsync(server, 2, "gated", $$"""{"key":"{{Key()}}"}""");
        var refused = await server.ModernAsync(3, "tools/call", $$"""
            "name":"gated","arguments":{"key":"{{Key()}}"}
            """.Trim(), Ext);
        Assert.Equal(
            """{"code":-32603,"message":"Internal error","data":{"details":"Too many tasks: the caller has 2 unexpired tasks (McpTaskOptions.MaxTasksPerOwner). Try again once one expires."}}""",
            ServerHarness.Error(refused));
        clock.Advance(TimeSpan.FromMinutes(5));
        await CreateAsync(server, 4, "gated", $$"""{"key":"{{Key()}}"}""");
    }

    [Fact]
    public async Task A_result_over_the_limit_fails_the_task()
    {
        await using var server = StartServer(new FakeTimeProvider(Start), t => t.MaxResultBytes = 1000);
        var key = Key();
        var taskId = await CreateAsync(server, 1, "big_result", $$"""{"size":2000,"key":"{{key}}"}""");
        TaskFixtures.Gate(key).SetResult("go");
        var failed = (await UntilAsync(server, taskId, "failed")).GetProperty("result");
        Assert.Matches(new Regex("^\\{\"code\":-32603,\"message\":\"Internal error\",\"data\":\\{\"details\":\"The result of tool 'big_result' is \\d+ bytes, over the tasks' limit of 1000 \\(McpTaskOptions.MaxResultBytes\\).\"\\}\\}$"),
            failed.GetProperty("error").GetRawText());
    }

    [Fact]
    public async Task Cancellation_racing_completion_ends_in_exactly_one_terminal_state_that_never_changes_1000_times()
    {
        await using var server = StartServer(new FakeTimeProvider(Start), t => t.MaxTasksPerOwner = 2000);
        int completed = 0, cancelled = 0;
        for (var i = 0; i < 1000; i++)
        {
            var key = Key();
            var taskId = await CreateAsync(server, "c" + i, "gated", $$"""{"key":"{{key}}"}""");
            var gate = TaskFixtures.Gate(key);
            // Completion and cancel race: the gate opens on another thread while the cancel is on its way.
            var release = Task.Run(() => gate.TrySetResult("won"), TestContext.Current.CancellationToken);
            var ack = await server.ModernAsync("x" + i, "tasks/cancel", $"\"taskId\":\"{taskId}\"", Ext);
            Assert.Equal("complete", ack.GetProperty("result").GetProperty("resultType").GetString());
            await release;
            JsonElement end = default;
            for (var poll = 0; poll < 1000; poll++)
            {
                end = (await GetAsync(server, "g" + i + "-" + poll, taskId)).GetProperty("result");
                if (end.GetProperty("status").GetString() is "completed" or "cancelled") break;
                await Task.Yield();
            }
            var status = end.GetProperty("status").GetString();
            if (status == "completed")
            {
                completed++;
                Assert.Equal("won", end.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
            }
            else
            {
                Assert.Equal("cancelled", status);
                Assert.False(end.TryGetProperty("result", out _));
                cancelled++;
            }
            Assert.Equal(status, (await GetAsync(server, "h" + i, taskId)).GetProperty("result").GetProperty("status").GetString());
            TaskFixtures.Gates.TryRemove(key, out _);
        }
        Assert.Equal(1000, completed + cancelled);
    }

    [Fact]
    public async Task When_the_stdio_server_stops_its_running_tasks_end_cancelled_and_their_handlers_are_stopped()
    {
        var clock = new FakeTimeProvider(Start);
        var store = new InMemoryMcpTaskStore(clock);
        var server = StartServer(clock, t => t.Store = store);
        var key = Key();
        var taskId = await CreateAsync(server, 1, "gated", $$"""{"key":"{{key}}"}""");
        await server.CloseInputAsync();
        await server.Completion.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.True(TaskFixtures.Cancelled(key).Task.IsCompleted);
        var record = await store.GetAsync(taskId, "anonymous", TestContext.Current.CancellationToken);
        Assert.Equal(McpTaskStatus.Cancelled, record!.Status);
        Assert.Equal("The server stopped before the task ended.", record.StatusMessage);
        await server.DisposeAsync();
    }
}
